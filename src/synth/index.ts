export * from './layout';
export * from './output-error';
export * from './schema';
export * from './synthesize';
export * from './synthesize-main';
export * from './write-atomic';
export * from './yaml';
