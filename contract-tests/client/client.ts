import { Agent, type Dispatcher, interceptors } from 'undici';
import type { Signer } from '../../schemas/_shared/signing/index.ts';
import type { ReceivedResponse } from '../checks/check-response.ts';
import { ClientError, toClientError } from './errors.ts';
import type { PreparedRequest } from './request.ts';
import { signingInterceptor } from './signers/interceptor.ts';

export interface Signing {
  signer: Signer;
  credentials: unknown;
}

export interface ClientOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Responses larger than this are refused (CLIENT_BODY_TOO_LARGE) instead of read into memory. */
  maxBodyBytes?: number;
  /** Retries of a read operation after the first attempt. */
  maxRetries?: number;
  /** The first retry waits this long, doubling up to `maxRetryDelayMs` (a `Retry-After` header wins, up to that bound). */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** The clock signatures are made with. */
  now?: () => number;
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
}

export interface Client {
  send(request: PreparedRequest, options: SendOptions): Promise<Sent>;
  close(): Promise<void>;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRetries: 2,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 10_000,
} satisfies ClientOptions;

/** The network errors a read is retried after; the rest (DNS failure, refused connection) will not heal in a second. */
const RETRIED_ERRORS = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'];

/** Counts attempts on the request's own counter; it sits inside the retry interceptor, so it sees every attempt. */
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

async function readBody(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new ClientError('CLIENT_BODY_TOO_LARGE', `the response from ${url} is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A signer whose failures say so, whatever it throws: a request that cannot be signed is not a network problem. */
function labelFailures(signer: Signer): Signer {
  return {
    ...signer,
    sign(request, credentials, at) {
      try {
        return signer.sign(request, credentials, at);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new ClientError('CLIENT_SIGNING', `${signer.id} could not sign ${request.method} ${request.pathWithQuery}: ${why}`, {
          cause: error,
        });
      }
    },
  };
}

/**
 * One connection pool for the run. Each request goes through `[counter, signer, retry]`: undici's compose makes
 * the last interceptor the outermost, so retry wraps the signer and every retry is signed afresh (NCP and Huawei
 * both refuse a stale timestamp); the counter, innermost, counts the attempts that actually went out.
 */
export function createClient(options: ClientOptions = {}): Client {
  const settings = { ...DEFAULTS, ...options };
  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
  });
  const chains = new Map<string, Dispatcher>();

  function dispatcherFor(signing: Signing | undefined, retry: boolean): Dispatcher {
    const key = `${signing?.signer.id ?? 'unsigned'}:${retry}`;
    let chain = chains.get(key);
    if (chain === undefined) {
      const signer = signing ? [signingInterceptor(labelFailures(signing.signer), signing.credentials, options.now)] : [];
      const retrier = retry
        ? [
            interceptors.retry({
              maxRetries: settings.maxRetries,
              minTimeout: settings.minRetryDelayMs,
              maxTimeout: settings.maxRetryDelayMs,
              // Every Data Forest call is a POST, reads included; undici leaves POST out by default.
              methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
              errorCodes: RETRIED_ERRORS,
              // The last response is handed over as it is, so its status is checked like any other.
              throwOnError: false,
            }),
          ]
        : [];
      chain = agent.compose(countAttempts, ...signer, ...retrier);
      chains.set(key, chain);
    }
    return chain;
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
        signal: signal ?? null,
        retryOptions: { statusCodes: [...retryStatuses] },
        [ATTEMPTS]: counter,
      };
      try {
        const response = await dispatcherFor(signing, retry).request(dispatchOptions);
        const body = await readBody(response.body, settings.maxBodyBytes, url);
        return {
          response: { status: response.statusCode, headers: flatHeaders(response.headers), body },
          attempts: Math.max(counter.count, 1),
        };
      } catch (error) {
        throw toClientError(error, url, counter.count);
      }
    },
    close: () => agent.close(),
  };
}
