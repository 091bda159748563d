/** A mistake in how the tool was called or configured: reported in one line, exit 2, no stack trace. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
