export * from './focus';
export * from './series';
export * from './charges-table';
