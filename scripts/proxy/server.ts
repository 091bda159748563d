import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import type { Finding } from '../../contract-tests/checks/finding.ts';
import { ClientError } from '../../contract-tests/client/errors.ts';
import { egressAgent } from '../../contract-tests/client/proxy-env.ts';
import { signedHeaders } from '../../contract-tests/client/signers/sign.ts';
import type { CompiledOperation, CompiledService } from '../../contract-tests/contract/compile.ts';
import { type MockApp, serviceForPath } from '../../contract-tests/contract/pipeline.ts';
import type { BodyFormat } from '../../contract-tests/format.ts';
import type { Shape } from '../../contract-tests/history/record.ts';
import { answerClientError, compileMock, DEFAULT_BODY_LIMIT, listen } from '../../contract-tests/mock/server.ts';
import { PROBE_HEADER } from '../../contract-tests/mock-identity.ts';
import type { CredentialSource } from '../../contract-tests/runner/targets.ts';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import { services as allServices } from '../../schemas/index.ts';
import { type CheckedExchange, type SeenExchange, signerOf } from './check.ts';
import { Checker, postable } from './checker.ts';
import { type Forwarded, forward, type RequestBody, readRequestBody, upstreamHeaders } from './forward.ts';
import { renewCredentials, resolveUpstreams, type Upstream } from './upstreams.ts';

/** One request and its answer, checked. */
export interface Exchange {
  service: string;
  /** Undefined when no documented operation has this method and path. */
  operationId: string | undefined;
  method: string;
  /** The operation's path template; the request's own path when undocumented. */
  path: string;
  /** The body format the response was held to. */
  format: BodyFormat;
  /** Null when no response arrived from the upstream. */
  status: number | null;
  durationMs: number;
  findings: Finding[];
  /** With `observe`: what the answer looked like. */
  shape?: Shape;
}

export interface ProxyOptions {
  /** `URL` (every service) or `SERVICE=URL`, as on the command line. */
  upstreams: readonly string[];
  /** 0 (the default) picks a free port; the CLI defaults to 4020. */
  port?: number;
  host?: string;
  /**
   * Sign each forwarded request with the live-run credentials in `env`, replacing the caller's. Only documented
   * operations are then forwarded, and write or destructive ones only with `allowUnsafe`.
   */
  resign?: boolean;
  /** With `resign`: forward write and destructive operations too. */
  allowUnsafe?: boolean;
  /** Where `resign` reads NCP_ACCESS_KEY, HUAWEI_AK…; never anywhere else. */
  env?: Env;
  /** Where `resign` credentials come from: by default a live run's (the variables, else an IAM token). */
  credentials?: CredentialSource;
  /** Bodies over this many bytes are streamed through unchecked; default 1 MiB. */
  bodyLimit?: number;
  /** Upstream timeouts: connecting (default 10 s), waiting for the response head (30 s), between body chunks (30 s). */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  /** Called once per exchange, when its response has been forwarded and checked. */
  onExchange?: (exchange: Exchange) => void;
  /** `--history`: take each answer's shape too, never keeping these values (see contract-tests/history/shape.ts). */
  observe?: { secrets: string[] };
  /**
   * Called once if the checks stop for good (their worker thread died): the proxy goes on forwarding, unchecked,
   * until closed, and `close` rejects naming the cause and how many exchanges went unchecked.
   */
  onFailure?: (error: Error) => void;
  /** Called with a one-line message when something goes wrong outside any exchange (a credential renewal). */
  onWarning?: (message: string) => void;
}

/** A documented operation the proxy checks traffic against, and the body formats its service speaks. */
export interface ProxiedOperation {
  service: string;
  operation: Operation;
  formats: BodyFormat[];
}

export interface RunningProxy {
  url: string;
  upstreams: Upstream[];
  /** Every documented operation of the proxied services. */
  operations: ProxiedOperation[];
  /** Resolves once every exchange answered so far has been checked and passed to `onExchange`. */
  checked(): Promise<void>;
  /**
   * Stops taking requests, lets those in flight finish, closes the upstream connections, and resolves once every
   * exchange has been checked and passed to `onExchange`.
   */
  close(): Promise<void>;
}

interface Proxy {
  app: MockApp;
  upstreams: Map<string, Upstream>;
  dispatcher: Dispatcher;
  checker: Checker<Answered>;
  bodyLimit: number;
  allowUnsafe: boolean;
  /** Exchanges answered in this turn of the event loop, checked together once its I/O is done (see `checkAnswered`). */
  answered: Answered[];
}

const TIMEOUTS = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/** How often `--resign` credentials are asked for again: well inside the 5 minutes before expiry an IAM token is renewed in. */
export const RENEW_CREDENTIALS_MS = 60_000;

function lowerCaseRecord(headers: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = (headers[i] as string).toLowerCase();
    record[name] = record[name] === undefined ? (headers[i + 1] as string) : `${record[name]}, ${headers[i + 1]}`;
  }
  return record;
}

/** A request once routed: everything the forwarding and the checks need from it. */
interface Routed {
  req: IncomingMessage;
  method: string;
  /** Path and query as received. */
  url: string;
  pathname: string;
  query: string;
  /** Undefined when no documented operation has this method and path. */
  op: CompiledOperation | undefined;
  params: [string, string][];
  service: CompiledService;
  upstream: Upstream;
}

/** An exchange whose answer has gone to the caller, waiting for its checks. */
interface Answered {
  routed: Routed;
  body: RequestBody;
  forwarded: Forwarded;
  durationMs: number;
}

/** The exchange as plain data for the checks, once its answer has gone to the caller. */
function seenExchange(routed: Routed, body: RequestBody, forwarded: Forwarded): SeenExchange {
  const { op, upstream, req } = routed;
  const requestHeaders = lowerCaseRecord(req.rawHeaders);
  return {
    service: routed.service.service.id,
    operationId: op?.operation.operationId,
    method: routed.method,
    pathname: routed.pathname,
    params: routed.params,
    query: routed.query,
    requestHeaders,
    requestBody: op === undefined || 'stream' in body ? undefined : postable(body.bytes),
    requestOverLimit: 'stream' in body,
    status: forwarded.status,
    responseHeaders: forwarded.headers,
    responseBody: op === undefined || forwarded.body === undefined ? undefined : postable(forwarded.body),
    responseOverLimit: forwarded.overLimit,
    error: forwarded.error && { code: forwarded.error.code, message: forwarded.error.message },
    refused: forwarded.refused,
    signer: signerOf(routed.service.service, requestHeaders, upstream.signing?.signer.id),
  };
}

/**
 * The caller's header fields as the upstream gets them, signed afresh with `--resign` through the client's own
 * signing path (`signedHeaders`). A request that cannot be signed is a CLIENT_SIGNING error: one whose scheme signs
 * the body when the body was over the limit (it is never held in memory whole), or one the signer refuses.
 */
function outgoingHeaders({ req, method, url, upstream }: Routed, body: RequestBody, limit: number): string[] {
  const headers = upstreamHeaders(req, upstream.replaced);
  const { signing } = upstream;
  if (signing === undefined) {
    return headers;
  }
  const { id } = signing.signer;
  if ('stream' in body && signing.signer.signsBody) {
    throw new ClientError(
      'CLIENT_SIGNING',
      `${id} signs the body, and a body over ${limit} bytes is not held in memory to sign; raise --body-limit`,
    );
  }
  const signable = {
    method,
    origin: upstream.origin,
    pathWithQuery: `${upstream.prefix}${url}`,
    headers: lowerCaseRecord(headers),
    body: 'bytes' in body ? body.bytes : undefined,
  };
  for (const [name, value] of Object.entries(signedHeaders(signing, signable, Date.now()))) {
    headers.push(name, value);
  }
  return headers;
}

/** A request the proxy could not sign is not sent: the caller gets the reason in the service's envelope (413 for a body over the limit). */
function unsent({ req, service }: Routed, res: ServerResponse, body: RequestBody, error: ClientError): Forwarded {
  const status = 'stream' in body ? 413 : 502;
  const reply = service.error(status, `api-contracts proxy: not sent: ${error.message}`, req.headers.accept, { connection: 'close' });
  req.resume();
  res.writeHead(reply.status, reply.headers).end(reply.body);
  return { status: null, headers: {}, body: undefined, overLimit: false, error };
}

/**
 * Why a request is not forwarded: a proxy that signs with the team's keys (`--resign`) is no open relay. It signs
 * only what the contract documents, and a write or destructive operation only when `--allow-unsafe` says so, as
 * `test` does against a live URL.
 */
function refusal({ op, method, pathname, upstream }: Routed, allowUnsafe: boolean): string | undefined {
  if (upstream.signing === undefined) {
    return undefined;
  }
  if (op === undefined) {
    return `api-contracts proxy: not forwarded: ${method} ${pathname} is no documented operation of ${upstream.service.id}, and --resign signs only documented ones`;
  }
  const { safety, operationId } = op.operation;
  if (safety !== 'read' && !allowUnsafe) {
    return `api-contracts proxy: not forwarded: ${operationId} is a ${safety} operation, which --resign signs only with --allow-unsafe`;
  }
  return undefined;
}

/** A request the proxy refuses to sign and forward: a 403 in the service's envelope, reported as `proxy-refused`. */
function refused({ req, service }: Routed, res: ServerResponse, why: string): Forwarded {
  const reply = service.error(403, why, req.headers.accept);
  req.resume();
  res.writeHead(reply.status, reply.headers).end(reply.body);
  return { status: null, headers: {}, body: undefined, overLimit: false, refused: why };
}

/**
 * `test --base-url`'s question whether a mock answers (a GET marked with `PROBE_HEADER`) is the tool's own request,
 * no exchange of the caller's: it goes through, so a mock's identity header comes back, but it is never signed (the
 * caller's auth headers are dropped as for any re-signed request), never refused, and never recorded, so a
 * `--strict` run is not failed by the probe of the `test` it wraps. A documented operation is never a probe, so the
 * header cannot take a real call past the checks.
 */
function isProbe({ req, method, op }: Routed): boolean {
  return method === 'GET' && op === undefined && req.headers[PROBE_HEADER] === '1';
}

function routeOf(proxy: Proxy, req: IncomingMessage, url: string): Routed {
  const method = req.method ?? 'GET';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const match = proxy.app.route(method, pathname);
  const op = match.kind === 'found' ? match.target : undefined;
  const service = op?.service ?? serviceForPath(proxy.app, pathname);
  return {
    req,
    method,
    url,
    pathname,
    query: q < 0 ? '' : url.slice(q + 1),
    op,
    params: match.kind === 'found' ? match.params : [],
    service,
    upstream: proxy.upstreams.get(service.service.id) as Upstream,
  };
}

/** An aborted upload emits 'error' on the request; without a listener that would end the process. */
function destroy(this: IncomingMessage): void {
  this.destroy();
}

/**
 * Posts every exchange answered in this turn of the event loop to the checks' thread, in one message, after the
 * turn's I/O: under load a turn answers several exchanges (about ten in `npm run bench:proxy`), and one message for
 * them all costs less than one each.
 */
function checkAnswered(proxy: Proxy): void {
  const batch = proxy.answered;
  if (batch.length > 0) {
    proxy.answered = [];
    proxy.checker.post(
      batch,
      batch.map(({ routed, body, forwarded }) => seenExchange(routed, body, forwarded)),
    );
  }
}

/** An exchange as `onExchange` gets it, once checked. */
function exchangeOf({ routed, forwarded, durationMs }: Answered, { format, findings, shape }: CheckedExchange): Exchange {
  return {
    ...(shape === undefined ? {} : { shape }),
    service: routed.service.service.id,
    operationId: routed.op?.operation.operationId,
    method: routed.method,
    path: routed.op?.operation.path ?? routed.pathname,
    format,
    status: forwarded.status,
    durationMs,
    findings,
  };
}

/**
 * While the checks are behind by more than `MAX_BACKLOG_BYTES` of bodies, a new request waits, unread (its
 * connection stops being read, and TCP tells the caller to wait), rather than adding its bodies to the queue.
 */
function accept(proxy: Proxy, req: IncomingMessage, res: ServerResponse): void {
  req.on('error', destroy);
  if (proxy.checker.full()) {
    proxy.checker.whenRoom(() => handle(proxy, req, res));
  } else {
    handle(proxy, req, res);
  }
}

function handle(proxy: Proxy, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  const url = req.url ?? '/';
  if (!url.startsWith('/')) {
    const message = `api-contracts proxy takes paths, not ${url}: make the proxy the client's base URL`;
    const reply = proxy.app.fallback.error(400, message, req.headers.accept);
    req.resume();
    res.writeHead(reply.status, reply.headers).end(reply.body);
    return;
  }
  const routed = routeOf(proxy, req, url);
  const { service, upstream } = routed;
  readRequestBody(req, proxy.bodyLimit, (body) => {
    const reported = (forwarded: Forwarded) => {
      if (forwarded.abandoned) {
        return;
      }
      if (proxy.answered.push({ routed, body, forwarded, durationMs: Math.round(performance.now() - started) }) === 1) {
        setImmediate(checkAnswered, proxy);
      }
    };
    if (isProbe(routed)) {
      const headers = upstreamHeaders(req, upstream.replaced);
      forward({ dispatcher: proxy.dispatcher, upstream, req, res, headers, body, limit: proxy.bodyLimit, service }, () => undefined);
      return;
    }
    const why = refusal(routed, proxy.allowUnsafe);
    if (why !== undefined) {
      reported(refused(routed, res, why));
      return;
    }
    let headers: string[];
    try {
      headers = outgoingHeaders(routed, body, proxy.bodyLimit);
    } catch (error) {
      if (!(error instanceof ClientError)) {
        throw error;
      }
      reported(unsent(routed, res, body, error));
      return;
    }
    forward({ dispatcher: proxy.dispatcher, upstream, req, res, headers, body, limit: proxy.bodyLimit, service }, reported);
  });
}

/**
 * Starts the proxy in front of the upstreams and resolves once it is listening. Everything per-request work
 * reads is compiled first, as the mock compiles it (routes, validators, XML plans, error envelopes), here for the
 * forwarding and, at the same time, on the checks' own thread (see `Checker`); `--resign` credentials are resolved
 * first too, so a missing variable is a configuration error before anything listens.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const env = options.env ?? {};
  const upstreams = await resolveUpstreams(options.upstreams, allServices, options.resign ?? false, env, options.credentials);
  const services = upstreams.map((u) => u.service.id);
  const onExchange = options.onExchange ?? (() => undefined);
  const checker = new Checker<Answered>(
    { services, bodyLimit, observe: options.observe },
    (answered, checked) => onExchange(exchangeOf(answered, checked)),
    options.onFailure ?? (() => undefined),
  );
  let app: MockApp;
  let operations: CompiledOperation[];
  let url: string;
  const server = createServer((req, res) => accept(proxy, req, res));
  // A request Node cannot parse (400) or whose header is too large (431) gets the envelope the mock would send.
  server.on('clientError', (error, socket) =>
    answerClientError(app, { headersMs: server.headersTimeout, requestMs: server.requestTimeout }, error, socket as Socket),
  );
  try {
    ({ app, operations } = compileMock({ services, bodyLimit }));
    await checker.ready;
    url = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  } catch (error) {
    await checker.close();
    throw error;
  }
  const timeouts = { ...TIMEOUTS, ...options.timeouts };
  const dispatcher = egressAgent(
    { connect: { timeout: timeouts.connectMs }, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs },
    env,
  );
  const proxy: Proxy = {
    app,
    upstreams: new Map(upstreams.map((u) => [u.service.id, u])),
    dispatcher,
    checker,
    bodyLimit,
    allowUnsafe: options.allowUnsafe ?? false,
    answered: [],
  };
  const checked = () => {
    checkAnswered(proxy);
    return checker.drain();
  };
  const renewing = options.resign
    ? setInterval(async () => {
        for (const message of await renewCredentials(upstreams, env, options.credentials)) {
          options.onWarning?.(message);
        }
      }, RENEW_CREDENTIALS_MS).unref()
    : undefined;
  return {
    url,
    upstreams,
    operations: operations.map(({ service, operation }) => ({
      service: service.service.id,
      operation,
      formats: service.formats.filter((format): format is BodyFormat => format !== 'octet'),
    })),
    checked,
    async close() {
      clearInterval(renewing);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await dispatcher.close();
      try {
        await checked();
      } finally {
        await checker.close();
      }
    },
  };
}
