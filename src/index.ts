// The public API of cdk8s-netpol. This file only re-exports.
export * from './cli/io';
export * from './constructs';
export * from './diff';
export * from './docs';
export * from './doctor';
export * from './flows';
export * from './lint';
export * from './manifests/load';
export * from './manifests/manifest';
export * from './model';
export * from './probe';
export * from './render';
export * from './synth';
// The model and the simulator name the same protocol union; export it once.
export type { Protocol } from './model/port';
