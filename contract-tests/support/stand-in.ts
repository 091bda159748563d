import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { pointerTokens } from '../../schemas/_shared/json-pointer.ts';
import {
  type AnyExample,
  deleteAt,
  dependsOnState,
  isChained,
  isSuccess,
  type Operation,
  setAt,
  valueAt,
} from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import { decodeXml, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { isPlainObject } from '../checks/schema-walk.ts';
import { compileAuth } from '../contract/auth.ts';
import { compileParamsReader } from '../contract/params.ts';
import { compileRouter } from '../contract/router.ts';
import type { BodyFormat } from '../format.ts';
import { acceptsAt, freshLike, requestAccepts } from '../runner/fresh-values.ts';
import { ENV_VALUES } from '../runner/request-values.ts';
import { type Drift, type Served, serve } from './drifts.ts';
import { type Fault, injectFault } from './faults.ts';

/**
 * A vendor's API served as a user would stand it up to try the runner, from our reading of the vendor docs: as
 * strict as they are (signatures, the account's own ids, documented bodies and envelopes). This module is what
 * every vendor shares; `ncp-stand-in.ts` and `huawei-stand-in.ts` add what their gateways do.
 */

/** Picks what to answer instead of the faithful response; undefined keeps it faithful. */
export type DriftHook = (
  operation: Operation,
  example: AnyExample,
  format: BodyFormat,
  faithful: AnyExample['response'],
) => Served | undefined;

/** The hook that answers one drift of the table in place of the faithful response of its example and format. */
export function injecting(drift: Drift): DriftHook {
  return (operation, example, format, faithful) =>
    operation.operationId === drift.operationId && example.name === drift.example && format === drift.format
      ? drift.respond(operation, structuredClone(faithful.body) as Record<string, unknown>, faithful.status)
      : undefined;
}

/** A request the service was about to answer; `key` is the same for every attempt at one request (equal parts, format and operation). */
export interface FaultableRequest {
  operation: Operation;
  format: BodyFormat;
  key: string;
}

/** Picks a fault to answer with in place of the service (a failing gateway or network); undefined lets the service answer. */
export type FaultHook = (request: FaultableRequest) => Fault | undefined;

/**
 * The hook that answers with `fault` the requests of `operationId` (of every operation without one), each on its
 * first `attempts` attempts (on all without a bound): a fault that persists, or one that clears while a read is
 * retried. Requests equal in every part count as one.
 */
export function faulting(
  fault: Fault,
  { operationId, attempts = Number.POSITIVE_INFINITY }: { operationId?: string; attempts?: number } = {},
): FaultHook {
  const seen = new Map<string, number>();
  return ({ operation, key }) => {
    if (operationId !== undefined && operation.operationId !== operationId) {
      return undefined;
    }
    const attempt = (seen.get(key) ?? 0) + 1;
    seen.set(key, attempt);
    return attempt <= attempts ? fault : undefined;
  };
}

/** What an account holds: its own values where the docs give the vendor's. */
export interface Account {
  /** Each documented value of a field the account owns → the account's own (values it does not rename are everyone's). */
  names: ReadonlyMap<unknown, unknown>;
  /** `operationId target` → the account's value of that field (chained, values-file and project fields). */
  fields: ReadonlyMap<string, unknown>;
}

/** A response with the headers a vendor endpoint adds (an IAM token in `X-Subject-Token`). */
export interface Answer extends Served {
  headers?: Record<string, string>;
}

/** A request as the server received it, before any vendor rule looked at it. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  text: string;
}

/** What a vendor's gateway does in front of the service. */
export interface VendorRules {
  /** The answer to a request whose signature or token the gateway refuses (`why` never holds a secret). */
  refuseAuth(why: string): Answer;
  /**
   * The gateway's answer to a request naming a resource the account does not hold; undefined where the gateway
   * lets it through (not an id it checks), and the service answers it like an id that names nothing.
   */
  refuseForeign?(operation: Operation, format: BodyFormat, value: unknown): Served | undefined;
  /** Endpoints served beside the service (an IAM token endpoint), asked before routing; undefined: not one of them. */
  endpoint?(request: RawRequest): Answer | undefined;
  /** Variables of credentials the gateway accepts besides those it was started with (a token it issued). */
  issued?: Env;
}

export interface StandInOptions {
  /** The accounts behind the credentials, tried in order; the first is the one the list reads show. Default: documentedAccount. */
  accounts?: readonly Account[];
  /** Answer the first call of each operation with 429 and this `Retry-After`, as a throttling gateway does. */
  throttleFirstCall?: { retryAfter: string };
  /**
   * How an id that names nothing is answered: as the operation's example for it documents (default), or refused by
   * the gateway like a foreign id, as a gateway that checks ownership first does (where the vendor has one).
   */
  unknownIds?: 'documented' | 'refused';
}

/** A request as the stand-in read it, after the signature check. */
export interface ReceivedCall {
  operationId: string;
  format: BodyFormat;
  body: unknown;
  params?: unknown;
  query?: unknown;
  status: number;
}

export interface StandIn {
  url: string;
  /** Requests that passed the signature check. */
  signed: number;
  /** Requests the service answered (not those answered with a fault). */
  calls: ReceivedCall[];
  drift: DriftHook;
  fault: FaultHook;
  close(): Promise<void>;
}

const THROTTLED = JSON.stringify({ error: { errorCode: '429', message: 'Too Many Requests' } });

interface OwnedGroup {
  /** The field's name (`project_id`, `id`…): what `freshAccount`'s `given` pins. */
  name: string;
  /** The documented values that stand for one thing the account holds: a source's, then its dependents'. */
  values: unknown[];
  /** `operationId target` of each request field that names it. */
  fields: string[];
  /** Whether the schema of the field the group was found at takes a value. */
  accepts: (candidate: unknown) => boolean;
}

const fieldKey = (operation: Operation, target: string) => `${operation.operationId} ${target}`;

/** `[path, value]` of every `id` field of a list item in a body: the resources a list read shows. */
function* listedIds(value: unknown, path: string[] = [], inList = false): Generator<[string[], unknown]> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      yield* listedIds(item, [...path, String(index)], true);
    }
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' && inList && (typeof child === 'string' || typeof child === 'number')) {
        yield [[...path, key], child];
      }
      yield* listedIds(child, [...path, key], inList);
    }
  }
}

/**
 * What an account holds, grouped by the documented value each stands for: the chained fields with their source
 * (`accountsGetList /contents/0/id`…), the fields only the values file gives (a DCS instance, a job), the fields
 * the environment gives (the project id), and the other resources its list reads show (DDS sessions, Redis clients).
 */
function ownedGroups(service: Service): OwnedGroup[] {
  const groups = new Map<string, OwnedGroup>();
  const add = (key: string, first: unknown, operation: Operation, target: string) => {
    const request = operation.examples[0]?.request ?? {};
    const name = pointerTokens(target).at(-1) as string;
    const group = groups.get(key) ?? { name, values: [first], fields: [], accepts: requestAccepts(operation, request, target) };
    group.values.push(valueAt(request, target));
    group.fields.push(fieldKey(operation, target));
    groups.set(key, group);
  };
  for (const operation of service.operations) {
    for (const { target, from } of operation.inputs) {
      const documented = valueAt(operation.examples[0]?.request, target);
      if (isChained(from)) {
        const source = service.operations.find((op) => op.operationId === from.operationId);
        add(`${from.operationId} ${from.pointer}`, valueAt(source?.examples[0]?.response.body, from.pointer), operation, target);
      } else if (documented !== undefined) {
        add(`values ${pointerTokens(target).at(-1)} ${String(documented)}`, documented, operation, target);
      }
    }
    for (const field of Object.keys(ENV_VALUES)) {
      const documented = valueAt(operation.examples[0]?.request, `/params/${field}`);
      if (documented !== undefined) {
        add(`env ${field} ${String(documented)}`, documented, operation, `/params/${field}`);
      }
    }
  }
  const held = new Set([...groups.values()].flatMap((group) => group.values));
  for (const operation of service.operations.filter((op) => op.safety === 'read')) {
    for (const { response } of operation.examples.filter((example) => isSuccess(example.response.status))) {
      const schema = operation.responses.find((r) => r.status === response.status)?.body?.schema;
      for (const [path, value] of schema ? listedIds(response.body) : []) {
        if (!held.has(value)) {
          held.add(value);
          groups.set(`listed ${String(value)}`, {
            name: 'id',
            values: [value],
            fields: [],
            accepts: acceptsAt(schema as z.ZodType, response.body, path),
          });
        }
      }
    }
  }
  return [...groups.values()];
}

function account(service: Service, own: (group: OwnedGroup) => unknown): Account {
  const names = new Map<unknown, unknown>();
  const fields = new Map<string, unknown>();
  for (const group of ownedGroups(service)) {
    const value = own(group);
    for (const documented of group.values) {
      if (names.has(documented) && names.get(documented) !== value) {
        throw new Error(`${service.id}: ${String(documented)} is held in two places that give it different values`);
      }
      names.set(documented, value);
    }
    for (const field of group.fields) {
      fields.set(field, value);
    }
  }
  return { names, fields };
}

/** The account whose resources are the ones the docs show: every chained request finds what it names. */
export function documentedAccount(service: Service): Account {
  return account(service, (group) => group.values[0]);
}

/**
 * An account of its own: every value it holds drawn anew in the documented format, as a live run's fresh ids are
 * (values too short to vary, like a notebook type name, are everyone's and stay as documented). `given` pins the
 * values of fields by name, such as the one project id that DCS and DDS share.
 */
export function freshAccount(service: Service, given: Readonly<Record<string, unknown>> = {}): Account {
  return account(service, (group) =>
    Object.hasOwn(given, group.name)
      ? given[group.name]
      : (freshLike({ service, templates: [group.values[0]], accepts: group.accepts }) ?? group.values[0]),
  );
}

/** Every leaf of a value renamed by the account. */
function renamed(value: unknown, names: Account['names']): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => renamed(item, names));
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, renamed(child, names)]));
  }
  return names.has(value) ? names.get(value) : value;
}

function* leaves(value: unknown): Generator<unknown> {
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const child of Object.values(value)) {
      yield* leaves(child);
    }
  } else {
    yield value;
  }
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request's parts as a server compares them: parsed by the schemas, or `{ invalid }` where they do not parse. */
interface Parts {
  params: unknown;
  query: unknown;
  body: unknown;
}

const parsed = (schema: z.ZodType | undefined, value: unknown): unknown => {
  if (schema === undefined) {
    return undefined;
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : { invalid: value };
};

/** An example's request as the server would read it, in the format it was sent in. */
function exampleParts(operation: Operation, format: BodyFormat, example: AnyExample): Parts {
  const { request } = example;
  const body = operation.request.body;
  const json = body === undefined || request.body === undefined ? undefined : body.schema.safeParse(request.body);
  return {
    params: parsed(operation.request.params, request.params ?? {}),
    query: parsed(operation.request.query, request.query ?? {}),
    body:
      json === undefined
        ? undefined
        : !json.success
          ? { invalid: request.body }
          : format === 'xml'
            ? parsed(body?.xmlSchema, body?.fromJson(json.data))
            : json.data,
  };
}

function readBody(operation: Operation, format: BodyFormat, text: string): unknown {
  const body = operation.request.body;
  if (body === undefined || text === '') {
    return undefined;
  }
  if (format === 'json') {
    return parsed(body.schema, JSON.parse(text));
  }
  // A real parser binds elements by name: a request in another root or array layout does not say what was meant.
  const decoded = decodeXml(body.xmlSchema, text);
  const root = xmlRootName(body.xmlSchema);
  if (root !== undefined && decoded.root !== root) {
    throw new Error(`the root element is <${decoded.root ?? ''}>, not <${root}>`);
  }
  const [shape] = decoded.shape;
  if (shape !== undefined) {
    throw new Error(`${shape.pointer}: ${shape.message}`);
  }
  return parsed(body.xmlSchema, decoded.value);
}

function answer(operation: Operation, format: BodyFormat, { status, body }: AnyExample['response']): Served {
  const documented = operation.responses.find((r) => r.status === status);
  if (body === undefined || documented?.body === undefined) {
    return { status, contentType: 'application/json', body: '' };
  }
  if (documented.contentType !== undefined) {
    return { status, contentType: documented.contentType, body: String(body) };
  }
  return serve(operation, format, status, body);
}

/** The parts without one field, to compare the rest. */
const without = (parts: Parts, pointer: string): Parts => {
  const copy = structuredClone(parts);
  deleteAt(copy, pointer);
  return copy;
};

/**
 * Starts a stand-in of `service` on 127.0.0.1: the gateway checks signatures and tokens with the credentials in
 * `env` (the variables a live run signs with) and answers as `vendor` says; behind it, each request gets the
 * example whose request, renamed to one of the accounts, is this one, with that example's response renamed
 * likewise, in the format the client asked for, unless `drift` says otherwise. The accounts are in good standing:
 * no example whose answer depends on the account's state is ever given. A request that names an id no account
 * holds gets what the examples document for an id that names nothing.
 */
export async function startStandIn(service: Service, vendor: VendorRules, env: Env, options: StandInOptions = {}): Promise<StandIn> {
  const accounts = options.accounts ?? [documentedAccount(service)];
  const held = new Set(accounts.flatMap(({ names }) => [...names.values()]));
  const foreign = new Set(accounts.flatMap(({ names }) => [...names.keys()].filter((value) => !held.has(value))));
  const verify = compileAuth(service, { ...env, ...vendor.issued });
  const route = compileRouter(service.operations.map((op) => ({ method: op.method.toUpperCase(), path: op.path, target: op })));
  const readers = new Map(
    service.operations.map((op) => [
      op,
      {
        params: op.request.params && compileParamsReader(op.request.params),
        query: op.request.query && compileParamsReader(op.request.query),
      },
    ]),
  );
  const called = new Set<string>();
  const standIn: Omit<StandIn, 'url' | 'close'> = { signed: 0, calls: [], drift: () => undefined, fault: () => undefined };

  /**
   * The request an example stands for in this account: its documented values renamed. In an example that
   * succeeds, a field the runner fills from the account (chained, or a filter it may leave out) is taken as
   * received when it names the account's own value, as a real server answers for whatever resource of yours is
   * named; an optional filter left out lists everything.
   */
  function expected(operation: Operation, format: BodyFormat, example: AnyExample, own: Account, received: Parts): Parts {
    const parts = renamed(exampleParts(operation, format, example), own.names) as Parts;
    for (const { target, from } of isSuccess(example.response.status) ? operation.inputs : []) {
      const value = own.fields.get(fieldKey(operation, target));
      const sent = valueAt(received, target);
      if (isChained(from) && value !== undefined && sent === value) {
        setAt(parts as unknown as Record<string, unknown>, target, sent);
      } else if (!isChained(from) && from.values === 'optional' && sent === undefined) {
        deleteAt(parts, target);
      }
    }
    return parts;
  }

  /** Which example answers, renamed for the account that holds what the request names; undefined: none. */
  function chosen(operation: Operation, format: BodyFormat, received: Parts): { example: AnyExample; own: Account } | undefined {
    const examples = operation.examples.filter((example) => !dependsOnState(example));
    for (const own of accounts) {
      const example = examples.find((e) => isDeepStrictEqual(expected(operation, format, e, own, received), received));
      if (example !== undefined) {
        return { example, own };
      }
    }
    // An id that names nothing: the example documenting the answer to one, if the rest of the request is its.
    for (const own of accounts) {
      for (const example of examples) {
        const pointer = example.outcome?.from === 'request' ? example.outcome.nonexistent : undefined;
        const unknown = pointer !== undefined && !held.has(valueAt(received, pointer));
        if (
          unknown &&
          isDeepStrictEqual(without(expected(operation, format, example, own, received), pointer), without(received, pointer))
        ) {
          return { example, own };
        }
      }
    }
    return undefined;
  }

  function respond(operation: Operation, format: BodyFormat, received: Parts): Served {
    for (const value of leaves(received)) {
      const refusal = foreign.has(value) ? vendor.refuseForeign?.(operation, format, value) : undefined;
      if (refusal !== undefined) {
        return refusal;
      }
    }
    const found = chosen(operation, format, received);
    if (found === undefined) {
      return serve(operation, format, 404, service.errors.make(404, 'no such element'));
    }
    const { example, own } = found;
    const unknown = example.outcome?.from === 'request' ? example.outcome.nonexistent : undefined;
    const refusal =
      unknown !== undefined && options.unknownIds === 'refused'
        ? vendor.refuseForeign?.(operation, format, valueAt(received, unknown))
        : undefined;
    if (refusal !== undefined) {
      return refusal;
    }
    const faithful = { ...example.response, body: renamed(example.response.body, own.names) };
    return standIn.drift(operation, example, format, faithful) ?? answer(operation, format, faithful);
  }

  /** Routes, reads and answers a request the gateway let through, unless `fault` picks a fault to answer it with. */
  function serviceAnswer(request: RawRequest): { served: Served; call?: ReceivedCall } | { fault: Fault } {
    const q = request.url.indexOf('?');
    const pathname = q < 0 ? request.url : request.url.slice(0, q);
    const match = route(request.method, pathname);
    if (match.kind !== 'found') {
      return {
        served: { status: 404, contentType: 'application/json', body: JSON.stringify(service.errors.make(404, 'no such element')) },
      };
    }
    const operation = match.target;
    const xml =
      service.mediaTypes.includes('application/xml') && (request.headers['content-type'] ?? request.headers.accept ?? '').includes('xml');
    const format: BodyFormat = xml ? 'xml' : 'json';
    const reader = readers.get(operation);
    let received: Parts;
    try {
      received = {
        params: parsed(operation.request.params, reader?.params?.(match.params.map(([name, value]) => [name, decodeURIComponent(value)]))),
        query: parsed(operation.request.query, reader?.query?.(new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1)))),
        body: readBody(operation, format, request.text),
      };
    } catch (error) {
      const message = `invalid request parameters: ${error instanceof Error ? error.message : String(error)}`;
      return { served: serve(operation, format, 400, service.errors.make(400, message)) };
    }
    const fault = standIn.fault({ operation, format, key: JSON.stringify([operation.operationId, format, received]) });
    if (fault !== undefined) {
      return { fault };
    }
    const first = options.throttleFirstCall !== undefined && !called.has(operation.operationId);
    called.add(operation.operationId);
    const served: Served = first ? { status: 429, contentType: 'application/json', body: THROTTLED } : respond(operation, format, received);
    return { served, call: { operationId: operation.operationId, format, ...received, status: served.status } };
  }

  const server = createServer(async (req, res) => {
    const request: RawRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])),
      text: await readText(req),
    };
    const own = vendor.endpoint?.(request);
    if (own !== undefined) {
      res.writeHead(own.status, { 'content-type': own.contentType, ...own.headers }).end(own.body);
      return;
    }
    const verdict = verify(
      { method: request.method, pathWithQuery: request.url, headers: req.headers, body: Buffer.from(request.text) },
      Date.now(),
    );
    if (!verdict.ok) {
      const refusal = vendor.refuseAuth(verdict.message);
      res.writeHead(refusal.status, { 'content-type': refusal.contentType, ...refusal.headers }).end(refusal.body);
      return;
    }
    standIn.signed += 1;
    const answered = serviceAnswer(request);
    if ('fault' in answered) {
      injectFault(answered.fault, req, res);
      return;
    }
    const { served, call } = answered;
    if (call) {
      standIn.calls.push(call);
    }
    const retryAfter = served.status === 429 && options.throttleFirstCall ? { 'retry-after': options.throttleFirstCall.retryAfter } : {};
    res.writeHead(served.status, { 'content-type': served.contentType, ...retryAfter }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
}
