export * from './focus';
export * from './series';
