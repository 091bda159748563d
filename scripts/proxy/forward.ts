import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ClientError, toClientError } from '../../contract-tests/client/errors.ts';
import type { CompiledService } from '../../contract-tests/contract/compile.ts';
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
  /** The fields the checks read. */
  headers: { 'content-type'?: string | undefined; 'retry-after'?: string | undefined };
  /** Undefined when over the limit (streamed through unchecked) or when no response arrived. */
  body: Buffer | undefined;
  overLimit: boolean;
  /** Set when the upstream could not be reached or failed mid-response. */
  error?: ClientError;
  /** The caller went away first: nothing to check. */
  abandoned?: boolean;
  /** Not forwarded (see `refusal` in server.ts): why, as the caller was told. */
  refused?: string;
}

/** `Connection: keep-alive` (or close) names no other field; anything else lists fields that end at this hop too. */
function listedInConnection(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined || /^(?:keep-alive|close)$/i.test(String(value))) {
    return undefined;
  }
  const tokens = (Array.isArray(value) ? value.join(',') : value).split(',').map((token) => token.trim().toLowerCase());
  const listed = new Set(tokens.filter((token) => token !== 'keep-alive' && token !== 'close' && token !== ''));
  return listed.size === 0 ? undefined : listed;
}

function without(pairs: string[], listed: Set<string> | undefined): string[] {
  if (listed === undefined) {
    return pairs;
  }
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    if (!listed.has((pairs[i] as string).toLowerCase())) {
      out.push(pairs[i] as string, pairs[i + 1] as string);
    }
  }
  return out;
}

/**
 * The caller's header fields as the upstream gets them, names spelt and ordered as sent: hop-by-hop fields, `host`
 * and the auth fields re-signing replaces dropped, `Via` added. One pass over the raw fields, since it runs for
 * every request (Node builds `req.headers` only when asked).
 */
export function upstreamHeaders(req: Pick<IncomingMessage, 'rawHeaders' | 'httpVersion'>, replaced: ReadonlySet<string>): string[] {
  const { rawHeaders } = req;
  const out: string[] = [];
  let connection: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (lower === 'connection') {
      connection = connection === undefined ? (rawHeaders[i + 1] as string) : `${connection}, ${rawHeaders[i + 1]}`;
    } else if (!HOP_BY_HOP.has(lower) && !REQUEST_ONLY.has(lower) && !replaced.has(lower)) {
      out.push(name, rawHeaders[i + 1] as string);
    }
  }
  const forwarded = without(out, listedInConnection(connection));
  forwarded.push('via', `${req.httpVersion} ${VIA}`);
  return forwarded;
}

/**
 * The upstream's response fields as the caller gets them: all but hop-by-hop ones, bytes and spelling as sent.
 * undici hands an HTTP/1.1 response's fields over raw, as Buffers.
 */
function callerHeaders(raw: readonly Buffer[], connection: string | string[] | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // Header bytes are Latin-1 on the wire (RFC 9110 §5.5); decoding them so keeps them byte for byte.
    const name = (raw[i] as Buffer).toString('latin1');
    if (!HOP_BY_HOP.has(name.toLowerCase())) {
      out.push(name, (raw[i + 1] as Buffer).toString('latin1'));
    }
  }
  return without(out, listedInConnection(connection));
}

/**
 * Reads the caller's body for the checks, up to `limit` bytes. A body declared or found to be larger is handed on
 * as a stream (what was read first, then the rest as it arrives), so it is never held in memory whole.
 */
export function readRequestBody(req: IncomingMessage, limit: number, done: (body: RequestBody) => void): void {
  if (declaredLength(req.rawHeaders) > limit) {
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

function declaredLength(rawHeaders: readonly string[]): number {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === 'content-length') {
      return Number(rawHeaders[i + 1]);
    }
  }
  return 0;
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

const callerGone = () => new ClientError('CLIENT_ABORTED', 'the caller closed the connection');

/**
 * Sends the request upstream and streams the answer to the caller as it arrives: same status, reason phrase,
 * header fields (hop-by-hop ones excepted) and bytes, with backpressure both ways. A copy of the body is kept for
 * the checks up to `limit`. No answer at all gets a 502 (504 for a timeout) in the service's envelope; a failure
 * after the head was sent cuts the caller's connection, as the upstream cut the proxy's. One object per exchange
 * is undici's handler, rather than a closure per callback: this runs for every request.
 */
class Forwarding implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status: number | null = null;
  private received: Forwarded['headers'] = {};
  private chunks: Buffer[] | undefined = [];
  private size = 0;
  private abandoned = false;

  constructor(
    private readonly input: ForwardInput,
    private readonly done: (forwarded: Forwarded) => void,
  ) {
    input.res.once('close', () => this.callerClosed());
  }

  private callerClosed(): void {
    if (!this.input.res.writableFinished) {
      this.abandoned = true;
      this.controller?.abort(callerGone());
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abandoned) {
      controller.abort(callerGone());
    }
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    parsed: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) {
      return;
    }
    const { res, limit } = this.input;
    this.status = statusCode;
    this.received = { 'content-type': single(parsed['content-type']), 'retry-after': single(parsed['retry-after']) };
    if (Number(parsed['content-length'] ?? 0) > limit) {
      this.chunks = undefined;
    }
    res.sendDate = false;
    res.writeHead(statusCode, statusMessage ?? '', callerHeaders(controller.rawHeaders as Buffer[], parsed.connection));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.chunks !== undefined) {
      this.size += chunk.length;
      if (this.size > this.input.limit) {
        this.chunks = undefined;
      } else {
        this.chunks.push(chunk);
      }
    }
    if (!this.input.res.write(chunk)) {
      controller.pause();
      this.input.res.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    this.input.res.end();
    const { chunks, size } = this;
    const bytes = chunks === undefined ? undefined : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    this.done({ status: this.status, headers: this.received, body: bytes, overLimit: chunks === undefined });
  }

  onResponseError(_: Dispatcher.DispatchController, cause: Error): void {
    const { status, received } = this;
    if (this.abandoned) {
      this.done({ status, headers: received, body: undefined, overLimit: false, abandoned: true });
      return;
    }
    const { upstream, req, res, service } = this.input;
    const error = toClientError(cause, `${upstream.origin}${upstream.prefix}${req.url ?? '/'}`, 1);
    if (res.headersSent) {
      res.destroy();
    } else {
      const message = `api-contracts proxy: no answer from the upstream of ${service.service.id}: ${error.message}`;
      const reply = service.error(proxyStatus(error), message, req.headers.accept);
      res.writeHead(reply.status, reply.headers).end(reply.body);
    }
    this.done({ status, headers: received, body: undefined, overLimit: false, error });
  }
}

export function forward(input: ForwardInput, done: (forwarded: Forwarded) => void): void {
  const { upstream, req, body } = input;
  const payload = 'stream' in body ? body.stream : body.bytes.length === 0 ? null : body.bytes;
  const path = `${upstream.prefix}${req.url ?? '/'}`;
  input.dispatcher.dispatch(
    { origin: upstream.origin, path, method: req.method as Dispatcher.HttpMethod, headers: input.headers, body: payload },
    new Forwarding(input, done),
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
