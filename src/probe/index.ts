export * from './flow';
export * from './topology';
export * from './topology-file';
export * from './verdict';
export * from './simulator';
