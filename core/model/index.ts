export * from './focus';
export * from './series';
export * from './charges-table';
export * from './scenario';
