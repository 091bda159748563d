import { z } from 'zod';
import { ContractError } from './errors.ts';
import { unwrapOnce } from './wire-schema.ts';

/**
 * Every check a schema enforces reaches the published spec.
 *
 * zod-to-openapi renders a string's first `regex` and a number's `min`/`max`, and nothing else of a leaf's
 * checks: no second pattern, no `multipleOf`, no bounds of `.int()`/`z.int32()` (so a generated client may send
 * 2^60 and meet "Too big"), and no refinement at all. `publishRules` closes the gap from the one definition
 * the schema already is: a string's or a number's JSON Schema comes from Zod's own converter (every check it
 * knows), and a refinement reaches the spec only through the helpers below, which write the predicate and its
 * JSON Schema from the same arguments. A bare `.refine()` is refused: the spec could not see it.
 */

export type JsonSchema = { [keyword: string]: unknown };

/** A rule JSON Schema 2020-12 cannot say: it is published as prose and `x-inexpressible`, and `generate` lists it. */
export interface InexpressibleRule {
  /** What the rule demands, in the words of its error message. */
  rule: string;
  /** Why no JSON Schema keyword can say it. */
  why: string;
}

type Declared = { jsonSchema: JsonSchema } | { inexpressible: InexpressibleRule };

/** Refinement checks whose spec form was declared with them (keyed by the check object Zod keeps in `def.checks`). */
const declared = new WeakMap<object, Declared>();

type Check = z.core.$ZodCheck;

function lastCheck(schema: z.core.$ZodType): Check {
  const check = schema._zod.def.checks?.at(-1);
  if (check === undefined) {
    throw new Error('spec-rules: refine() added no check');
  }
  return check;
}

function refineDeclared<T extends z.ZodType>(
  schema: T,
  predicate: (value: z.output<T>) => boolean,
  params: { message: string; path?: PropertyKey[] },
  declaration: Declared,
): T {
  const refined = schema.refine(predicate, params) as T;
  declared.set(lastCheck(refined), declaration);
  return refined;
}

/**
 * A number allowed in some ranges and at some points: `allowedValues(n, [[100, 2000], 4000, 6000], 'msg')`.
 * Zod gets the predicate; the spec gets `anyOf` of the same ranges and an `enum` of the points.
 */
export function allowedValues<T extends z.ZodNumber>(
  schema: T,
  allowed: readonly (number | readonly [number, number])[],
  message: string,
): T {
  const ranges = allowed.filter((entry): entry is readonly [number, number] => typeof entry !== 'number');
  const points = allowed.filter((entry): entry is number => typeof entry === 'number');
  const predicate = (value: number) => points.includes(value) || ranges.some(([low, high]) => value >= low && value <= high);
  const anyOf: JsonSchema[] = [
    ...ranges.map(([low, high]) => ({ minimum: low, maximum: high })),
    ...(points.length > 0 ? [{ enum: points }] : []),
  ];
  return refineDeclared(schema, predicate as (value: z.output<T>) => boolean, { message }, { jsonSchema: { anyOf } });
}

/**
 * A field required when another one holds a value: `requiredWhen(body, 'node_id', { field: 'kill_all_nodes', equals: false })`.
 * Zod gets the predicate (the error points at the missing field); the spec gets `if`/`then`.
 */
export function requiredWhen<T extends z.ZodObject>(
  schema: T,
  field: string,
  when: { field: string; equals: string | number | boolean },
  message: string,
): T {
  const predicate = (body: Record<string, unknown>) => body[when.field] !== when.equals || body[field] !== undefined;
  // `then` names the field among its properties (any value: the object's own schema checks it) so that a
  // linter reading `then` alone does not take `required` for a typo.
  return refineDeclared(
    schema,
    predicate as (value: z.output<T>) => boolean,
    { message, path: [field] },
    {
      jsonSchema: {
        if: { properties: { [when.field]: { const: when.equals } }, required: [when.field] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
        then: { properties: { [field]: {} }, required: [field] },
      },
    },
  );
}

/**
 * A rule no JSON Schema keyword can say (a check against a clock, across requests, or by an algorithm). The
 * spec carries it as prose and `x-inexpressible`; `generate` lists every such rule.
 */
export function inexpressible<T extends z.ZodType>(schema: T, predicate: (value: z.output<T>) => boolean, rule: InexpressibleRule): T {
  return refineDeclared(schema, predicate, { message: rule.rule }, { inexpressible: rule });
}

/** Validation keywords of Zod's own JSON Schema of a leaf; annotations (description, example) stay with `.meta()`. */
const LEAF_KEYWORDS = new Set([
  'type',
  'format',
  'pattern',
  'allOf',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'contentEncoding',
]);

/** A converter run with an empty registry, so ids and descriptions stay out and only the checks come back. */
const BARE = z.registry<z.core.JSONSchemaMeta>();

function leafRules(schema: z.core.$ZodType): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', metadata: BARE }) as JsonSchema;
  const rules: JsonSchema = {};
  for (const [keyword, value] of Object.entries(converted)) {
    if (LEAF_KEYWORDS.has(keyword)) {
      rules[keyword] = value;
    }
  }
  // A format schema (`z.int32()`) is its own check; `.int()` adds one.
  const own = schema._zod.def as { check?: string; format?: string };
  const format = [own, ...(schema._zod.def.checks ?? []).map((check) => check._zod.def as { check: string; format?: string })].find(
    (check) => check.check === 'number_format',
  )?.format;
  if (format === 'int32' || format === 'uint32') {
    // The vendor's "Integer": clients generated from the spec pick a 32-bit type from this.
    rules.format = 'int32';
  } else if (rules.type === 'integer' || rules.type === 'number') {
    // zod-to-openapi writes `integer` for a safe integer and `number` otherwise, as Zod's converter does; a
    // `type` in the metadata would make it drop everything else it knows of the schema (nullability).
    delete rules.type;
  }
  // Several patterns come back as `allOf` of patterns; the first stays `pattern` (what zod-to-openapi already
  // writes), the others stay in `allOf`, so the spec has each pattern once.
  const patterns = Array.isArray(rules.allOf) ? (rules.allOf as JsonSchema[]) : [];
  if (rules.pattern === undefined && patterns.length > 0 && patterns.every((entry) => Object.keys(entry).join() === 'pattern')) {
    const [first, ...rest] = patterns;
    rules.pattern = first?.pattern;
    if (rest.length > 0) {
      rules.allOf = rest;
    } else {
      delete rules.allOf;
    }
  }
  return rules;
}

export interface PublishedRules {
  /** Rules the spec carries only as prose and `x-inexpressible`, with the JSON pointer of the schema. */
  inexpressible: (InexpressibleRule & { pointer: string })[];
}

export class UndeclaredRefinementError extends ContractError<'SCHEMA_DEFINITION'> {
  constructor(readonly pointer: string) {
    super(
      'SCHEMA_DEFINITION',
      `the schema at ${pointer || '/'} has a refinement the spec cannot see: write it with allowedValues, requiredWhen or inexpressible (schemas/_shared/spec-rules.ts)`,
    );
  }
}

function children(schema: z.core.$ZodType): [string, z.core.$ZodType][] {
  const d = (schema as z.core.$ZodTypes)._zod.def;
  switch (d.type) {
    case 'object':
      return Object.entries(d.shape).map(([key, value]) => [`/${key}`, value]);
    case 'array':
      return [['/0', d.element]];
    case 'record':
      return [['/*', d.valueType]];
    case 'union':
      return d.options.map((option) => ['', option]);
    case 'intersection':
      return [
        ['', d.left],
        ['', d.right],
      ];
    case 'tuple':
      return d.items.map((item, index) => [`/${index}`, item]);
    default: {
      // Wrappers (optional, default, lazy, pipe…): the schema that stands for them on the wire, as zod-to-openapi reads it.
      const inner = unwrapOnce(schema);
      return inner ? [['', inner]] : [];
    }
  }
}

/**
 * Registers, on every string and number inside `schema`, the JSON Schema of all its checks, and on every
 * refined schema the JSON Schema declared with its refinement, as metadata zod-to-openapi writes into the
 * spec. Idempotent. Throws UndeclaredRefinementError for a refinement declared with none of the helpers.
 */
export function publishRules(schema: z.core.$ZodType, seen = new Set<z.core.$ZodType>(), pointer = ''): PublishedRules {
  const result: PublishedRules = { inexpressible: [] };
  // `fallback`: the default of the wrapper around `node`, if any. zod-to-openapi writes a schema whose metadata
  // names a `type` from that metadata alone, so the wrapper's `default` would be lost: the leaf carries it.
  const visit = (node: z.core.$ZodType, at: string, fallback?: { value: unknown }) => {
    if (seen.has(node)) {
      return;
    }
    seen.add(node);
    const def = node._zod.def;
    let extra: JsonSchema = {};
    if (def.type === 'string' || def.type === 'number') {
      extra = leafRules(node);
      if (extra.type !== undefined && fallback !== undefined) {
        extra.default = fallback.value;
      }
    }
    const notes: InexpressibleRule[] = [];
    for (const check of def.checks ?? []) {
      if ((check._zod.def as { check: string }).check !== 'custom') {
        continue;
      }
      const declaration = declared.get(check);
      if (declaration === undefined) {
        throw new UndeclaredRefinementError(at);
      }
      if ('jsonSchema' in declaration) {
        extra = { ...extra, ...declaration.jsonSchema };
      } else {
        notes.push(declaration.inexpressible);
        result.inexpressible.push({ ...declaration.inexpressible, pointer: at });
      }
    }
    if (notes.length > 0) {
      const own = (z.globalRegistry.get(node) ?? {}) as JsonSchema;
      const prose = notes.map((note) => `Also: ${note.rule} (not expressible in JSON Schema: ${note.why}).`).join(' ');
      const description =
        typeof own.description === 'string' && !own.description.includes(prose)
          ? `${own.description} ${prose}`
          : (own.description ?? prose);
      extra = { ...extra, description, 'x-inexpressible': notes.map(({ rule, why }) => ({ rule, why })) };
    }
    if (Object.keys(extra).length > 0) {
      const meta = { ...(z.globalRegistry.get(node) ?? {}), ...extra };
      z.globalRegistry.add(node, meta);
    }
    const wrapper = (node as z.core.$ZodTypes)._zod.def;
    const wrapped = wrapper.type === 'default' ? { value: wrapper.defaultValue } : fallback;
    for (const [step, child] of children(node)) {
      // A wrapper's child stands for the same value (step ''); an object's or an array's children do not.
      visit(child, `${at}${step}`, step === '' && def.type !== 'union' && def.type !== 'intersection' ? wrapped : undefined);
    }
  };
  visit(schema, pointer);
  return result;
}
