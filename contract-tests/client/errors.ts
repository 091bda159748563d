import { type ClientErrorCode, ContractError } from '../errors.ts';

/**
 * Why no response could be checked: the request never completed. These are transport facts (`CLIENT_*`), kept
 * apart from contract findings, which are about a response that did arrive.
 */
export type { ClientErrorCode } from '../errors.ts';

export class ClientError extends ContractError<ClientErrorCode> {
  /** How many times the request went out before it failed: 0 when it could not be built or signed. */
  readonly attempts: number;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown; attempts?: number }) {
    super(code, message, options);
    this.attempts = options?.attempts ?? 0;
  }
}

const TIMEOUTS: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting',
  UND_ERR_HEADERS_TIMEOUT: 'waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'reading the response body',
};

/** undici's and Node's error codes, mapped to the runner's; the original stays as `cause`. */
export function toClientError(error: unknown, url: string, attempts: number): ClientError {
  if (error instanceof ClientError) {
    return error.attempts === attempts ? error : new ClientError(error.code, error.message, { cause: error.cause, attempts });
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const phase = TIMEOUTS[code];
  if (phase !== undefined) {
    return new ClientError('CLIENT_TIMEOUT', `timed out ${phase} (${url})`, { cause: error, attempts });
  }
  if (code === 'UND_ERR_ABORTED' || (error instanceof Error && error.name === 'AbortError')) {
    return new ClientError('CLIENT_ABORTED', `request to ${url} was aborted`, { cause: error, attempts });
  }
  return new ClientError('CLIENT_NETWORK', `${url}: ${code === '' ? message : `${code} ${message}`}`, { cause: error, attempts });
}
