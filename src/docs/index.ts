export * from './namespace-facts';
export * from './page-file';
export * from './policy-page';
export * from './render-json';
export * from './render-markdown';
export * from './render-mermaid';
export * from './render-text';
