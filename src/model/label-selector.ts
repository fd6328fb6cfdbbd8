import { compareText } from './compare';
import { checkLabels, sortedRecord, type LabelValues } from './names';
import { PolicyError } from './policy-error';
import { Problems, withProblems } from './problems';
import { Var } from './var';

/** The operators of a label selector requirement (Kubernetes API reference, LabelSelectorRequirement). */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** One requirement of a label selector, as written. */
export interface LabelRequirementProps {
  /** The label key. */
  readonly key: string;
  /** How the key's value is matched. */
  readonly operator: SelectorOperator;
  /**
   * The values: at least one for `In` and `NotIn`, none for `Exists` and `DoesNotExist`.
   * @default - none
   */
  readonly values?: readonly (string | Var)[];
}

/** One requirement of a label selector, checked: values sorted and unique. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** The values, sorted; empty for `Exists` and `DoesNotExist`. */
  readonly values: readonly string[];
}

/** Properties of `LabelSelector.of`. */
export interface LabelSelectorProps {
  /**
   * Labels the object must carry (each `key: value` is `key In [value]`).
   * @default - no label condition
   */
  readonly matchLabels?: LabelValues;
  /**
   * Further requirements; all must hold.
   * @default - no expression
   */
  readonly matchExpressions?: readonly LabelRequirementProps[];
}

/**
 * A Kubernetes label selector: `matchLabels` and `matchExpressions` (In, NotIn, Exists,
 * DoesNotExist), all ANDed (Kubernetes API reference, LabelSelector). Checked as the API server
 * does: `In`/`NotIn` need values, `Exists`/`DoesNotExist` take none, keys and values follow the
 * label syntax. Immutable; an invalid selector carries its problems (`problemsOfValue`).
 *
 * @example LabelSelector.of({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['snmp-exporter', 'ipmi-exporter'] }] })
 */
export class LabelSelector {
  /**
   * A selector from `matchLabels` and `matchExpressions`.
   *
   * @param props the conditions
   */
  static of(props: LabelSelectorProps): LabelSelector {
    const problems = new Problems();
    let matchLabels: Readonly<Record<string, string>> = {};
    problems.check(() => { matchLabels = checkLabels('a label selector', props?.matchLabels ?? {}); });
    const expressions: LabelRequirement[] = [];
    const given = props?.matchExpressions ?? [];
    if (!Array.isArray(given)) problems.add(`Invalid matchExpressions ${JSON.stringify(given)}: give a list of { key, operator, values }.`);
    else for (const requirement of given) {
      const checked = checkRequirement(requirement, problems);
      if (checked) expressions.push(checked);
    }
    expressions.sort((a, b) => compareText(a.key, b.key) || compareText(a.operator, b.operator) || compareText(a.values.join(','), b.values.join(',')));
    const unique = expressions.filter((e, i) => i === 0 || JSON.stringify(e) !== JSON.stringify(expressions[i - 1]));
    return withProblems(new LabelSelector(sortedRecord(matchLabels), unique), problems);
  }

  /**
   * A selector of labels only.
   *
   * @param labels the labels the object must carry
   */
  static labels(labels: LabelValues): LabelSelector {
    return LabelSelector.of({ matchLabels: labels });
  }

  private constructor(
    /** The labels, sorted by key. */
    readonly matchLabels: Readonly<Record<string, string>>,
    /** The requirements, in canonical order. */
    readonly matchExpressions: readonly LabelRequirement[],
  ) {}

  /** True when the selector has no condition (it selects everything). */
  get isEmpty(): boolean {
    return Object.keys(this.matchLabels).length === 0 && this.matchExpressions.length === 0;
  }

  /**
   * Whether an object with `labels` is selected.
   *
   * @param labels the object's labels
   */
  matches(labels: Readonly<Record<string, string>>): boolean {
    return Object.entries(this.matchLabels).every(([k, v]) => labels[k] === v) && this.matchExpressions.every((r) => requirementMatches(r, labels));
  }

  /** The Kubernetes selector syntax: `app=web,tier in (a,b),!debug,zone`. */
  toString(): string {
    return [
      ...Object.entries(this.matchLabels).map(([k, v]) => `${k}=${v}`),
      ...this.matchExpressions.map(requirementText),
    ].join(',');
  }
}

/**
 * Whether an object with `labels` meets one requirement.
 *
 * @param requirement the requirement
 * @param labels the object's labels
 */
export function requirementMatches(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In': return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn': return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

/**
 * A requirement in the Kubernetes selector syntax: `k in (a,b)`, `k notin (a)`, `k`, `!k`.
 *
 * @param requirement the requirement
 */
export function requirementText(requirement: LabelRequirement): string {
  switch (requirement.operator) {
    case 'In': return `${requirement.key} in (${requirement.values.join(',')})`;
    case 'NotIn': return `${requirement.key} notin (${requirement.values.join(',')})`;
    case 'Exists': return requirement.key;
    case 'DoesNotExist': return `!${requirement.key}`;
  }
}

function checkRequirement(requirement: LabelRequirementProps, problems: Problems): LabelRequirement | undefined {
  if (requirement === null || typeof requirement !== 'object') {
    problems.add(`Invalid matchExpressions entry ${JSON.stringify(requirement)}: give { key, operator, values }.`);
    return undefined;
  }
  const { key, operator } = requirement;
  const values = (requirement.values ?? []).map((v) => (v instanceof Var ? v.toString() : v));
  const text = `{ key: ${JSON.stringify(key)}, operator: ${JSON.stringify(operator)}${requirement.values ? `, values: ${JSON.stringify(values)}` : ''} }`;
  if (!OPERATORS.includes(operator)) {
    problems.add(`Invalid operator ${JSON.stringify(operator)} in matchExpressions ${text}: use In, NotIn, Exists or DoesNotExist.`);
    return undefined;
  }
  // The API server's rules (apimachinery, ValidateLabelSelectorRequirement): In and NotIn need
  // values, Exists and DoesNotExist must have none.
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    problems.add(`matchExpressions ${text}: ${operator} needs at least one value, e.g. values: ['web'].`);
    return undefined;
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    problems.add(`matchExpressions ${text}: ${operator} takes no values; remove them, or use ${operator === 'Exists' ? 'In' : 'NotIn'} to match these values.`);
    return undefined;
  }
  const ok = problems.check(() => {
    if (typeof key !== 'string') throw new PolicyError(`Invalid key ${JSON.stringify(key)} in matchExpressions: give a label key.`);
    checkLabels(`matchExpressions ${text}`, { [key]: '' });
    for (const value of values) checkLabels(`matchExpressions ${text}`, { [key]: value });
  });
  return ok ? { key, operator, values: [...new Set(values)].sort(compareText) } : undefined;
}
