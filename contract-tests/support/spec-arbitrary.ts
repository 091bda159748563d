import fc from 'fast-check';

/**
 * fast-check arbitraries of values read from a published JSON Schema 2020-12 (an OpenAPI 3.1 schema), as a team
 * that never sees our Zod schemas would write them: type, enum/const, properties and required, items,
 * numeric bounds and multipleOf, length, pattern, anyOf/oneOf. Values lean to the edges (bounds, one past
 * them, steps) and keywords the generator does not aim at (allOf, if/then) are left to the validator: every
 * value is judged by Ajv afterwards, so a value the schema refuses is an invalid sample, not a false one.
 */

export type Schema = { [keyword: string]: unknown };

const MAX_DEPTH = 10;

export function specArbitrary(schema: Schema, resolve: (ref: string) => Schema): fc.Arbitrary<unknown> {
  return build(schema, resolve, 0);
}

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  if (Array.isArray(type)) {
    return type as string[];
  }
  return typeof type === 'string' ? [type] : [];
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const low =
    typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const high =
    typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined;
  const min = Math.max(low ?? -1e6, Number.MIN_SAFE_INTEGER);
  const max = Math.min(high ?? 1e6, Number.MAX_SAFE_INTEGER);
  const edges = [low, high, low === undefined ? undefined : low - 1, high === undefined ? undefined : high + 1, 0, -1].filter(
    (value): value is number => value !== undefined && Number.isFinite(value),
  );
  const inRange = integer
    ? fc.integer({ min: Math.ceil(Math.min(min, max)), max: Math.floor(Math.max(min, max)) })
    : fc.double({ min: Math.min(min, max), max: Math.max(min, max), noNaN: true });
  const arbitraries: fc.Arbitrary<number>[] = [inRange, fc.constantFrom(...edges)];
  if (step !== undefined) {
    const from = Math.ceil(min / step);
    const to = Math.floor(max / step);
    if (from <= to) {
      arbitraries.push(fc.integer({ min: from, max: Math.min(to, from + 1000) }).map((n) => n * step));
    }
  }
  // Past what a JavaScript number holds exactly: a spec without bounds lets a client send these.
  arbitraries.push(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 60));
  return fc.oneof(...arbitraries.map((arbitrary, index) => ({ weight: index === 0 ? 4 : 1, arbitrary })));
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : minLength + 12;
  if (typeof schema.pattern === 'string') {
    const matching = patternArbitrary(schema.pattern);
    if (matching) {
      return fc.oneof({ weight: 4, arbitrary: matching }, { weight: 1, arbitrary: fc.string({ minLength, maxLength }) });
    }
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, minLength + 24) });
}

/** Strings matching a pattern, where fast-check can build them (it has no generator for lookaheads). */
function patternArbitrary(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern, 'u'), { size: 'small' });
  } catch {
    return undefined;
  }
}

function build(schema: Schema, resolve: (ref: string) => Schema, depth: number): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    return fc.constant(null).chain(() => build({ ...resolve(schema.$ref as string), ...withoutRef(schema) }, resolve, depth + 1));
  }
  if (depth > MAX_DEPTH) {
    return fc.constant(null);
  }
  if (schema.const !== undefined) {
    return fc.constant(schema.const);
  }
  if (Array.isArray(schema.enum)) {
    return fc.constantFrom(...(schema.enum as unknown[]));
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && typesOf(schema).length === 0) {
    return fc.oneof(...alternatives.map((alternative) => build(alternative, resolve, depth + 1)));
  }
  const types = typesOf(schema);
  if (types.length === 0) {
    return fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean());
  }
  return fc.oneof(
    ...types.map((type) => {
      switch (type) {
        case 'integer':
          return Array.isArray(alternatives)
            ? fc.oneof(
                numberArbitrary(schema, true),
                ...alternatives.map((alternative) => numberArbitrary({ ...schema, ...alternative }, true)),
              )
            : numberArbitrary(schema, true);
        case 'number':
          return numberArbitrary(schema, false);
        case 'string':
          return stringArbitrary(schema);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array': {
          const items = (schema.items ?? {}) as Schema;
          const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
          const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : minLength + 3, minLength + 3);
          return fc.array(build(items, resolve, depth + 1), { minLength, maxLength });
        }
        case 'object':
          return objectArbitrary(schema, resolve, depth);
        default:
          throw new Error(`specArbitrary: type ${type} is not supported`);
      }
    }),
  );
}

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

function objectArbitrary(schema: Schema, resolve: (ref: string) => Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  // Conditional requirements the generator can meet: fields `then` requires are generated as if required, often.
  const thenRequired = ((schema.then as Schema | undefined)?.required ?? []) as string[];
  const model = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, build(property, resolve, depth + 1)]));
  const additional = schema.additionalProperties;
  const record = fc.record(model, { requiredKeys: [...required].filter((key) => key in model) });
  const withConditional =
    thenRequired.length > 0
      ? fc.oneof(record, fc.record(model, { requiredKeys: [...new Set([...required, ...thenRequired])].filter((key) => key in model) }))
      : record;
  if (additional !== undefined && additional !== false && typeof additional === 'object') {
    const values = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !(key in model)),
      build(additional as Schema, resolve, depth + 1),
      { maxKeys: 3 },
    );
    return fc.tuple(withConditional, values).map(([known, extra]) => ({ ...extra, ...known }));
  }
  return withConditional;
}
