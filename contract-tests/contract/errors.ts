/**
 * A request the mock refuses: the HTTP status and a message naming what was at fault. It never leaves the
 * pipeline as an exception; the pipeline renders it in the service's error envelope.
 */
export class MockRequestError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers the status calls for, such as `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'MockRequestError';
    this.code = `MOCK_HTTP_${status}`;
  }
}

export type MockConfigCode =
  | 'CONFIG_MOCK_UNKNOWN_SERVICE'
  | 'CONFIG_MOCK_ROUTE_CONFLICT'
  | 'CONFIG_MOCK_DEFINITION'
  | 'CONFIG_MISSING_CREDENTIALS'
  | 'CONFIG_MOCK_OPTION';

/**
 * Why the mock cannot start. The `CONFIG_` prefix is what the CLI dispatcher maps to exit 2 with a one-line
 * message, since every one of these is fixed by changing options, environment or schemas, not by retrying.
 */
export class MockConfigError extends Error {
  constructor(
    readonly code: MockConfigCode,
    message: string,
  ) {
    super(message);
    this.name = 'MockConfigError';
  }
}
