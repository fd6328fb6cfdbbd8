// The flow space shared by `netpol diff` and `netpol docs`: which flows to check and how.
export * from './candidate-flows';
export * from './flow-evaluator';
export * from './peer-group';
export * from './policy-ports';
export * from './port-protocol';
export * from './representative-topology';
