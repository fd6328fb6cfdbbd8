import type { Severity } from './finding';

/** What a configuration says about one rule: `off` (not run) or the severity of its findings. */
export type RuleSetting = 'off' | Severity;

/** The values a `RuleSetting` takes, for schema checks and messages. */
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error'];
