/**
 * A policy the library refuses to build. The message says what is wrong, shows the value,
 * says what is allowed and gives the fix; `constructPath` names the construct when known.
 */
export class PolicyError extends Error {
  /**
   * An error listing several problems: `message` is a heading, each problem one
   * `[construct path] message` line; `problems` keeps them apart so synthesis can merge them into
   * its single report.
   *
   * @param heading what was refused, e.g. `Cluster edge cannot be rendered as plain NetworkPolicy:`
   * @param problems one `[construct path] message` line each
   */
  static listing(heading: string, problems: readonly string[]): PolicyError {
    return new PolicyError(`${heading}\n  ${problems.join('\n  ')}`, undefined, problems);
  }

  /**
   * @param message what is wrong and how to fix it
   * @param constructPath the path of the construct at fault
   * @param problems the `[construct path] message` lines, when the error lists several problems
   * @default constructPath - none: the error comes from a value factory
   * @default problems - the message is one problem
   */
  constructor(message: string, readonly constructPath?: string, readonly problems?: readonly string[]) {
    super(constructPath ? `[${constructPath}] ${message}` : message);
    this.name = 'PolicyError';
  }
}
