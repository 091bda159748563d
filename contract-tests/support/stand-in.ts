import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { type AnyExample, isChained, type Operation, setAt, valueAt } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { verifyNcpV2 } from '../../schemas/_shared/signing/index.ts';
import { decodeXml } from '../../schemas/_shared/xml/index.ts';
import { isPlainObject } from '../checks/schema-walk.ts';
import type { Format } from '../format.ts';
import { type Served, serve } from './drifts.ts';

/** Picks what to answer instead of the faithful response; undefined keeps it faithful. */
export type DriftHook = (operation: Operation, example: AnyExample, format: Format, faithful: AnyExample['response']) => Served | undefined;

/** What an account holds: its own values for the chained fields, where the docs give the vendor's. */
export interface Account {
  /** Each documented value of a chained field → the account's own (values it does not rename are everyone's). */
  names: ReadonlyMap<unknown, unknown>;
  /** `operationId target` → the account's value of that chained field. */
  fields: ReadonlyMap<string, unknown>;
}

export interface StandInOptions {
  /** The accounts behind the credentials, tried in order; the first is the one the list reads show. Default: documentedAccount. */
  accounts?: readonly Account[];
  /** Answer the first call of each operation with 429 and this `Retry-After`, as a throttling gateway does. */
  throttleFirstCall?: { retryAfter: string };
}

/** A request as the stand-in read it, after the signature check. */
export interface ReceivedCall {
  operationId: string;
  format: Format;
  body: unknown;
  status: number;
}

export interface StandIn {
  url: string;
  /** Requests that passed the signature check. */
  signed: number;
  calls: ReceivedCall[];
  drift: DriftHook;
  close(): Promise<void>;
}

const GATEWAY_REFUSAL = JSON.stringify({
  error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
});

const THROTTLED = JSON.stringify({ error: { errorCode: '429', message: 'Too Many Requests' } });

interface ChainGroup {
  /** The value at the source's pointer in its default response, then what each dependent's default example sends. */
  values: unknown[];
  /** `operationId target` of each dependent field. */
  fields: string[];
}

/** The chained fields of a service, grouped by the source value they take (`accountsGetList /contents/0/id`…). */
function chainGroups(service: Service): ChainGroup[] {
  const groups = new Map<string, ChainGroup>();
  for (const operation of service.operations) {
    for (const { target, from } of operation.inputs) {
      if (!isChained(from)) {
        continue;
      }
      const source = service.operations.find((op) => op.operationId === from.operationId);
      const key = `${from.operationId} ${from.pointer}`;
      const group = groups.get(key) ?? { values: [valueAt(source?.examples[0]?.response.body, from.pointer)], fields: [] };
      group.values.push(valueAt(operation.examples[0]?.request, target));
      group.fields.push(`${operation.operationId} ${target}`);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

function account(service: Service, rename: (documented: unknown) => unknown): Account {
  const names = new Map<unknown, unknown>();
  const fields = new Map<string, unknown>();
  for (const group of chainGroups(service)) {
    const own = rename(group.values[0]);
    for (const value of group.values) {
      if (names.has(value) && names.get(value) !== own) {
        throw new Error(`${service.id}: ${String(value)} is chained from two places that hold different values`);
      }
      names.set(value, own);
    }
    for (const field of group.fields) {
      fields.set(field, own);
    }
  }
  return { names, fields };
}

/** The account whose resources are the ones the list reads document: every chained request finds what it names. */
export function documentedAccount(service: Service): Account {
  return account(service, (documented) => documented);
}

const CLASSES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/**
 * An account of its own: every documented id shifted `shift` places within its character class (so it still
 * matches the id's pattern), every documented number raised by `shift` thousands.
 */
export function freshAccount(service: Service, shift: number): Account {
  const documented = new Set(chainGroups(service).flatMap((group) => group.values));
  const own = account(service, (value) =>
    typeof value === 'number'
      ? value + shift * 1000
      : [...String(value)]
          .map((char) => {
            const chars = CLASSES.find((c) => c.includes(char));
            return chars ? chars[(chars.indexOf(char) + shift) % chars.length] : char;
          })
          .join(''),
  );
  for (const value of own.names.values()) {
    if (documented.has(value)) {
      throw new Error(`${service.id}: shifting by ${shift} turns one documented value into another (${String(value)})`);
    }
  }
  return own;
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

/**
 * Examples that send the same request as an earlier example of their operation but document another response.
 * No real server can give both answers (the mock can: the runner asks it for an example by name), so against a
 * stand-in the later one fails with the status it did not get: `operationId example` names.
 */
export function ambiguousExamples(service: Service): Set<string> {
  return new Set(
    service.operations.flatMap((op) =>
      op.examples
        .filter((e, i) =>
          op.examples
            .slice(0, i)
            .some((first) => isDeepStrictEqual(first.request.body, e.request.body) && !isDeepStrictEqual(first.response, e.response)),
        )
        .map((e) => `${op.operationId} ${e.name}`),
    ),
  );
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body as the server reads it, normalised by the schema so JSON and XML requests compare alike. */
function readBody(operation: Operation, format: Format, text: string): unknown {
  const body = operation.request.body;
  if (body === undefined || text === '') {
    return undefined;
  }
  const value = format === 'xml' ? decodeXml(body.xmlSchema, text).value : JSON.parse(text);
  const schema = format === 'xml' ? body.xmlSchema : body.schema;
  return schema.parse(value);
}

function exampleBody(operation: Operation, format: Format, example: AnyExample): unknown {
  const body = operation.request.body;
  if (body === undefined || example.request.body === undefined) {
    return undefined;
  }
  const parsed = body.schema.parse(example.request.body);
  return format === 'xml' ? body.xmlSchema.parse(body.fromJson(parsed)) : parsed;
}

function answer(operation: Operation, format: Format, { status, body }: AnyExample['response']): Served {
  const documented = operation.responses.find((r) => r.status === status);
  if (body === undefined || documented?.body === undefined) {
    return { status, contentType: 'application/json', body: '' };
  }
  if (documented.contentType !== undefined) {
    return { status, contentType: documented.contentType, body: String(body) };
  }
  return serve(operation, format, status, body);
}

/**
 * A Data Forest as a user would stand one up to try the runner: 127.0.0.1, the documented NCP signature check
 * (a refusal is the gateway's 401), and accounts of its own. A request naming a documented id that none of them
 * holds is refused with the gateway's 403 "not allowed or not exists"; otherwise it answers the example whose
 * request, renamed to the account, is this one, with that example's response renamed likewise, in the format
 * the client accepts, unless `drift` says otherwise.
 */
export async function startStandIn(
  service: Service,
  credentials: { accessKey: string; secretKey: string },
  options: StandInOptions = {},
): Promise<StandIn> {
  const accounts = options.accounts ?? [documentedAccount(service)];
  const held = new Set(accounts.flatMap(({ names }) => [...names.values()]));
  const foreign = new Set(accounts.flatMap(({ names }) => [...names.keys()].filter((value) => !held.has(value))));

  /**
   * The request an example stands for in this account: its documented values renamed, and in an example that
   * succeeds, any chained field naming the account's own resource taken as it is (the runner replaces
   * placeholders like "string" there, and a real server answers for whatever resource of yours is named).
   */
  function expected(operation: Operation, format: Format, example: AnyExample, own: Account, received: unknown): unknown {
    const body = renamed(exampleBody(operation, format, example), own.names);
    const succeeds = example.response.status >= 200 && example.response.status < 300;
    for (const { target } of succeeds && isPlainObject(body) ? operation.inputs : []) {
      const value = own.fields.get(`${operation.operationId} ${target}`);
      const pointer = target.replace(/^\/body/, '');
      if (value !== undefined && target.startsWith('/body/') && valueAt(received, pointer) === value) {
        setAt(body as Record<string, unknown>, pointer, value);
      }
    }
    return body;
  }
  const called = new Set<string>();
  const standIn: Omit<StandIn, 'url' | 'close'> = { signed: 0, calls: [], drift: () => undefined };

  function respond(operation: Operation, format: Format, received: unknown): Served {
    const refused = [...leaves(received)].find((value) => foreign.has(value));
    if (refused !== undefined) {
      const message = `resource ('${String(refused)}') is not allowed or not exists`;
      return serve(operation, format, 403, { error: { errorCode: '10002', requestId: randomUUID(), message } });
    }
    for (const own of accounts) {
      const example = operation.examples.find((e) => isDeepStrictEqual(expected(operation, format, e, own, received), received));
      if (example !== undefined) {
        const faithful = { ...example.response, body: renamed(example.response.body, own.names) };
        return standIn.drift(operation, example, format, faithful) ?? answer(operation, format, faithful);
      }
    }
    return serve(operation, format, 404, service.errors.make(404, 'no such element'));
  }

  const server = createServer(async (req, res) => {
    const text = await readText(req);
    const verdict = verifyNcpV2({
      method: req.method ?? '',
      pathWithQuery: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])),
      secretFor: (key) => (key === credentials.accessKey ? credentials.secretKey : undefined),
      now: Date.now(),
    });
    if (!verdict.ok) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(GATEWAY_REFUSAL);
      return;
    }
    standIn.signed += 1;
    const operation = service.operations.find((op) => op.method.toUpperCase() === req.method && op.path === req.url);
    if (operation === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(service.errors.make(404, 'no such element')));
      return;
    }
    const format: Format = (req.headers['content-type'] ?? req.headers.accept ?? '').includes('xml') ? 'xml' : 'json';
    const received = readBody(operation, format, text);
    const first = options.throttleFirstCall !== undefined && !called.has(operation.operationId);
    called.add(operation.operationId);
    const served: Served = first ? { status: 429, contentType: 'application/json', body: THROTTLED } : respond(operation, format, received);
    standIn.calls.push({ operationId: operation.operationId, format, body: received, status: served.status });
    const retryAfter = first ? { 'retry-after': options.throttleFirstCall?.retryAfter as string } : {};
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
