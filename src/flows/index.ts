// The flow space shared by `netpol diff` and `netpol docs`: which flows to check and how.
export * from './flow-sweep';
export * from './peer-group';
export * from './policy-ports';
export * from './port-protocol';
export * from './representative-topology';
export * from './baseline-policies';
