export * from './errors';
export * from './dates';
export * from './log';
export * from './money';
