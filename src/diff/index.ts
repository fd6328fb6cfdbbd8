export * from './diff-flows';
export * from './flow-change';
export * from './git-tree';
export * from './load-side';
export * from './render-json';
export * from './render-markdown';
export * from './render-text';
