export * from './types';
export * from './retry';
export * from './decimal';
export * from './finality';
