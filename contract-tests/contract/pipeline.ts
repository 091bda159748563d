import type { IncomingHttpHeaders } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { documentedValues } from '../../schemas/_shared/documented-values.ts';
import { toPointer } from '../../schemas/_shared/json-pointer.ts';
import { valueAt } from '../../schemas/_shared/operation.ts';
import { MEDIA_TYPE } from '../format.ts';
import type { CannedResponse, CompiledOperation, CompiledService, ParsedRequest } from './compile.ts';
import { decodeBody } from './decode.ts';
import { MockRequestError } from './errors.ts';
import { negotiate, parsePrefer } from './negotiate.ts';
import type { Reply } from './replies.ts';
import type { Match } from './router.ts';

export interface MockApp {
  services: CompiledService[];
  /** The first service: its envelope answers what cannot be tied to any service (unparseable HTTP). */
  fallback: CompiledService;
  route: (method: string, pathname: string) => Match<CompiledOperation>;
  bodyLimit: number;
  now: () => number;
}

export interface RequestHead {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** The request once routed: everything later steps need before the body arrives. */
export interface RequestContext {
  head: RequestHead;
  op: CompiledOperation;
  params: [string, string][];
  query: string;
}

export type Routed = { reply: Reply } | { context: RequestContext };

const MAX_REPORTED_ISSUES = 10;

/** The service whose operations share the longest leading path with an unknown path answers its 404. */
export function serviceForPath(app: MockApp, pathname: string): CompiledService {
  const segments = pathname.split('/');
  let best = app.fallback;
  let bestLength = 0;
  for (const service of app.services) {
    for (const prefix of service.pathPrefixes) {
      let length = 0;
      while (length < prefix.length && prefix[length] === segments[length]) {
        length++;
      }
      if (length > bestLength) {
        best = service;
        bestLength = length;
      }
    }
  }
  return best;
}

/** Step 1: route on method and path; unknown paths and methods are answered before the body is read. */
export function route(app: MockApp, head: RequestHead): Routed {
  const q = head.url.indexOf('?');
  const pathname = q < 0 ? head.url : head.url.slice(0, q);
  const match = app.route(head.method, pathname);
  const accept = head.headers.accept;
  if (match.kind === 'found') {
    const op = match.target;
    return {
      context: {
        head,
        op,
        params: match.params,
        query: q < 0 ? '' : head.url.slice(q + 1),
      },
    };
  }
  if (match.kind === 'wrong-method') {
    const service = (match.targets[0] as CompiledOperation).service;
    const allow = match.allow.join(', ');
    const message = `${head.method} is not allowed on ${pathname}; allowed: ${allow}`;
    return { reply: service.error(405, message, accept, { allow }) };
  }
  const service = serviceForPath(app, pathname);
  return { reply: service.error(404, `no documented operation at ${pathname}`, accept) };
}

export function tooLarge(app: MockApp, context: RequestContext, size: number): Reply {
  const message = `request body is ${size} bytes; the limit is ${app.bodyLimit} bytes`;
  return context.op.service.error(413, message, context.head.headers.accept, { connection: 'close' });
}

/** Steps 2 to 6 once the body is in: authenticate, decode, validate, choose a response, serialize it. */
export function respond(app: MockApp, context: RequestContext, body: Buffer): Reply {
  try {
    authenticate(app, context, body);
    return serialize(context, choose(context, readRequest(app, context, body)));
  } catch (error) {
    const { op } = context;
    const accept = context.head.headers.accept;
    if (error instanceof MockRequestError) {
      return op.service.error(error.status, error.message, accept, error.headers);
    }
    const message = `the mock failed on ${op.operation.operationId}: ${error instanceof Error ? error.message : String(error)}`;
    return op.service.error(500, message, accept);
  }
}

/** Step 2 (with `--verify-auth`): the signature or token, checked before anything in the body is looked at. */
function authenticate(app: MockApp, { head, op }: RequestContext, body: Buffer): void {
  const check = op.service.auth;
  if (check === undefined) {
    return;
  }
  const result = check({ method: head.method, pathWithQuery: head.url, headers: head.headers, body }, app.now());
  if (!result.ok) {
    throw new MockRequestError('MOCK_AUTH', `authentication failed: ${result.message}`);
  }
}

/** `body /quotas/0/spaceTb: Invalid input: expected number, received string`: where, then Zod's reason. */
function describeIssues(where: string, issues: readonly z.core.$ZodIssue[], named: boolean): string[] {
  return issues.map((issue) => {
    const at = named ? issue.path.map(String).join('.') : toPointer(issue.path);
    return `${where}${at === '' ? '' : ` ${at}`}: ${issue.message}`;
  });
}

export function decodeParams(params: [string, string][]): [string, string][] {
  return params.map(([name, raw]) => {
    try {
      return [name, decodeURIComponent(raw)];
    } catch {
      throw new MockRequestError('MOCK_PATH_ENCODING', `path parameter ${name}: "${raw}" is not valid percent-encoding`);
    }
  });
}

function validate(schema: z.ZodType | undefined, value: unknown, where: string, named: boolean, issues: string[]): unknown {
  if (schema === undefined) {
    return undefined;
  }
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  issues.push(...describeIssues(where, result.error.issues, named));
  return undefined;
}

type ReadRequest = { valid: true; parsed: ParsedRequest; format: 'json' | 'xml' } | { valid: false; issues: string[]; raw: ParsedRequest };

/** Steps 3 and 4: decode, then validate path, query, headers and body, collecting every issue rather than the first. */
function readRequest(app: MockApp, context: RequestContext, bytes: Buffer): ReadRequest {
  const { op } = context;
  const { request } = op.operation;
  const params = op.readParams?.(decodeParams(context.params));
  const query = op.readQuery?.(new URLSearchParams(context.query));
  const body = decodeBody(op, context.head.headers['content-type'], bytes, app.bodyLimit);
  const format = body?.format ?? 'json';
  const issues: string[] = [];
  const missing = op.body !== undefined && bytes.length === 0 && op.body.empty === undefined;
  if (missing) {
    issues.push(`body: missing (send ${op.service.accepts})`);
  }
  // Documented headers are validated, but only path, query and body decide which example answers.
  validate(request.headers, op.readHeaders?.(context.head.headers), 'header', true, issues);
  const parsed = {
    params: validate(request.params, params, 'path parameter', true, issues),
    query: validate(request.query, query, 'query parameter', true, issues),
    body: missing ? undefined : validate(format === 'xml' ? op.body?.xml : op.body?.json, body?.value, 'body', false, issues),
  };
  return issues.length === 0
    ? { valid: true, parsed, format }
    : { valid: false, issues, raw: { params: { ...params }, query: { ...query }, body: body?.value } };
}

/**
 * Step 5: `Prefer: example=` or `code=`, else the example whose request equals this one once parsed (unless its
 * answer depends on account state), else the first success. An invalid request gets a documented answer only when it is exactly the request of an example the
 * schema itself rejects (the vendor documents what its server says to it); otherwise a 400 naming every field
 * at fault.
 */
function choose(context: RequestContext, request: ReadRequest): CannedResponse {
  const { op } = context;
  if (!request.valid) {
    const documented = op.examples.find((example) => example.valid === undefined && isDeepStrictEqual(example.raw, request.raw));
    if (documented) {
      return documented.response;
    }
    const shown = request.issues.slice(0, MAX_REPORTED_ISSUES).join('; ');
    const more = request.issues.length > MAX_REPORTED_ISSUES ? ` (and ${request.issues.length - MAX_REPORTED_ISSUES} more)` : '';
    throw new MockRequestError('MOCK_INVALID_REQUEST', `invalid request to ${op.operation.operationId}: ${shown}${more}`);
  }
  const header = context.head.headers.prefer;
  const prefer = parsePrefer(Array.isArray(header) ? header.join(', ') : header);
  if (prefer.example !== undefined) {
    const named = op.byName.get(prefer.example);
    if (named === undefined) {
      throw new MockRequestError(
        'MOCK_PREFER',
        `Prefer: example=${prefer.example} is not an example of ${op.operation.operationId}; examples: ${[...op.byName.keys()].join(', ')}`,
      );
    }
    return named;
  }
  if (prefer.code !== undefined) {
    const coded = op.byStatus.get(Number(prefer.code));
    if (coded === undefined) {
      throw new MockRequestError(
        'MOCK_PREFER',
        `Prefer: code=${prefer.code} is not a status ${op.operation.operationId} can answer; statuses: ${[...op.byStatus.keys()].sort((a, b) => a - b).join(', ')}`,
      );
    }
    return coded;
  }
  const { params, query, body } = request.parsed;
  const matching = op.examples.find(
    ({ valid, matchable }) =>
      matchable &&
      valid !== undefined &&
      isDeepStrictEqual(valid.params, params) &&
      isDeepStrictEqual(valid.query, query) &&
      isDeepStrictEqual(request.format === 'xml' ? valid.xml : valid.json, body),
  );
  return matching?.response ?? unknownId(op, request.parsed) ?? op.first;
}

/** The documented not-found answer when the request names an id no example of the service documents. */
function unknownId(op: CompiledOperation, parsed: ParsedRequest): CannedResponse | undefined {
  const documented = documentedValues(op.service.service);
  return op.unknownIds.find(({ pointer }) => {
    const value = valueAt(parsed, pointer);
    return (typeof value === 'string' || typeof value === 'number') && !documented.has(value);
  })?.response;
}

/** Step 6: the pre-serialized form the client accepts; a response without a body needs no negotiation. */
function serialize(context: RequestContext, response: CannedResponse): Reply {
  if (response.offered.length === 0) {
    return response.replies.json as Reply;
  }
  const accept = context.head.headers.accept;
  const format = negotiate(accept, response.offered);
  if (format === undefined) {
    const offered = response.offered.map((f) => MEDIA_TYPE[f]).join(', ');
    throw new MockRequestError(
      'MOCK_NOT_ACCEPTABLE',
      `Accept ${accept} matches none of ${offered} for ${context.op.operation.operationId}`,
    );
  }
  return response.replies[format] as Reply;
}
