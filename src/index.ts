// The public API of cdk8s-netpol. This file only re-exports.
export * from './cli/io';
export * from './probe';
