import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_RULES } from '../lint/rules';
import { RULE_SETTINGS, type RuleSetting } from '../lint/rule-settings';
import { readYamlFile } from '../manifests/yaml-file';
import { checkDnsLabel, closest } from '../model/names';
import { PolicyError } from '../model/policy-error';
import { InputError } from './input-error';

/** The file `netpol` reads its settings from, in the working directory. */
export const CONFIG_FILE = '.netpol.yaml';

/**
 * The settings of `.netpol.yaml`; flags override them.
 *
 * ```yaml
 * platformNamespaces: [longhorn-system, flux-system]
 * rules:
 *   host-policy-needs-host-firewall: off   # the cluster runs the host firewall
 *   one-sided-flow: error                   # fail CI on it
 * ```
 */
export interface NetpolConfig {
  /** The file the settings came from, for messages. @default - none: no file, every default */
  readonly file?: string;
  /**
   * Namespaces to treat as platform namespaces (lint, doctor), besides the platform label and the
   * well-known list; `--platform` adds to them.
   * @default - none
   */
  readonly platformNamespaces: readonly string[];
  /** Per lint rule id: `off`, `warning` or `error`. @default - every rule with its own severity */
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

const FIELDS = ['platformNamespaces', 'rules'] as const;

/**
 * Reads the settings: the file `--config` names, else `.netpol.yaml` in the working directory
 * when there is one, else the defaults. The file is checked against its schema.
 *
 * @param cwd the working directory
 * @param file the `--config` value
 * @throws InputError naming the file and the field when the file is unreadable or invalid
 */
export function loadConfig(cwd: string, file?: string): NetpolConfig {
  const chosen = file ?? (fs.existsSync(path.join(cwd, CONFIG_FILE)) ? CONFIG_FILE : undefined);
  if (chosen === undefined) return { platformNamespaces: [], rules: {} };
  return parseConfig(readYamlFile(chosen, cwd, FIELDS), chosen);
}

/**
 * Checks a parsed configuration against the schema of `NetpolConfig`.
 *
 * @param value the parsed YAML
 * @param file the file name, for messages
 * @throws InputError naming the file and the field
 */
export function parseConfig(value: unknown, file: string): NetpolConfig {
  const fail = (field: string, message: string): never => { throw new InputError(`${file}: ${field}: ${message}`); };
  if (value === null || value === undefined) return { file, platformNamespaces: [], rules: {} };
  if (typeof value !== 'object' || Array.isArray(value)) fail('(top level)', `expected a mapping with ${FIELDS.join(', ')}.`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      const near = closest(key, FIELDS);
      fail(key, `unknown field.${near ? ` Did you mean "${near}"?` : ''} Fields: ${FIELDS.join(', ')}.`);
    }
  }
  const platform = record.platformNamespaces ?? [];
  if (!Array.isArray(platform)) fail('platformNamespaces', 'expected a list of namespace names.');
  const platformNamespaces = (platform as unknown[]).map((name, i) => {
    try {
      if (typeof name !== 'string') throw new PolicyError(`expected a namespace name, got ${JSON.stringify(name)}`);
      return checkDnsLabel('namespace name', name);
    } catch (error) {
      return fail(`platformNamespaces[${i}]`, (error as Error).message);
    }
  });
  const rulesValue = record.rules ?? {};
  if (typeof rulesValue !== 'object' || rulesValue === null || Array.isArray(rulesValue)) fail('rules', `expected a mapping of rule id to ${RULE_SETTINGS.join(' | ')}.`);
  const ids = LINT_RULES.map((r) => r.id);
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rulesValue as Record<string, unknown>)) {
    if (!ids.includes(id)) {
      const near = closest(id, ids);
      fail(`rules.${id}`, `unknown rule.${near ? ` Did you mean "${near}"?` : ''} Rules: ${ids.join(', ')}.`);
    }
    // YAML 1.1 readers turn a bare `off` into false; accept it as what was meant.
    const normalized = setting === false ? 'off' : setting;
    if (!(RULE_SETTINGS as readonly unknown[]).includes(normalized)) fail(`rules.${id}`, `"${String(setting)}" is not one of ${RULE_SETTINGS.join(', ')}.`);
    rules[id] = normalized as RuleSetting;
  }
  return { file, platformNamespaces, rules };
}
