import { toPointer } from '../../schemas/_shared/json-pointer.ts';
import { type Finding, finding, show, typeName } from './finding.ts';
import { isPlainObject } from './schema-walk.ts';

/** exact: same value; shape: same JSON type (objects and arrays compared member by member); ignore: not compared. */
export type ValueMode = 'exact' | 'shape' | 'ignore';

export interface ValuePolicy {
  /** How fields are compared unless `fields` or the id/timestamp rule says otherwise. */
  mode: Exclude<ValueMode, 'ignore'>;
  /**
   * Per-field modes, keyed by field name (any depth) or by JSON pointer with `*` for any array index
   * (`/contents/*\/id`). Pointers win over names; both win over the id/timestamp rule.
   */
  fields?: Readonly<Record<string, ValueMode>>;
}

/** Server-assigned identities differ from the docs' on every real account. */
const IDENTITY = /^(?:id|uuid|requestId|request_id)$|Id$|_id$/;
/** Times differ on every call. */
const TIME_NAME = /(?:At|_at|Time|_time|Timestamp|timestamp|Date|_date)$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

function isVolatile(key: string | undefined, expected: unknown): boolean {
  if (key !== undefined && (IDENTITY.test(key) || TIME_NAME.test(key))) {
    return true;
  }
  return typeof expected === 'string' && ISO_DATE_TIME.test(expected);
}

function modeAt(policy: ValuePolicy, path: (string | number)[], expected: unknown): ValueMode {
  const fields = policy.fields ?? {};
  const wildcard = toPointer(path.map((part) => (typeof part === 'number' ? '*' : part)));
  const last = path.at(-1);
  const key = typeof last === 'string' ? last : undefined;
  const named = fields[wildcard] ?? (key === undefined ? undefined : fields[key]);
  if (named !== undefined) {
    return named;
  }
  return isVolatile(key, expected) ? 'ignore' : policy.mode;
}

function mismatch(path: (string | number)[], expected: string, actual: string, why: string): Finding {
  const pointer = toPointer(path);
  return finding('response-value-mismatch', pointer, expected, actual, `${pointer || '/'}: ${why}`);
}

/**
 * The differences between the example's body and the received one, field by field under the policy. Only the
 * example's fields are compared: fields it leaves out are the schema checks' business, not the example's.
 */
export function compareValues(expected: unknown, actual: unknown, policy: ValuePolicy, path: (string | number)[] = []): Finding[] {
  const mode = modeAt(policy, path, expected);
  if (mode === 'ignore') {
    return [];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      return [mismatch(path, 'array', typeName(actual), `expected an array like the example, got ${typeName(actual)}`)];
    }
    if (mode === 'shape') {
      const [model] = expected;
      return model === undefined ? [] : actual.flatMap((item, index) => compareValues(model, item, policy, [...path, index]));
    }
    if (expected.length !== actual.length) {
      return [
        mismatch(
          path,
          `${expected.length} items`,
          `${actual.length} items`,
          `the example has ${expected.length} items, the response ${actual.length}`,
        ),
      ];
    }
    return expected.flatMap((item, index) => compareValues(item, actual[index], policy, [...path, index]));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      return [mismatch(path, 'object', typeName(actual), `expected an object like the example, got ${typeName(actual)}`)];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
      mode === 'shape' && actual[key] === undefined ? [] : compareValues(value, actual[key], policy, [...path, key]),
    );
  }
  if (mode === 'shape') {
    return typeName(expected) === typeName(actual)
      ? []
      : [
          mismatch(
            path,
            typeName(expected),
            typeName(actual),
            `the example has a ${typeName(expected)}, the response a ${typeName(actual)}`,
          ),
        ];
  }
  return Object.is(expected, actual)
    ? []
    : [mismatch(path, show(expected), show(actual), `the example has ${show(expected)}, the response ${show(actual)}`)];
}
