import type { z } from 'zod';
import { pointerTokens, toPointer } from './json-pointer.ts';

export type Safety = 'read' | 'write' | 'destructive';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type MediaType = 'application/json' | 'application/xml';

/** Path, query and header parameters are plain objects of scalar fields. */
export type ParamsSchema = z.ZodObject<z.ZodRawShape>;

/**
 * A body's XML form. By default the XML document carries the same value as the JSON body, under the root
 * element named by the schema's `xml.name` metadata. When the vendor's XML is shaped differently (the NCP
 * error envelope wraps its JSON in `{"error": …}` but its XML root is the inner object), `schema` is what the
 * XML carries and `fromJson` maps a parsed JSON body to it.
 */
export interface XmlForm<S extends z.ZodType = z.ZodType> {
  schema: z.ZodType;
  fromJson: (json: z.output<S>) => unknown;
}

export interface BodyDef<S extends z.ZodType = z.ZodType> {
  schema: S;
  description?: string;
  xml?: XmlForm<S>;
}

export interface ResponseDef<S extends z.ZodType = z.ZodType> {
  description: string;
  /** No body (for example 204). */
  body?: BodyDef<S> | S;
  /** A non-structured payload, such as a keytab file; the body schema then describes the bytes as a string. */
  contentType?: 'application/octet-stream';
}

export type Responses = Record<number, ResponseDef>;

type BodyOf<R> = R extends { body: infer B }
  ? B extends BodyDef<infer S>
    ? z.input<S>
    : B extends z.ZodType
      ? z.input<B>
      : never
  : undefined;

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;

export interface ExampleRequest<P, Q, H, B> {
  params?: InputOf<P>;
  query?: InputOf<Q>;
  headers?: InputOf<H>;
  body?: InputOf<B>;
  /** The XML request body exactly as the vendor documents it, kept for the JSON/XML twin check. */
  xml?: string;
}

export type ExampleResponse<R extends Responses, S extends keyof R & number = keyof R & number> = {
  [K in S]: { status: K; body?: BodyOf<R[K]>; xml?: string };
}[S];

/** The account's state decides the response (permissions, quota, a running job, a server fault): a live run cannot reproduce it. */
export interface StateOutcome {
  from: 'state';
  /** What state, in a few words: shown in the docs and as the skip reason of a live run. */
  why: string;
}

/** The request alone decides the response (a malformed or missing field, an id that cannot exist): any account reproduces it. */
export interface RequestOutcome<T extends string = string, S extends number = number> {
  from: 'request';
  why: string;
  /**
   * The request field that must name nothing on the server. The documented id may exist, or be refused as someone
   * else's, so a live run sends an id generated fresh in the same format instead.
   */
  nonexistent?: T;
  /**
   * Where the vendor may give this outcome under more than one status (a gateway's 403 "not allowed or not exists"
   * for an id a service would answer 404): every status that counts as it, the example's own among them, and why.
   */
  equivalent?: { statuses: readonly S[]; why: string };
}

/**
 * An error example about an id that names nothing: a live run sends a fresh id at `target`. `equivalent` when the
 * vendor may answer such an id under more than one status.
 */
export function noSuchResource<const T extends string, S extends number = never>(
  target: T,
  what: string,
  equivalent?: RequestOutcome<T, S>['equivalent'],
): RequestOutcome<T, NoInfer<S>> {
  return { from: 'request', why: `the id names no ${what}`, nonexistent: target, ...(equivalent && { equivalent }) };
}

/** What decides an error example's response: the request alone, or the account's state. */
export type ErrorOutcome<T extends string = string, S extends number = number> = StateOutcome | RequestOutcome<T, S>;

/** `200`, `201`, `204`…: a status that documents success, which needs no outcome. */
type Success<S extends number> = `${S}` extends `2${string}` ? S : never;

/**
 * A named request/response pair. An example whose response is not a success says what decides it (`outcome`),
 * so a live run knows whether it can reproduce it; a success example has no outcome.
 */
export type Example<P, Q, H, B, R extends Responses> = {
  [S in keyof R & number]: {
    name: string;
    summary: string;
    request: ExampleRequest<P, Q, H, B>;
    response: ExampleResponse<R, S>;
  } & (S extends Success<S> ? { outcome?: never } : { outcome: ErrorOutcome<RequestPointer<P, Q, B>, keyof R & number> });
}[keyof R & number];

/** JSON pointers to the fields of a value type, a few levels deep (request bodies are shallow): `/search/accountId`. */
type FieldPointers<T, Depth extends 0[] = []> = Depth['length'] extends 4
  ? never
  : T extends readonly (infer Item)[]
    ? `/${number}` | `/${number}${FieldPointers<Item, [...Depth, 0]>}`
    : T extends Record<string, unknown>
      ? { [K in keyof T & string]-?: `/${K}` | `/${K}${FieldPointers<NonNullable<T[K]>, [...Depth, 0]>}` }[keyof T & string]
      : never;

/** A field of the request, as a pointer into `{ params, query, body }`: `/params/node_id`, `/body/search/accountId`. */
export type RequestPointer<P, Q, B> =
  | `/params${FieldPointers<InputOf<P>>}`
  | `/query${FieldPointers<InputOf<Q>>}`
  | `/body${FieldPointers<InputOf<B>>}`;

/** Another read operation of the same service whose 200 response body holds the value, at `pointer`. */
export interface ChainedSource {
  operationId: string;
  pointer: `/${string}`;
}

/**
 * Only the account's owner knows the value: no operation lists it. On a live run it comes from the values file;
 * without it, the examples that need it are skipped (`required`), or the field is left out (`optional`: a
 * filter naming a documented resource would only filter everything away).
 */
export interface ValuesOnlySource {
  values: 'required' | 'optional';
  /** Why no operation can supply it; shown in skip reasons and the docs. */
  why: string;
}

export type ValueSource = ChainedSource | ValuesOnlySource;

/**
 * Where a request value comes from when it must exist on the server. The documented examples name resources of
 * the vendor's own account (ids that answer 403/404 anywhere else), so a live run takes these values from the
 * account itself; against the mock the examples are sent as written.
 */
export interface InputDef<T extends string = string> {
  target: T;
  from: ValueSource;
}

export function isChained(source: ValueSource): source is ChainedSource {
  return 'operationId' in source;
}

/** Why a value does not match its schema, in one line: `at /quotas/0/name: Invalid input: expected string, …`. */
export function mismatchLine(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `at ${toPointer(issue.path) || '/'}: ${issue.message.replaceAll('\n', ' ')}`).join('; ');
}

/** A request pointer as people write it: `/body/search/accountId` → `body.search.accountId`, `/params/x` → `path.x`. */
export function fieldName(target: string): string {
  const [place, ...path] = pointerTokens(target);
  return [place === 'params' ? 'path' : place, ...path].join('.');
}

/** Sets the value a JSON pointer names in `root`, creating the objects on the way. */
export function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  if (last === undefined) {
    return;
  }
  let at = root;
  for (const token of tokens) {
    if (typeof at[token] !== 'object' || at[token] === null) {
      at[token] = {};
    }
    at = at[token] as Record<string, unknown>;
  }
  at[last] = value;
}

/** Removes the field a JSON pointer names from `root`, if it is there. */
export function deleteAt(root: unknown, pointer: string): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  let parent = root;
  for (const token of tokens) {
    parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[token] : undefined;
  }
  if (last !== undefined && typeof parent === 'object' && parent !== null && !Array.isArray(parent)) {
    delete (parent as Record<string, unknown>)[last];
  }
}

/** The value a JSON pointer names in `root`, or undefined where there is none. */
export function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const token of pointerTokens(pointer)) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, token)) {
      return undefined;
    }
    at = (at as Record<string, unknown>)[token];
  }
  return at;
}

export interface OperationInput<
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  H extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
  R extends Responses,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v2/{project_id}/instances/{instance_id}/clients`. */
  path: string;
  summary: string;
  description: string;
  tags: readonly string[];
  /** The vendor page this operation was modelled from. */
  docUrl: string;
  safety: Safety;
  request: {
    params?: P;
    query?: Q;
    headers?: H;
    body?: B extends z.ZodType ? BodyDef<B> | B : undefined;
  };
  responses: R;
  examples: Example<P, Q, H, B, R>[];
  /** Request fields that must name something existing on the server, and where a live run takes them from. */
  inputs?: readonly InputDef<RequestPointer<P, Q, B>>[];
  /** Where the vendor docs contradict themselves: what was chosen and why. */
  docNotes?: readonly string[];
}

export interface NormalizedResponse {
  status: number;
  description: string;
  contentType?: 'application/octet-stream';
  body?: NormalizedBody;
}

export interface NormalizedBody {
  schema: z.ZodType;
  description?: string;
  /** What the XML document carries (the body schema itself unless the vendor's XML differs). */
  xmlSchema: z.ZodType;
  fromJson: (json: unknown) => unknown;
}

export interface AnyExample {
  name: string;
  summary: string;
  request: { params?: unknown; query?: unknown; headers?: unknown; body?: unknown; xml?: string };
  response: { status: number; body?: unknown; xml?: string };
  /** Present on every example whose status is not 2xx (defineService refuses one without). */
  outcome?: ErrorOutcome;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Whether a live server can only give this example's answer in an account state the run cannot set up. */
export function dependsOnState(example: AnyExample): boolean {
  return example.outcome?.from === 'state';
}

/** The statuses that count as the example's documented outcome: its own, and any the example declares equivalent. */
export function acceptedStatuses(example: AnyExample): readonly number[] {
  const outcome = example.outcome;
  return outcome?.from === 'request' && outcome.equivalent ? outcome.equivalent.statuses : [example.response.status];
}

/** The erased form every generic consumer (generator, codec, mock, runner) reads. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  docUrl: string;
  safety: Safety;
  request: { params?: ParamsSchema; query?: ParamsSchema; headers?: ParamsSchema; body?: NormalizedBody };
  responses: NormalizedResponse[];
  examples: AnyExample[];
  inputs: InputDef[];
  docNotes: string[];
}

const identity = (value: unknown): unknown => value;

export function normalizeBody(body: BodyDef | z.ZodType): NormalizedBody {
  const def: BodyDef = 'schema' in body && !('_zod' in body) ? body : { schema: body as z.ZodType };
  return {
    schema: def.schema,
    ...(def.description === undefined ? {} : { description: def.description }),
    xmlSchema: def.xml?.schema ?? def.schema,
    fromJson: (def.xml?.fromJson as (json: unknown) => unknown) ?? identity,
  };
}

/**
 * Declares one vendor operation. Examples are typed from the schemas' input types, so an example that does
 * not match its schema fails the type check before any test runs.
 */
export function defineOperation<
  P extends ParamsSchema | undefined = undefined,
  Q extends ParamsSchema | undefined = undefined,
  H extends ParamsSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  const R extends Responses = Responses,
>(input: OperationInput<P, Q, H, B, R>): Operation {
  const { request, responses } = input;
  return {
    operationId: input.operationId,
    method: input.method,
    path: input.path,
    summary: input.summary,
    description: input.description,
    tags: [...input.tags],
    docUrl: input.docUrl,
    safety: input.safety,
    request: {
      ...(request.params ? { params: request.params } : {}),
      ...(request.query ? { query: request.query } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body ? { body: normalizeBody(request.body as BodyDef | z.ZodType) } : {}),
    },
    responses: Object.entries(responses)
      .map(([status, def]) => ({
        status: Number(status),
        description: def.description,
        ...(def.contentType ? { contentType: def.contentType } : {}),
        ...(def.body ? { body: normalizeBody(def.body) } : {}),
      }))
      .sort((a, b) => a.status - b.status),
    examples: input.examples as AnyExample[],
    inputs: (input.inputs ?? []).map((def) => ({ target: def.target, from: def.from })),
    docNotes: [...(input.docNotes ?? [])],
  };
}
