/**
 * Bad input to a CLI command: an unreadable file, invalid YAML, a schema error, a wrong flag.
 * The CLI prints the message and exits with status 2.
 *
 * The message must name the file, the object and the field, so a person can fix it.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
