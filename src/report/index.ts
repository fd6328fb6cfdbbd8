// `netpol report`: one self-contained HTML page of what a cluster's policies allow.
export * from './graph-layout';
export * from './page-data';
export * from './render-html';
export * from './report-model';
