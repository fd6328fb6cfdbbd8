export * from './flow';
export * from './topology';
export * from './topology-file';
export * from './verdict';
export * from './policy-ref';
export * from './simulator';
export * from './reachability';
export * from './probe-file';
