import { setTimeout as delay } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import type { ReceivedResponse } from '../checks/check-response.ts';
import { ClientError, toClientError } from './errors.ts';
import { egressAgent } from './proxy-env.ts';
import type { PreparedRequest } from './request.ts';
import { signingInterceptor } from './signers/interceptor.ts';
import type { Signing } from './signers/sign.ts';

export type { Signing } from './signers/sign.ts';

export interface ClientOptions {
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lower-case forms) are read: a corporate egress proxy. */
  env?: Env;
  /** The most one attempt may take, from connecting to the last byte of the body (`--timeout`); default 30 s. */
  timeoutMs?: number;
  /** Finer bounds within an attempt, each at most `timeoutMs` unless set: connecting (default 10 s), silence before the headers, between body chunks. */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Responses larger than this are refused (CLIENT_BODY_TOO_LARGE) instead of read into memory. */
  maxBodyBytes?: number;
  /** Retries of a read operation after the first attempt. */
  maxRetries?: number;
  /** Without `Retry-After`, the first retry waits this long, doubling up to `maxRetryDelayMs`. */
  minRetryDelayMs?: number;
  /** The longest single wait: a server asking for more (`Retry-After: 120`) is not retried, its answer stands. */
  maxRetryDelayMs?: number;
  /** The longest a request waits in all, across its retries. */
  maxRetryWaitMs?: number;
  /** The clock signatures are made with, and `Retry-After` dates are read against. */
  now?: () => number;
  /** How a retry waits; tests pass one that records the wait instead of sleeping. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export interface SendOptions {
  signing?: Signing | undefined;
  /** Only read operations are retried: resending a write could apply it twice. */
  retry: boolean;
  /** Statuses worth another attempt; the status the example itself documents is never one of them. */
  retryStatuses?: readonly number[];
  signal?: AbortSignal | undefined;
}

export interface Sent {
  response: ReceivedResponse;
  /** How many times the request went out, retries included. */
  attempts: number;
  /** How long the retries waited in all. */
  waitedMs: number;
}

export interface Client {
  send(request: PreparedRequest, options: SendOptions): Promise<Sent>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const DEFAULTS = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRetries: 2,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 10_000,
  maxRetryWaitMs: 20_000,
} satisfies ClientOptions;

/**
 * The failures a read is retried after: a reset, a body cut short, a server that stalled once connected. The rest
 * (DNS failure, refused connection, a connect timeout) will not heal in a second.
 */
const RETRIED_ERRORS = [
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'CLIENT_TRUNCATED',
  'CLIENT_TIMEOUT',
];

/** Errors by which the connection closed under a body being read: the body is cut short, not the request refused. */
const CUT_SHORT = ['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'];

const codeOf = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '');

/** Counts attempts on the request's own counter; it sits inside the signer, so a request that cannot be signed never counts. */
const ATTEMPTS = Symbol('attempts');
type CountedOptions = Dispatcher.DispatchOptions & { [ATTEMPTS]?: { count: number } };

const countAttempts: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const counter = (opts as CountedOptions)[ATTEMPTS];
  if (counter) {
    counter.count += 1;
  }
  return dispatch(opts, handler);
};

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

async function readBody(
  body: AsyncIterable<Buffer> & { destroy(): void },
  headers: Record<string, string>,
  limit: number,
  url: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        throw new ClientError('CLIENT_BODY_TOO_LARGE', `the response from ${url} is larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (!CUT_SHORT.includes(codeOf(error))) {
      throw error;
    }
    const length = headers['content-length'];
    const of = length === undefined ? '' : ` of the ${length} its Content-Length announced`;
    throw new ClientError('CLIENT_TRUNCATED', `the response from ${url} ended after ${size} bytes${of} (${codeOf(error)})`, {
      cause: error,
    });
  }
  return Buffer.concat(chunks, size);
}

/**
 * How long the server asks to wait, from `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3); undefined
 * when it says nothing readable.
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const text = header?.trim() ?? '';
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const at = text === '' ? Number.NaN : Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleepFor = (ms: number, signal: AbortSignal | undefined) => delay(ms, undefined, signal ? { signal } : {});

/**
 * One connection pool for the run. Each attempt goes through `[counter, signer]`: undici's compose makes the last
 * interceptor the outermost, so every attempt is signed afresh (NCP and Huawei both refuse a stale timestamp) and
 * the counter sees only attempts that went out. Retries are made here rather than by undici's retry interceptor,
 * whose waits can be neither bounded in total nor interrupted.
 */
export function createClient(options: ClientOptions = {}): Client {
  const settings = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const agent = egressAgent(
    {
      connect: { timeout: options.connectTimeoutMs ?? Math.min(10_000, settings.timeoutMs) },
      headersTimeout: options.headersTimeoutMs ?? settings.timeoutMs,
      bodyTimeout: options.bodyTimeoutMs ?? settings.timeoutMs,
    },
    options.env ?? {},
  );
  const chains = new Map<string, Dispatcher>();

  function dispatcherFor(signing: Signing | undefined): Dispatcher {
    const key = signing?.signer.id ?? 'unsigned';
    let chain = chains.get(key);
    if (chain === undefined) {
      const signer = signing ? [signingInterceptor(signing, options.now)] : [];
      chain = agent.compose(countAttempts, ...signer);
      chains.set(key, chain);
    }
    return chain;
  }

  /** The wait before retry number `retry` (1-based), or undefined when the bounds forbid it. */
  function waitBefore(retry: number, waited: number, retryAfter: string | undefined): number | undefined {
    const asked = retryAfterMs(retryAfter, now());
    const wait = asked ?? Math.min(settings.minRetryDelayMs * 2 ** (retry - 1), settings.maxRetryDelayMs);
    const allowed = retry <= settings.maxRetries && wait <= settings.maxRetryDelayMs && waited + wait <= settings.maxRetryWaitMs;
    return allowed ? wait : undefined;
  }

  return {
    async send(request, { signing, retry, retryStatuses = [], signal }) {
      const url = `${request.origin}${request.pathWithQuery}`;
      const counter = { count: 0 };
      const dispatchOptions = {
        origin: request.origin,
        path: request.pathWithQuery,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body ?? null,
        [ATTEMPTS]: counter,
      };
      let waitedMs = 0;
      for (;;) {
        let wait: number | undefined;
        const deadline = AbortSignal.timeout(settings.timeoutMs);
        try {
          const attempt = { ...dispatchOptions, signal: signal ? AbortSignal.any([signal, deadline]) : deadline };
          const response = await dispatcherFor(signing).request(attempt);
          const headers = flatHeaders(response.headers);
          const body = await readBody(response.body, headers, settings.maxBodyBytes, url);
          const received = { status: response.statusCode, headers, body };
          wait =
            retry && retryStatuses.includes(received.status)
              ? waitBefore(counter.count, waitedMs, received.headers['retry-after'])
              : undefined;
          if (wait === undefined) {
            return { response: received, attempts: Math.max(counter.count, 1), waitedMs };
          }
        } catch (caught) {
          const error =
            deadline.aborted && !signal?.aborted
              ? new ClientError('CLIENT_TIMEOUT', `no complete response within ${settings.timeoutMs / 1000} s (${url})`, { cause: caught })
              : caught;
          wait = retry && RETRIED_ERRORS.includes(codeOf(error)) ? waitBefore(counter.count, waitedMs, undefined) : undefined;
          if (wait === undefined) {
            throw toClientError(error, url, counter.count);
          }
        }
        try {
          await sleep(wait, signal);
        } catch (error) {
          throw toClientError(error, url, counter.count);
        }
        waitedMs += wait;
      }
    },
    close: () => agent.close(),
  };
}
