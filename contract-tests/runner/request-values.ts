import { isDeepStrictEqual } from 'node:util';
import { pointerTokens, toPointer } from '../../schemas/_shared/json-pointer.ts';
import { type AnyExample, type ChainedSource, deleteAt, isChained, isSuccess, setAt, valueAt } from '../../schemas/_shared/operation.ts';

import { isPlainObject } from '../checks/schema-walk.ts';
import type { Result } from '../report/report.ts';
import { freshId } from './fresh-values.ts';
import type { Case } from './plan.ts';
import type { ValuesFile } from './values-file.ts';

/** `*` values a live run takes from the environment, below the values file's own. */
export const ENV_VALUES: Readonly<Record<string, string>> = { project_id: 'HUAWEI_PROJECT_ID' };

export interface ValueSettings {
  file?: ValuesFile | undefined;
  /** `*` values from the environment (ENV_VALUES), live targets only. */
  env?: Readonly<Record<string, unknown>>;
}

/** A chained input still to be taken from its source's live response. */
export interface PendingInput {
  target: string;
  from: ChainedSource;
}

/** A case's request once the values file, the environment and the declared inputs have had their say. */
export interface ResolvedValues {
  request: AnyExample['request'];
  /** Pointers (into `{ params, query, body }`) set from the values file or the environment. */
  fromValues: string[];
  /** Inputs whose value comes from another read's response, in declaration order. */
  chained: PendingInput[];
  /** A value only the values file can give, and it does not: the case is not sent. */
  missing?: { target: string; why: string };
  /** Pointers given an id generated for this request, one that names nothing (a request-determined error, live). */
  fresh: string[];
}

/** The request values of a case and where they came from, ready to send. */
export interface CaseValues {
  request: AnyExample['request'];
  valuesFrom: Result['valuesFrom'];
  /** Fields whose values were substituted: compared by shape, since the example's value no longer applies. */
  substituted?: readonly string[];
}

/** Every field of a request, at any depth, as a path from `params`, `query` or `body`, with its value. */
export function* requestFields(request: AnyExample['request']): Generator<[path: string[], value: unknown]> {
  function* walk(value: unknown, path: string[]): Generator<[string[], unknown]> {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : undefined;
    for (const [key, child] of entries ?? (isPlainObject(value) ? Object.entries(value) : [])) {
      yield [[...path, key], child];
      yield* walk(child, [...path, key]);
    }
  }
  for (const place of ['params', 'query', 'body'] as const) {
    yield* walk(request[place], [place]);
  }
}

/** Leaf pointers of an operation entry: objects are merged into (an empty one changes nothing), anything else replaces. */
function leaves(value: Record<string, unknown>, path: string[] = []): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] =>
    isPlainObject(child) ? leaves(child, [...path, key]) : [[toPointer([...path, key]), child]],
  );
}

/** Whether `a` is `b`, inside it, or holds it: a value given for one of them settles the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/**
 * The request a case sends. Against the mock, the example's own values plus the values file's; against a live
 * account also the environment's `*` values and the declared inputs. The values file beats chained values, which
 * beat the example. An example documenting an error keeps every value that differs from the default example's,
 * and every field it leaves out stays out: that is what the error is about (a missing id, a wrong node), not
 * something to fill in. Live, the field its outcome declares `nonexistent` gets an id generated for the request.
 */
export function resolveValues({ service, operation, example }: Case, live: boolean, settings: ValueSettings): ResolvedValues {
  const request = structuredClone(example.request) as Record<string, unknown> & AnyExample['request'];
  const defaults = operation.examples[0]?.request;
  const refusal = !isSuccess(example.response.status);
  const nonexistent = example.outcome?.from === 'request' ? example.outcome.nonexistent : undefined;
  const fresh = live && nonexistent !== undefined ? [nonexistent] : [];
  for (const pointer of fresh) {
    setAt(request, pointer, freshId(service, operation, example, pointer));
  }
  const keeps = (pointer: string) =>
    refusal &&
    (valueAt(example.request, pointer) === undefined ||
      !isDeepStrictEqual(valueAt(example.request, pointer), valueAt(defaults, pointer)) ||
      fresh.some((done) => overlaps(done, pointer)));
  const fromValues: string[] = [];
  const set = (pointer: string, value: unknown) => {
    if (!keeps(pointer)) {
      setAt(request, pointer, structuredClone(value));
      fromValues.push(pointer);
    }
  };

  const wildcard = { ...(live ? settings.env : {}), ...settings.file?.wildcard };
  const named = [...requestFields(request)].filter(([path]) => Object.hasOwn(wildcard, path.at(-1) as string));
  // Outermost first, and nothing inside a field already replaced.
  for (const [path] of named) {
    const pointer = toPointer(path);
    if (!fromValues.some((done) => pointer.startsWith(`${done}/`))) {
      set(pointer, wildcard[path.at(-1) as string]);
    }
  }
  const entry = settings.file?.operations.get(operation.operationId);
  for (const [pointer, value] of leaves({ ...entry })) {
    set(pointer, value);
  }

  const resolved: ResolvedValues = { request, fromValues, chained: [], fresh };
  if (!live) {
    return resolved;
  }
  for (const { target, from } of operation.inputs) {
    const given = fromValues.some((pointer) => overlaps(pointer, target));
    if (given || valueAt(request, target) === undefined || keeps(target)) {
      continue;
    }
    if (isChained(from)) {
      resolved.chained.push({ target, from });
    } else if (from.values === 'optional') {
      deleteAt(request, target);
    } else {
      resolved.missing ??= { target, why: from.why };
    }
  }
  // A case that cannot be sent reads nothing.
  return resolved.missing ? { ...resolved, chained: [] } : resolved;
}

/**
 * The report's `valuesFrom`: the reads chained from when there are any (what a dependent's request hung on, even
 * beside an account-wide value like the project id), else a generated id (what a request-determined error is
 * about), else the values file or environment, else the example.
 */
export function valuesFromOf(resolved: ResolvedValues): Result['valuesFrom'] {
  const sources = [...new Set(resolved.chained.map(({ from }) => from.operationId))];
  if (sources.length > 0) {
    return `chained:${sources.join(',')}`;
  }
  return resolved.fresh.length > 0 ? 'fresh' : resolved.fromValues.length > 0 ? 'values' : 'example';
}

/** The values to send once every chained one is known (`taken`: target → the value read from its source). */
export function completeValues(resolved: ResolvedValues, taken: ReadonlyMap<string, unknown>): CaseValues {
  const request = structuredClone(resolved.request) as Record<string, unknown> & AnyExample['request'];
  for (const { target } of resolved.chained) {
    setAt(request, target, taken.get(target));
  }
  const pointers = [...resolved.fromValues, ...resolved.fresh, ...resolved.chained.map(({ target }) => target)];
  const substituted = [...new Set(pointers.map((pointer) => pointerTokens(pointer).at(-1) as string))];
  return { request, valuesFrom: valuesFromOf(resolved), ...(substituted.length > 0 ? { substituted } : {}) };
}
