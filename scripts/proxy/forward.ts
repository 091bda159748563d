import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ClientError, toClientError } from '../../contract-tests/client/errors.ts';
import type { CompiledService } from '../mock/compile.ts';
import type { Upstream } from './upstreams.ts';

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1): they describe one connection, so a proxy drops them, together with every
 * field the Connection header names. `host` is the upstream's own; `expect` is answered by this server (Node sends
 * the 100 Continue) and undici refuses it.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const REQUEST_ONLY = new Set(['host', 'expect']);

/** RFC 9110 §7.6.3: a gateway names itself, after the protocol version it received, in the Via field of each request it forwards. */
const VIA = 'api-contracts';

export type RequestBody = { bytes: Buffer } | { stream: Readable };

/** What came back, for the checks: the status and headers, and the body unless it was over the limit. */
export interface Forwarded {
  /** Null when no response arrived. */
  status: number | null;
  /** Lower-case names; repeated fields joined. */
  headers: Record<string, string>;
  /** Undefined when over the limit (streamed through unchecked) or when no response arrived. */
  body: Buffer | undefined;
  overLimit: boolean;
  /** Set when the upstream could not be reached or failed mid-response. */
  error?: ClientError;
  /** The caller went away first: nothing to check. */
  abandoned?: boolean;
}

function listedInConnection(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) {
    return undefined;
  }
  return new Set((Array.isArray(value) ? value.join(',') : value).split(',').map((token) => token.trim().toLowerCase()));
}

/**
 * The caller's header fields as the upstream gets them, names spelt and ordered as sent: hop-by-hop fields, `host`
 * and the auth fields re-signing replaces dropped, `Via` added.
 */
export function upstreamHeaders(
  req: Pick<IncomingMessage, 'rawHeaders' | 'headers' | 'httpVersion'>,
  replaced: ReadonlySet<string>,
): string[] {
  const { rawHeaders } = req;
  const listed = listedInConnection(req.headers.connection);
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !REQUEST_ONLY.has(lower) && !replaced.has(lower) && listed?.has(lower) !== true) {
      out.push(name, rawHeaders[i + 1] as string);
    }
  }
  out.push('via', `${req.httpVersion} ${VIA}`);
  return out;
}

function text(value: Buffer | string): string {
  // Header bytes are Latin-1 on the wire (RFC 9110 §5.5); decoding them so keeps them byte for byte.
  return typeof value === 'string' ? value : value.toString('latin1');
}

/** The upstream's response fields as the caller gets them: everything but hop-by-hop fields, names spelt as sent. */
function callerHeaders(raw: unknown, parsed: IncomingHttpHeaders): string[] {
  const pairs: string[] = [];
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      pairs.push(text(raw[i] as Buffer | string), text(raw[i + 1] as Buffer | string));
    }
  } else {
    for (const [name, value] of Object.entries(parsed)) {
      for (const item of Array.isArray(value) ? value : [value ?? '']) {
        pairs.push(name, item);
      }
    }
  }
  const listed = listedInConnection(parsed.connection);
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const lower = (pairs[i] as string).toLowerCase();
    if (!HOP_BY_HOP.has(lower) && listed?.has(lower) !== true) {
      out.push(pairs[i] as string, pairs[i + 1] as string);
    }
  }
  return out;
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

/**
 * Reads the caller's body for the checks, up to `limit` bytes. A body declared or found to be larger is handed on
 * as a stream (what was read first, then the rest as it arrives), so it is never held in memory whole.
 */
export function readRequestBody(req: IncomingMessage, limit: number, done: (body: RequestBody) => void): void {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    done({ stream: req });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      req.pause();
      req.off('data', onData);
      req.off('end', onEnd);
      done({ stream: Readable.from(concat(chunks, req)) });
    }
  };
  const onEnd = () => done({ bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
  req.on('data', onData);
  req.on('end', onEnd);
}

async function* concat(first: readonly Buffer[], rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  yield* rest;
}

export interface ForwardInput {
  dispatcher: Dispatcher;
  upstream: Upstream;
  req: IncomingMessage;
  res: ServerResponse;
  headers: string[];
  body: RequestBody;
  /** Responses over this many bytes go through unchecked. */
  limit: number;
  /** The envelope a proxy-made reply (502, 504) is written in. */
  service: CompiledService;
}

/** Timeouts are the gateway's to report (504); any other failure to get an answer is a bad gateway (502). */
function proxyStatus(error: ClientError): number {
  return error.code === 'CLIENT_TIMEOUT' ? 504 : 502;
}

/**
 * Sends the request upstream and streams the answer to the caller as it arrives: same status, reason phrase,
 * header fields (hop-by-hop ones excepted) and bytes, with backpressure both ways. A copy of the body is kept for
 * the checks up to `limit`. No answer at all gets a 502 (504 for a timeout) in the service's envelope; a failure
 * after the head was sent cuts the caller's connection, as the upstream cut the proxy's.
 */
export function forward({ dispatcher, upstream, req, res, headers, body, limit, service }: ForwardInput): Promise<Forwarded> {
  const url = `${upstream.prefix}${req.url ?? '/'}`;
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status: number | null = null;
    let received: Record<string, string> = {};
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    let abandoned = false;
    res.once('close', () => {
      if (!res.writableFinished) {
        abandoned = true;
        controller?.abort(new ClientError('CLIENT_ABORTED', 'the caller closed the connection'));
      }
    });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (abandoned) {
          started.abort(new ClientError('CLIENT_ABORTED', 'the caller closed the connection'));
        }
      },
      onResponseStart(started, statusCode, parsed, statusMessage) {
        if (statusCode < 200) {
          return;
        }
        status = statusCode;
        received = flat(parsed);
        if (Number(received['content-length'] ?? 0) > limit) {
          chunks = undefined;
        }
        res.sendDate = false;
        res.writeHead(statusCode, statusMessage ?? '', callerHeaders(started.rawHeaders, parsed));
      },
      onResponseData(started, chunk) {
        if (chunks !== undefined) {
          size += chunk.length;
          if (size > limit) {
            chunks = undefined;
          } else {
            chunks.push(chunk);
          }
        }
        if (!res.write(chunk)) {
          started.pause();
          res.once('drain', () => started.resume());
        }
      },
      onResponseEnd() {
        res.end();
        const bytes = chunks === undefined ? undefined : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
        resolve({ status, headers: received, body: bytes, overLimit: chunks === undefined });
      },
      onResponseError(_, cause) {
        if (abandoned) {
          resolve({ status, headers: received, body: undefined, overLimit: false, abandoned: true });
          return;
        }
        const error = toClientError(cause, `${upstream.origin}${url}`, 1);
        if (res.headersSent) {
          res.destroy();
        } else {
          const reply = service.error(
            proxyStatus(error),
            `api-contracts proxy: no answer from the upstream of ${service.service.id}: ${error.message}`,
            req.headers.accept,
          );
          res.writeHead(reply.status, reply.headers).end(reply.body);
        }
        resolve({ status, headers: received, body: undefined, overLimit: false, error });
      },
    };
    const payload = 'stream' in body ? body.stream : body.bytes.length === 0 ? null : body.bytes;
    dispatcher.dispatch(
      { origin: upstream.origin, path: url, method: req.method as Dispatcher.HttpMethod, headers, body: payload },
      handler,
    );
  });
}
