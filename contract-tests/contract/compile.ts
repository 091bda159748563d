import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import {
  type AnyExample,
  dependsOnState,
  isSuccess,
  mismatchLine,
  type Operation,
  type ParamsSchema,
} from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { MEDIA_TYPE, type Representation } from '../format.ts';
import type { AuthCheck } from './auth.ts';
import { MockConfigError } from './errors.ts';
import { compileParamsReader } from './params.ts';
import { compileErrorEnvelope, type ErrorReplier, type Reply, reply, rootOf, toXml } from './replies.ts';

export interface CompiledService {
  service: Service;
  /** The structured formats the service speaks, JSON first (the answer when the client does not say). */
  formats: Representation[];
  /** Undefined unless `--verify-auth`. */
  auth: AuthCheck | undefined;
  /** Every prefix of its operations' literal leading segments, to pick the envelope of a 404. */
  pathPrefixes: string[][];
  /** The request media types it takes, as messages name them ("application/json or application/xml"). */
  accepts: string;
  error: ErrorReplier;
}

/** A response the mock can send for an operation: one of its examples, pre-serialized in every offered format. */
export interface CannedResponse {
  name: string;
  status: number;
  /** The formats it exists in, in preference order; empty for a response without a body. */
  offered: Representation[];
  replies: Partial<Record<Representation, Reply>>;
}

export interface ParsedRequest {
  params: unknown;
  query: unknown;
  body: unknown;
}

export interface CompiledBody {
  json: z.ZodType;
  /** What an XML body carries; the same schema unless the vendor's XML is shaped differently. */
  xml: z.ZodType;
  xmlRoot: string | undefined;
  /** What an empty body stands for: `undefined` or `{}` when the schema accepts one, absent when it is required. */
  empty: { value: unknown } | undefined;
}

export interface CompiledExample {
  response: CannedResponse;
  /** Parsed request, JSON and XML body forms: a valid request deep-equal to one of them gets this response. */
  valid: { params: unknown; query: unknown; json: unknown; xml: unknown } | undefined;
  /** The example's request as written; matched only when `valid` is undefined (a documented invalid request). */
  raw: ParsedRequest;
  /**
   * Whether a request equal to the example's gets its answer without asking for it by name. Not when the answer
   * depends on the account's state (no permission, quota used up), which a mock does not have: such a request
   * gets the success answer, as a real account in good standing would give.
   */
  matchable: boolean;
}

export interface CompiledOperation {
  service: CompiledService;
  operation: Operation;
  readParams: ((entries: Iterable<[string, string]>) => Record<string, unknown>) | undefined;
  readQuery: ((entries: Iterable<[string, string]>) => Record<string, unknown>) | undefined;
  /** Reads the documented request headers (by their lower-case names, as Node delivers them). */
  readHeaders: ((headers: IncomingHttpHeaders) => Record<string, unknown>) | undefined;
  body: CompiledBody | undefined;
  examples: CompiledExample[];
  byName: Map<string, CannedResponse>;
  /** The first example of each status, then documented error statuses synthesized from the envelope. */
  byStatus: Map<number, CannedResponse>;
  /** The answer to a request no example matches: the first success example. */
  first: CannedResponse;
  /**
   * The documented answers to an id that names nothing (an error example whose outcome names the `nonexistent`
   * request field), in example order: a request no example matches whose value there is no documented value of
   * the service gets it, as a vendor answers an id it never issued.
   */
  unknownIds: { pointer: string; response: CannedResponse }[];
}

function pathPrefixes(service: Service): string[][] {
  return service.operations.map((op) => {
    const segments = op.path.split('/');
    const firstParam = segments.findIndex((s) => s.startsWith('{'));
    return firstParam < 0 ? segments : segments.slice(0, firstParam);
  });
}

export function compileService(service: Service, auth: AuthCheck | undefined): CompiledService {
  const formats: Representation[] = service.mediaTypes.includes('application/xml') ? ['json', 'xml'] : ['json'];
  return {
    service,
    formats,
    auth,
    pathPrefixes: pathPrefixes(service),
    accepts: formats.map((f) => MEDIA_TYPE[f]).join(' or '),
    error: compileErrorEnvelope(service, formats),
  };
}

function compileBody(service: CompiledService, op: Operation): CompiledBody | undefined {
  const body = op.request.body;
  if (body === undefined) {
    return undefined;
  }
  const accepts = (value: unknown) => body.schema.safeParse(value).success;
  return {
    json: body.schema,
    xml: body.xmlSchema,
    xmlRoot: service.formats.includes('xml') ? rootOf(body, `${service.service.id} ${op.operationId} request`) : undefined,
    empty: accepts(undefined) ? { value: undefined } : accepts({}) ? { value: {} } : undefined,
  };
}

/** Serializes one documented response in every format the service offers for it. */
function canned(service: CompiledService, op: Operation, name: string, status: number, body: unknown): CannedResponse {
  const where = `${service.service.id} ${op.operationId} example "${name}"`;
  const response = op.responses.find((r) => r.status === status);
  const extra = { 'x-mock-example': name };
  if (response?.body === undefined || body === undefined) {
    return { name, status, offered: [], replies: { json: reply(status, undefined, Buffer.alloc(0), extra) } };
  }
  if (response.contentType === 'application/octet-stream') {
    return { name, status, offered: ['octet'], replies: { octet: reply(status, 'octet', Buffer.from(String(body)), extra) } };
  }
  const parsed = response.body.schema.safeParse(body);
  if (!parsed.success) {
    throw new MockConfigError(
      'CONFIG_MOCK_DEFINITION',
      `${where}: the response body does not match its schema ${mismatchLine(parsed.error.issues)}`,
    );
  }
  const replies: Partial<Record<Representation, Reply>> = { json: reply(status, 'json', Buffer.from(JSON.stringify(body)), extra) };
  if (service.formats.includes('xml')) {
    replies.xml = reply(status, 'xml', toXml(response.body, rootOf(response.body, where), parsed.data), extra);
  }
  return { name, status, offered: service.formats, replies };
}

/** `{ data }` when the value parses (or there is no schema to parse it with), undefined when it does not. */
function tryParse(schema: z.ZodType | undefined, value: unknown): { data: unknown } | undefined {
  if (schema === undefined) {
    return { data: undefined };
  }
  const result = schema.safeParse(value);
  return result.success ? { data: result.data } : undefined;
}

function compileExample(service: CompiledService, op: Operation, body: CompiledBody | undefined, example: AnyExample): CompiledExample {
  const { request, response } = example;
  const requestBody = request.body === undefined && body?.empty ? body.empty.value : request.body;
  const params = tryParse(op.request.params, request.params ?? {});
  const query = tryParse(op.request.query, request.query ?? {});
  const json = tryParse(body?.json, requestBody);
  const xml = json && op.request.body ? tryParse(body?.xml, op.request.body.fromJson(json.data)) : undefined;
  if (isSuccess(response.status) && body !== undefined && json === undefined) {
    // A success example whose request no longer parses would be served to requests it does not describe.
    const issues = body.json.safeParse(requestBody).error?.issues ?? [];
    throw new MockConfigError(
      'CONFIG_MOCK_DEFINITION',
      `${service.service.id} ${op.operationId} example "${example.name}": the request body does not match its schema ${mismatchLine(issues)}`,
    );
  }
  return {
    response: canned(service, op, example.name, response.status, response.body),
    valid: params && query && json ? { params: params.data, query: query.data, json: json.data, xml: xml?.data ?? json.data } : undefined,
    raw: { params: request.params ?? {}, query: request.query ?? {}, body: requestBody },
    matchable: !dependsOnState(example),
  };
}

/** A documented error status without an example still answers `Prefer: code=<status>`, in the service's envelope. */
function synthesizedErrors(service: CompiledService, op: Operation, known: Set<number>): CannedResponse[] {
  return op.responses
    .filter((r) => r.status >= 400 && !known.has(r.status))
    .map((r) => ({ response: r, body: service.service.errors.make(r.status, r.description) }))
    .filter(({ response, body }) => response.body?.schema.safeParse(body).success)
    .map(({ response, body }) => canned(service, op, `documented-${response.status}`, response.status, body));
}

function compileHeadersReader(schema: ParamsSchema): (headers: IncomingHttpHeaders) => Record<string, unknown> {
  const read = compileParamsReader(schema);
  const names = Object.keys(schema.shape).map((name) => [name, name.toLowerCase()] as const);
  return (headers) => {
    const entries: [string, string][] = [];
    for (const [name, lower] of names) {
      const value = headers[lower];
      if (value !== undefined) {
        entries.push([name, Array.isArray(value) ? value.join(', ') : value]);
      }
    }
    return read(entries);
  };
}

export function compileOperation(service: CompiledService, op: Operation): CompiledOperation {
  const body = compileBody(service, op);
  const examples = op.examples.map((example) => compileExample(service, op, body, example));
  // What a request no example matches gets: the first success, as an account in good standing answers.
  const first = (examples.find((example) => isSuccess(example.response.status)) ?? examples[0])?.response;
  if (first === undefined) {
    throw new MockConfigError('CONFIG_MOCK_DEFINITION', `${service.service.id} ${op.operationId}: has no example to answer with`);
  }
  const byStatus = new Map<number, CannedResponse>();
  for (const { response } of examples) {
    if (!byStatus.has(response.status)) {
      byStatus.set(response.status, response);
    }
  }
  for (const response of synthesizedErrors(service, op, new Set(byStatus.keys()))) {
    byStatus.set(response.status, response);
  }
  return {
    service,
    operation: op,
    readParams: op.request.params ? compileParamsReader(op.request.params) : undefined,
    readQuery: op.request.query ? compileParamsReader(op.request.query) : undefined,
    readHeaders: op.request.headers ? compileHeadersReader(op.request.headers) : undefined,
    body,
    examples,
    byName: new Map(examples.map((e) => [e.response.name, e.response])),
    byStatus,
    first,
    unknownIds: op.examples.flatMap((example, index) =>
      example.outcome?.from === 'request' && example.outcome.nonexistent !== undefined
        ? [{ pointer: example.outcome.nonexistent, response: (examples[index] as CompiledExample).response }]
        : [],
    ),
  };
}
