import { ContractError } from '../schemas/_shared/errors.ts';
import type { SigningErrorCode } from '../schemas/_shared/signing/errors.ts';
import type { XmlErrorCode } from '../schemas/_shared/xml/errors.ts';

export { ContractError } from '../schemas/_shared/errors.ts';

/** 130 = 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface ErrorEntry {
  /**
   * What the process exits with when the error reaches the CLI. `usage`: the user's mistake (options,
   * environment, input files), told in one line without a stack trace; `failed`: a fault of the tool or of
   * the schemas, raised with its stack.
   */
  exit: ExitCode;
  /** For the mock's refusals: the HTTP status it answers with, in the service's error envelope. */
  status?: number;
}

const usage = { exit: EXIT.usage } as const;
const failed = { exit: EXIT.failed } as const;

/** Every error code the tool raises, with what it means for the process. */
export const ERRORS = {
  USAGE: usage,
  // Configuration: options, environment, selections, files the user wrote.
  CONFIG_MISSING_CREDENTIALS: usage,
  CONFIG_UNKNOWN_SIGNER: usage,
  CONFIG_RELEASE: usage,
  CONFIG_SELECTION: usage,
  CONFIG_TARGET: usage,
  CONFIG_OPTION: usage,
  CONFIG_VALUES: usage,
  CONFIG_MOCK_UNKNOWN_SERVICE: usage,
  CONFIG_MOCK_ROUTE_CONFLICT: usage,
  CONFIG_MOCK_DEFINITION: usage,
  CONFIG_MOCK_OPTION: usage,
  // A schema of this repository whose own example no longer matches it: generate and mock name the place.
  CONFIG_SCHEMA: usage,
  // The specs `diff` compares and its acknowledged-breaks file.
  DIFF_SPEC_NOT_FOUND: usage,
  DIFF_GIT_SHOW: usage,
  DIFF_SPEC_PARSE: usage,
  DIFF_NOT_OPENAPI: usage,
  DIFF_BAD_REF: usage,
  DIFF_ACK_FILE: usage,
  // Faults in the schemas or the generated artifacts: found by `npm test`, never by a user's run.
  SCHEMA_DEFINITION: failed,
  DOCS_BUILD: failed,
  // Requests that could not be sent or answered: reported as `transport` findings, not raised to the CLI.
  CLIENT_REQUEST_BUILD: failed,
  CLIENT_SIGNING: failed,
  CLIENT_TIMEOUT: failed,
  CLIENT_NETWORK: failed,
  CLIENT_TRUNCATED: failed,
  CLIENT_BODY_TOO_LARGE: failed,
  CLIENT_ABORTED: failed,
  AUTH_IAM_TOKEN: failed,
  SIGNING_UNSUPPORTED_BODY: failed,
  SIGNING_UNSUPPORTED_QUERY: failed,
  SIGNING_MISSING_HOST: failed,
  // The XML codec: a document it refuses, or a schema with no XML form.
  XML_MALFORMED: failed,
  XML_DTD_FORBIDDEN: failed,
  XML_TOO_LARGE: failed,
  XML_TOO_DEEP: failed,
  XML_TOO_MANY_ELEMENTS: failed,
  XML_ROOT_MISSING: failed,
  XML_TYPE_MISMATCH: failed,
  XML_UNENCODABLE: failed,
  XML_UNSUPPORTED_SCHEMA: failed,
  // The mock's refusals of a request: answered over HTTP in the service's envelope, never raised to the CLI.
  MOCK_CONTENT_TYPE: { exit: EXIT.failed, status: 415 },
  MOCK_BODY_ENCODING: { exit: EXIT.failed, status: 400 },
  MOCK_BODY_JSON: { exit: EXIT.failed, status: 400 },
  MOCK_BODY_XML: { exit: EXIT.failed, status: 400 },
  MOCK_BODY_TOO_LARGE: { exit: EXIT.failed, status: 413 },
  MOCK_PATH_ENCODING: { exit: EXIT.failed, status: 400 },
  MOCK_INVALID_REQUEST: { exit: EXIT.failed, status: 400 },
  MOCK_PREFER: { exit: EXIT.failed, status: 400 },
  MOCK_AUTH: { exit: EXIT.failed, status: 401 },
  MOCK_NOT_ACCEPTABLE: { exit: EXIT.failed, status: 406 },
} as const satisfies Record<SigningErrorCode | XmlErrorCode, ErrorEntry> & Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;
type CodeOf<Prefix extends string> = Extract<ErrorCode, `${Prefix}${string}`>;

export type MockRequestCode = CodeOf<'MOCK_'>;
export type MockConfigCode = CodeOf<'CONFIG_MOCK_'> | 'CONFIG_MISSING_CREDENTIALS';
export type RunConfigCode = 'CONFIG_MISSING_CREDENTIALS' | 'CONFIG_SELECTION' | 'CONFIG_TARGET' | 'CONFIG_OPTION' | 'CONFIG_VALUES';
export type ClientErrorCode = CodeOf<'CLIENT_'>;
export type DiffInputErrorCode = CodeOf<'DIFF_'>;

/** The exit code of an error that reached the CLI: the catalogue's for a ContractError, else a failure. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof ContractError && Object.hasOwn(ERRORS, error.code)) {
    return ERRORS[error.code as ErrorCode].exit;
  }
  return EXIT.failed;
}

/** A mistake in how the tool was called or configured: reported in one line, exit 2, no stack trace. */
export class UsageError extends ContractError<'USAGE'> {
  constructor(message: string) {
    super('USAGE', message);
  }
}
