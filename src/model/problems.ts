import { PolicyError } from './policy-error';

/*
 * How a mistake in a cluster definition reaches the user: ONE report of every problem, each with
 * its construct path and the fix, exit status 2, no stack trace. Read this before adding a factory
 * or a check.
 *
 * 1. Value factories (`Port.tcp`, `Peer.cidr`, `Downgrade.toCidrs`, ...) validate eagerly but never
 *    throw on bad input: JavaScript evaluates them before the construct method that receives them
 *    runs, so a throw would end the program at the first mistake, with a stack and no path. They
 *    return the value with its problems attached: `withProblems(value, problems.messages)`, or
 *    `attachProblems(this, problems)` in a private constructor. A value built from other values
 *    carries theirs too (`problems.addFrom(peer, ...ports)`).
 * 2. A construct never throws on bad input either: `problemsOf(this)` (src/constructs/problems.ts)
 *    is its list; `.add(message)` for its own checks, `.addFrom(value, ...)` for every value it
 *    receives (so `Port.tcp(0)` written anywhere in user code is reported at the construct that
 *    uses it), `.check(() => checkDnsLabel(...))` to reuse a throwing check. The list is a
 *    `node.addValidation`, so cross-object checks written as validations land in the same report.
 * 3. `synthesizeFiles` runs every validation (a validation that throws a `PolicyError` counts as a
 *    problem of its construct), then the renderers of the clusters, and throws ONE `PolicyError`
 *    listing `[construct path] message` lines; `synthesizeMain` prints it and exits with 2.
 * 4. A plain `Error` (or anything not a `PolicyError`) is a bug of the library: exit 3 with a stack.
 *
 * Outside a construct (scripts, tests), `problemsOfValue(Port.tcp(0))` lists a value's problems
 * and `assertValid(value)` throws them as a `PolicyError`.
 */

const attached = new WeakMap<object, readonly string[]>();

/**
 * A list of problems being collected: a value factory's or a construct's. Messages say what is
 * wrong, show the value, say what is allowed and give the fix.
 */
export class Problems {
  private readonly list: string[] = [];

  /** The problems, in the order found, without repeats. */
  get messages(): readonly string[] {
    return this.list;
  }

  /** True when no problem was found. */
  get ok(): boolean {
    return this.list.length === 0;
  }

  /**
   * Records a problem.
   *
   * @param message what is wrong, the value, what is allowed and the fix
   */
  add(message: string): void {
    if (!this.list.includes(message)) this.list.push(message);
  }

  /**
   * Records the problems the given values carry (values built by the library's factories; other
   * values carry none).
   *
   * @param values values, or arrays of values
   */
  addFrom(...values: unknown[]): void {
    for (const value of values) {
      if (Array.isArray(value)) this.addFrom(...value);
      else for (const message of problemsOfValue(value)) this.add(message);
    }
  }

  /**
   * Runs a check that throws `PolicyError` (`checkDnsLabel`, `checkCidr`, ...) and records its
   * message instead. Other errors (bugs) propagate.
   *
   * @param check the check
   * @returns whether the check passed
   */
  check(check: () => unknown): boolean {
    try {
      check();
      return true;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      this.add(error.message);
      return false;
    }
  }
}

/**
 * Attaches problems to a value (a factory's result); an empty list attaches nothing.
 *
 * @param value the value
 * @param problems its problems
 * @returns `value`
 */
export function withProblems<T extends object>(value: T, problems: Problems | readonly string[]): T {
  const messages = problems instanceof Problems ? problems.messages : problems;
  if (messages.length > 0) attached.set(value, [...(attached.get(value) ?? []), ...messages]);
  return value;
}

/**
 * Attaches problems to a value from inside its constructor: `attachProblems(this, problems)`.
 *
 * @param value the value being built
 * @param problems its problems
 */
export function attachProblems(value: object, problems: Problems | readonly string[]): void {
  withProblems(value, problems);
}

/**
 * The problems a value carries (none for values the library's factories did not flag).
 *
 * @param value any value
 */
export function problemsOfValue(value: unknown): readonly string[] {
  return value !== null && typeof value === 'object' ? attached.get(value) ?? [] : [];
}

/**
 * Throws the problems of values as one `PolicyError`, for code outside constructs that wants the
 * factories' validation up front.
 *
 * @param values values, or arrays of values
 * @throws PolicyError listing every problem
 */
export function assertValid(...values: unknown[]): void {
  const problems = new Problems();
  problems.addFrom(...values);
  if (!problems.ok) throw new PolicyError(problems.messages.join('\n'));
}
