// Everything of cdk8s-netpol, internals included (the CLI's io, the sorting helpers, ...), for this
// repository's own tests, tools and reference clusters. It is NOT the package's API: the package
// entry is src/public.ts (package.json `exports`), and this file is left out of the build
// (tsconfig.build.json), so no `cdk8s-netpol/lib/index` exists in the package. This file only re-exports.
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
