import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Service } from '../../schemas/_shared/service.ts';
import { services as allServices } from '../../schemas/index.ts';
import { compileAuth } from './auth.ts';
import { type CompiledOperation, compileOperation, compileService } from './compile.ts';
import { MockConfigError } from './errors.ts';
import { type MockApp, type RequestContext, respond, route, tooLarge } from './pipeline.ts';
import type { Reply } from './replies.ts';
import { compileRouter } from './router.ts';

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

function handle(app: MockApp, req: IncomingMessage, res: ServerResponse): void {
  // An aborted upload emits 'error' on the request; without a listener that would crash the process.
  req.on('error', () => req.destroy());
  const routed = route(app, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
  if ('reply' in routed) {
    req.resume();
    send(res, routed.reply);
    return;
  }
  readBody(app, routed.context, req, res);
}

/**
 * Requests Node cannot even parse (bad request line, oversized headers, timeouts) never reach the pipeline;
 * they still get the fallback service's envelope, in JSON since no Accept header could be read.
 */
function answerClientError(app: MockApp, error: Error & { code?: string }, socket: Socket): void {
  // Node's own default handler makes the same check: a reply already under way cannot get another head.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const reply = app.fallback.error(status, `malformed HTTP request (${error.code ?? error.message})`, undefined);
  const head = Object.entries({ ...reply.headers, connection: 'close' })
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
  const headersTimeout = options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer(
    // Node checks the timeouts every connectionsCheckingInterval, so that bounds how late they fire.
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1_000, headersTimeout / 2) },
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
  server.on('clientError', (error, socket) => answerClientError(app, error, socket as Socket));
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
