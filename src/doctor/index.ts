export * from './diagnose';
export * from './doctor-report';
export * from './flow-topology';
export * from './hubble-flow';
export * from './platform-sources';
export * from './format';
