import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { documentedValues } from '../../schemas/_shared/documented-values.ts';
import { pointerTokens, toPointer } from '../../schemas/_shared/json-pointer.ts';
import { type AnyExample, type Operation, setAt, valueAt } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { schemaAt } from '../checks/schema-walk.ts';

/**
 * The characters a fresh value varies, each within its class. Everything else stays: the other letters of a
 * Base62 id, DDS's `no`/`in` kind marker, dashes and dots. So a fresh value has the documented value's length
 * and layout, which a server checks before it looks anything up (a 3-character "id" would be a 400, not a 404).
 */
const CLASSES = ['0123456789', 'abcdef', 'ABCDEF'];

/** How many characters a template must let vary to stand for a value that names nothing: 10^4 or more values. */
const MIN_VARIED = 4;
const ATTEMPTS = 64;

/** Chooses a character of `chars` in place of `char`, at `position` of the template. */
export type Pick = (chars: string, char: string, position: number) => string;

const randomPick: Pick = (chars) => chars[randomInt(chars.length)] as string;

/** `template` with each digit and hex letter replaced by `pick`'s choice from its class. */
export function vary(template: string, pick: Pick): string {
  return [...template]
    .map((char, position) => {
      const chars = CLASSES.find((c) => c.includes(char));
      return chars ? pick(chars, char, position) : char;
    })
    .join('');
}

const variable = (template: string) => [...template].filter((char) => CLASSES.some((c) => c.includes(char))).length;

/** The schema of the place (`params`, `query`, `body`) a request pointer starts in. */
function placeSchema(operation: Operation, place: string | undefined): z.ZodType | undefined {
  if (place === 'params' || place === 'query') {
    return operation.request[place];
  }
  return place === 'body' ? operation.request.body?.schema : undefined;
}

/**
 * Whether `schema` accepts `root` with a candidate at `path`. Only the field's own problems count: an example may
 * be invalid elsewhere on purpose (a documented bad request).
 */
export function acceptsAt(schema: z.ZodType, root: unknown, path: readonly string[]): (candidate: unknown) => boolean {
  return (candidate) => {
    const copy = structuredClone(root ?? {}) as Record<string, unknown>;
    setAt(copy, toPointer(path), candidate);
    const parsed = schema.safeParse(copy);
    return parsed.success || !parsed.error.issues.some((issue) => issue.path.join('/') === path.join('/'));
  };
}

export interface FreshField {
  service: Service;
  /** Documented values to start from, best first: the first with enough varying characters is used. */
  templates: readonly unknown[];
  /** Whether the field's schema takes the value. */
  accepts: (candidate: unknown) => boolean;
}

/**
 * A value for a field that names nothing on any server: a documented value of the field with its digits and hex
 * letters drawn anew (`pick`, random by default), kept only if the field's schema accepts it and no example of
 * the service documents it. Undefined when no template can vary enough.
 */
export function freshLike({ service, templates, accepts }: FreshField, pick: Pick = randomPick): string | number | undefined {
  const known = documentedValues(service);
  const template = templates.find(
    (value): value is string | number => (typeof value === 'string' || typeof value === 'number') && variable(String(value)) >= MIN_VARIED,
  );
  for (let attempt = 0; template !== undefined && attempt < ATTEMPTS; attempt++) {
    const text = vary(String(template), pick);
    const candidate = typeof template === 'number' ? Number(text) : text;
    if (accepts(candidate) && !known.has(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** Whether the operation's schema of that part of the request takes a value at a request pointer. */
export function requestAccepts(operation: Operation, request: AnyExample['request'], pointer: string): (candidate: unknown) => boolean {
  const [place, ...path] = pointerTokens(pointer);
  const schema = placeSchema(operation, place);
  return schema === undefined ? () => false : acceptsAt(schema, valueAt(request, `/${place}`), path);
}

/** The example metadata of the schema of a request field, if any: one more documented value to start from. */
function schemaExample(operation: Operation, request: AnyExample['request'], pointer: string): unknown {
  const [place, ...path] = pointerTokens(pointer);
  const schema = placeSchema(operation, place);
  const field = schema && schemaAt(schema, valueAt(request, `/${place}`), path);
  return field === undefined ? undefined : z.globalRegistry.get(field as z.ZodType)?.example;
}

/**
 * The id a live run sends where a request-determined error example needs one that names nothing: generated anew
 * for each request in the documented format, never a documented id (which may exist, or be someone else's and
 * answer 403). Starts from the example's own value, else the default example's, else the schema's example.
 */
export function freshId(service: Service, operation: Operation, example: AnyExample, pointer: string): string | number {
  const templates = [
    valueAt(example.request, pointer),
    valueAt(operation.examples[0]?.request, pointer),
    schemaExample(operation, example.request, pointer),
  ];
  const value = freshLike({ service, templates, accepts: requestAccepts(operation, example.request, pointer) });
  if (value === undefined) {
    throw new Error(
      `${service.id} ${operation.operationId} [${example.name}]: no id in the documented format can be made for ${pointer} (its documented values have fewer than ${MIN_VARIED} digits or hex letters)`,
    );
  }
  return value;
}
