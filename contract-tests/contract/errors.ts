import { ContractError, ERRORS, type MockConfigCode, type MockRequestCode } from '../errors.ts';

/**
 * A request the mock refuses: the HTTP status and a message naming what was at fault. It never leaves the
 * pipeline as an exception; the pipeline renders it in the service's error envelope.
 */
export class MockRequestError extends ContractError<MockRequestCode> {
  /** The status the mock answers with: the code's in the catalogue. */
  readonly status: number;
  constructor(
    code: MockRequestCode,
    message: string,
    /** Extra response headers the status calls for, such as `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
    this.status = ERRORS[code].status;
  }
}

export type { MockConfigCode, MockRequestCode } from '../errors.ts';

/**
 * Why the mock cannot start. Each is exit 2 with a one-line message (the catalogue's `usage`),
 * since every one of these is fixed by changing options, environment or schemas, not by retrying.
 */
export class MockConfigError extends ContractError<MockConfigCode> {}
