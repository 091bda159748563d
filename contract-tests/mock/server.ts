import { createServer, type IncomingMessage, maxHeaderSize, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Service } from '../../schemas/_shared/service.ts';
import { services as allServices } from '../../schemas/index.ts';
import { compileAuth } from '../contract/auth.ts';
import { type CompiledOperation, compileOperation, compileService } from '../contract/compile.ts';
import { MockConfigError } from '../contract/errors.ts';
import { type MockApp, type RequestContext, type RequestHead, respond, route, serviceForPath, tooLarge } from '../contract/pipeline.ts';
import type { Reply } from '../contract/replies.ts';
import { compileRouter } from '../contract/router.ts';

export interface MockOptions {
  /** 0 (the default) picks a free port; the CLI defaults to 4010. */
  port?: number;
  host?: string;
  /** Service ids to serve; default all. */
  services?: string[];
  /** Check every request's signature or token against the credential variables a live run uses. */
  verifyAuth?: boolean;
  /** Where `verifyAuth` reads NCP_ACCESS_KEY, HUAWEI_AK…; default `process.env`. */
  credentials?: NodeJS.ProcessEnv;
  /** Largest accepted request body in bytes (413 beyond); default 1 MiB. */
  bodyLimit?: number;
  /** The clock signature timestamps are checked against. */
  now?: () => number;
  /** Slowloris protection: how long a client gets for its headers (default 10 s) and its whole request (30 s). */
  timeouts?: { headersMs?: number; requestMs?: number };
}

export interface RunningMock {
  url: string;
  close(): Promise<void>;
  routes: { service: string; operationId: string; method: string; path: string }[];
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** A body this many times the limit is no longer drained so its sender can read the 413; the socket is cut. */
const DRAIN_FACTOR = 16;

function selectServices(catalog: Service[], ids: string[] | undefined): Service[] {
  if (ids === undefined || ids.length === 0) {
    return catalog;
  }
  const known = new Map(catalog.map((s) => [s.id, s]));
  return [...new Set(ids)].map((id) => {
    const service = known.get(id);
    if (service === undefined) {
      throw new MockConfigError('CONFIG_MOCK_UNKNOWN_SERVICE', `unknown service "${id}"; services: ${[...known.keys()].join(', ')}`);
    }
    return service;
  });
}

/**
 * Everything per-request work reads, built once: route table, validators, example replies in every format.
 * `catalog` is what `options.services` selects from: the repository's services unless a test brings its own.
 */
export function compileMock(
  options: MockOptions = {},
  catalog: Service[] = allServices,
): { app: MockApp; operations: CompiledOperation[] } {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) {
    throw new MockConfigError('CONFIG_MOCK_OPTION', `body limit must be a positive number of bytes, not ${bodyLimit}`);
  }
  const env = options.credentials ?? process.env;
  const services = selectServices(catalog, options.services).map((service) =>
    compileService(service, options.verifyAuth ? compileAuth(service, env) : undefined),
  );
  const [fallback] = services;
  if (fallback === undefined) {
    throw new MockConfigError('CONFIG_MOCK_OPTION', 'no service to serve');
  }
  const operations = services.flatMap((service) => service.service.operations.map((op) => compileOperation(service, op)));
  const router = compileRouter(
    operations.map((op) => ({ method: op.operation.method.toUpperCase(), path: op.operation.path, target: op })),
  );
  return { app: { services, fallback, route: router, bodyLimit, now: options.now ?? Date.now }, operations };
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

/**
 * Reads the body up to the limit. Past it, the rest is read and dropped so the client, still sending, gets to
 * read the 413 instead of a reset connection; past many times the limit the socket is cut after the 413.
 */
function readBody(app: MockApp, context: RequestContext, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const declared = Number(req.headers['content-length'] ?? 0);
  let over = declared > app.bodyLimit;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (!over && size > app.bodyLimit) {
      over = true;
      chunks.length = 0;
    }
    if (!over) {
      chunks.push(chunk);
    } else if (size > app.bodyLimit * DRAIN_FACTOR && !res.headersSent) {
      res.on('finish', () => req.destroy());
      send(res, tooLarge(app, context, size));
    }
  });
  req.on('end', () => {
    if (!res.headersSent) {
      send(res, over ? tooLarge(app, context, Math.max(size, declared)) : respond(app, context, Buffer.concat(chunks, size)));
    }
  });
}

/**
 * An error answered before or outside the pipeline: in the envelope of the service the path belongs to and the
 * format the request accepts, as far as either can be known (else the first service's envelope, in JSON).
 */
function edgeError(app: MockApp, head: Partial<RequestHead> | undefined, status: number, message: string): Reply {
  const pathname = head?.url?.split('?')[0];
  const service = pathname === undefined ? app.fallback : serviceForPath(app, pathname);
  return service.error(status, message, head?.headers?.accept, { connection: 'close' });
}

/** The last request a connection read, and its response. */
interface Current {
  head: RequestHead;
  req: IncomingMessage;
  res: ServerResponse;
}

/**
 * Kept on the socket rather than in a map with listeners that clear it: this runs for every request, and a fault
 * Node raises on the connection (a stalled body) is answered in the terms of the request it concerns (see
 * `requestInProgress`).
 */
const CURRENT = Symbol('api-contracts mock: current request');
type Tracked = Socket & { [CURRENT]?: Current };

/** The request a fault on `socket` concerns: its last one unless that was over (body all in, answer sent). */
function requestInProgress(socket: Socket): Current | undefined {
  const last = (socket as Tracked)[CURRENT];
  return last === undefined || (last.req.complete && last.res.writableFinished) ? undefined : last;
}

/** An aborted upload emits 'error' on the request; without a listener that would crash the process. */
function destroy(this: IncomingMessage): void {
  this.destroy();
}

function handle(app: MockApp, req: IncomingMessage, res: ServerResponse): void {
  req.on('error', destroy);
  const head: RequestHead = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
  // Node's own check (requireHostHeader) would answer a bare 400 with no body; HTTP/1.1 requires Host (RFC 9112 3.2).
  if (req.httpVersion === '1.1' && req.headers.host === undefined) {
    req.resume();
    send(res, edgeError(app, head, 400, 'HTTP/1.1 request without a Host header'));
    return;
  }
  (req.socket as Tracked)[CURRENT] = { head, req, res };
  const routed = route(app, head);
  if ('reply' in routed) {
    req.resume();
    send(res, routed.reply);
    return;
  }
  readBody(app, routed.context, req, res);
}

/**
 * What can be read of a request Node refused to parse (`rawPacket`, the bytes of the failing read): the request
 * line and the header lines that arrived whole. Undefined when the read does not start with a request line.
 */
function headFromRaw(raw: unknown): Partial<RequestHead> | undefined {
  if (!Buffer.isBuffer(raw)) {
    return undefined;
  }
  const [requestLine = '', ...lines] = raw.toString('latin1').split('\r\n');
  const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (request === null) {
    return undefined;
  }
  const headers: Record<string, string> = {};
  // The last piece may be a line cut short by the read; only lines that ended are taken.
  for (const line of lines.slice(0, -1)) {
    const header = /^([!#$%&'*+.^_`|~\w-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (line === '' || header === null) {
      break;
    }
    headers[(header[1] as string).toLowerCase()] ??= header[2] as string;
  }
  return { method: request[1] as string, url: request[2] as string, headers };
}

export interface Limits {
  headersMs: number;
  requestMs: number;
}

function clientErrorMessage(error: Error & { code?: string }, known: boolean, limits: Limits): [status: number, message: string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, `request headers are larger than ${maxHeaderSize} bytes`];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        408,
        known
          ? `the request body did not arrive within ${limits.requestMs} ms`
          : `the request headers did not arrive within ${limits.headersMs} ms`,
      ];
    default:
      return [400, `malformed HTTP request (${error.code ?? error.message})`];
  }
}

/**
 * Requests Node cannot parse (bad request line, oversized headers) or that stall never reach the pipeline; they
 * still get an envelope, of the request's service and in its format where the request is known.
 */
export function answerClientError(
  app: MockApp,
  limits: Limits,
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  // Node's own default handler makes the same check: a reply already under way cannot get another head.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const known = requestInProgress(socket);
  if (known?.res.writableFinished) {
    // The client has its answer; the rest of a body it stopped sending is not worth a second response.
    socket.destroy();
    return;
  }
  const [status, message] = clientErrorMessage(error, known !== undefined, limits);
  const reply = edgeError(app, known?.head ?? headFromRaw(error.rawPacket), status, message);
  const head = Object.entries(reply.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n`), reply.body]));
}

/** Listens on `host:port` (0: a free one); resolves with the URL, rejects with the listen error (EADDRINUSE…). */
export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}

/** The operations served, as the start-up listing shows them. */
export function routesOf(operations: readonly CompiledOperation[]): RunningMock['routes'] {
  return operations.map(({ service, operation }) => ({
    service: service.service.id,
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
  }));
}

/** Starts the mock of every documented operation (or of `services`) and resolves once it is listening. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { app, operations } = compileMock(options);
  const limits = {
    headersMs: options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS,
    requestMs: options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS,
  };
  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      // Node checks the timeouts every connectionsCheckingInterval, so that bounds how late they fire.
      connectionsCheckingInterval: Math.min(1_000, limits.headersMs / 2),
      // The mock answers a missing Host itself, in the envelope (see handle).
      requireHostHeader: false,
    },
    (req, res) => {
      try {
        handle(app, req, res);
      } catch (error) {
        // The pipeline answers every request itself; this is the last line that keeps one bug from ending the process.
        if (!res.headersSent) {
          send(res, app.fallback.error(500, `the mock failed: ${(error as Error).message}`, undefined));
        }
      }
    },
  );
  server.on('clientError', (error, socket) => answerClientError(app, limits, error, socket as Socket));
  return {
    url: await listen(server, options.host ?? '127.0.0.1', options.port ?? 0),
    routes: routesOf(operations),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
