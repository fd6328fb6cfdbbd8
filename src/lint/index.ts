export * from './finding';
export * from './lint-context';
export * from './lint-rule';
export * from './linter';
export * from './locate';
export * from './format';
export { LINT_RULES } from './rules';
export * from './rule-settings';
export * from './suppression';
