/**
 * A policy the library refuses to build. The message says what is wrong, shows the value,
 * says what is allowed and gives the fix; `constructPath` names the construct when known.
 */
export class PolicyError extends Error {
  /**
   * @param message what is wrong and how to fix it
   * @param constructPath the path of the construct at fault
   * @default constructPath - none: the error comes from a value factory
   */
  constructor(message: string, readonly constructPath?: string) {
    super(constructPath ? `[${constructPath}] ${message}` : message);
    this.name = 'PolicyError';
  }
}
