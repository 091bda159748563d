import fc from 'fast-check';
import { z } from 'zod';
import { planOf } from './plan.ts';
import { isXmlName, isXmlText } from './text.ts';

/**
 * fast-check arbitraries of valid inputs (`z.input`) of a zod schema, limited to what an XML document can
 * carry: strings hold only XML characters, map keys are element names, and an optional field that repeats its
 * element (unwrapped array) is absent or non-empty, since `[]` and "absent" are the same document. Values are
 * built from the schema's checks and filtered through the schema where a check has no direct generator.
 */
export function arbitraryOf(schema: z.core.$ZodType): fc.Arbitrary<unknown> {
  return build(schema, 0);
}

const MAX_ITEMS = 4;
const MAX_DEPTH = 12;

interface CheckDef {
  check?: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  offset?: boolean;
}

/** A schema's checks: format schemas (`z.email()`, `z.int()`) are a check themselves. */
function checksOf(schema: z.core.$ZodType): CheckDef[] {
  const def = schema._zod.def as z.core.$ZodTypeDef & CheckDef;
  const checks = (def.checks ?? []).map((check) => check._zod.def as CheckDef);
  return def.check ? [def, ...checks] : checks;
}

function lengthBounds(checks: CheckDef[], cap: number): { minLength: number; maxLength: number } {
  let minLength = 0;
  let maxLength: number | undefined;
  for (const check of checks) {
    if (check.check === 'min_length' && check.minimum !== undefined) {
      minLength = Math.max(minLength, check.minimum);
    } else if (check.check === 'max_length' && check.maximum !== undefined) {
      maxLength = Math.min(maxLength ?? check.maximum, check.maximum);
    } else if (check.check === 'length_equals' && check.length !== undefined) {
      minLength = check.length;
      maxLength = check.length;
    }
  }
  return { minLength, maxLength: Math.max(minLength, Math.min(maxLength ?? minLength + cap, minLength + cap)) };
}

/** One character of text: markup characters, whitespace (CR included) and non-ASCII are over-represented. */
const xmlChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", ' ', '\t', '\n', '\r', ']') },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '한', '日', '€', '😀', '\u00a0') },
);

/** Whole strings an XML reader is tempted to reinterpret. */
const trickyString = fc.constantFrom('', ' ', '0123', '1', '1e3', 'true', 'false', 'null', ' padded ', ']]>', '&amp;', '<x/>', 'a\r\nb');

/** Strings matching a pattern; undefined where fast-check has no generator for it (lookaheads). */
function matching(pattern: RegExp): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(pattern, { size: 'small' });
  } catch {
    return undefined;
  }
}

function stringArbitrary(schema: z.core.$ZodType): fc.Arbitrary<string> {
  const checks = checksOf(schema);
  const format = checks.find((check) => check.check === 'string_format');
  const { minLength, maxLength } = lengthBounds(checks, 12);
  let base: fc.Arbitrary<string>;
  switch (format?.format) {
    case undefined:
      base = fc.oneof({ weight: 1, arbitrary: trickyString }, { weight: 4, arbitrary: fc.string({ unit: xmlChar, minLength, maxLength }) });
      break;
    case 'email':
      base = fc.emailAddress();
      break;
    case 'uuid':
    case 'guid':
      base = fc.uuid();
      break;
    case 'url':
      base = fc.webUrl();
      break;
    case 'datetime': {
      const offset = format.offset === true;
      base = fc
        .tuple(
          fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
          fc.constantFrom('Z', '+09:00', '-05:30'),
        )
        .map(([date, zone]) => date.toISOString().replace('Z', offset ? zone : 'Z'));
      break;
    }
    default:
      base = (format?.pattern && matching(format.pattern)) || fc.string({ unit: xmlChar, minLength, maxLength });
  }
  return base.filter((value) => isXmlText(value) && z.safeParse(schema, value).success);
}

function numberArbitrary(schema: z.core.$ZodType): fc.Arbitrary<number> {
  const checks = checksOf(schema);
  const integer = checks.some((check) => check.check === 'number_format' && check.format !== 'float32' && check.format !== 'float64');
  let min: number | undefined;
  let max: number | undefined;
  let minExcluded = false;
  let maxExcluded = false;
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined) {
      min = check.value;
      minExcluded = check.inclusive !== true;
    } else if (check.check === 'less_than' && check.value !== undefined) {
      max = check.value;
      maxExcluded = check.inclusive !== true;
    }
  }
  const base = integer
    ? fc.integer({
        min: Math.max(Math.ceil(min ?? -1e9) + (minExcluded && Number.isInteger(min) ? 1 : 0), Number.MIN_SAFE_INTEGER),
        max: Math.min(Math.floor(max ?? 1e9) - (maxExcluded && Number.isInteger(max) ? 1 : 0), Number.MAX_SAFE_INTEGER),
      })
    : fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(min === undefined ? {} : { min, minExcluded }),
        ...(max === undefined ? {} : { max, maxExcluded }),
      });
  return base.filter((value) => z.safeParse(schema, value).success);
}

const xmlName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/).filter(isXmlName);

function build(schema: z.core.$ZodType, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) {
    throw new Error('arbitraryOf: schema nests deeper than 12 levels (recursive schemas are not supported)');
  }
  const def = (schema as z.core.$ZodTypes)._zod.def;
  const next = (inner: z.core.$ZodType) => build(inner, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).filter((value) => z.safeParse(schema, value).success);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'any':
    case 'unknown':
      return stringArbitrary(z.string());
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries));
    case 'literal':
      return fc.constantFrom(...def.values);
    case 'object':
      return objectArbitrary(schema, def, next);
    case 'record':
      return recordArbitrary(schema, def, next);
    case 'array': {
      const { minLength, maxLength } = lengthBounds(checksOf(schema), MAX_ITEMS);
      return fc.array(next(def.element), { minLength, maxLength });
    }
    case 'union':
      return fc.oneof(...def.options.map(next));
    case 'nullable':
      return fc.option(next(def.innerType), { nil: null });
    case 'optional':
      return fc.option(next(def.innerType), { nil: undefined });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(def.innerType);
    case 'pipe':
      return next((def.in as z.core.$ZodTypes)._zod.def.type === 'transform' ? def.out : def.in);
    case 'lazy':
      return next(def.getter());
    case 'intersection':
      return fc.tuple(next(def.left), next(def.right)).map(([left, right]) => ({ ...(left as object), ...(right as object) }));
    default:
      throw new Error(`arbitraryOf: zod type "${def.type}" is not supported`);
  }
}

function objectArbitrary(schema: z.core.$ZodType, def: z.core.$ZodObjectDef, next: (inner: z.core.$ZodType) => fc.Arbitrary<unknown>) {
  const plan = planOf(schema);
  const fields = plan.kind === 'object' ? plan.fields : [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, property] of Object.entries(def.shape)) {
    const field = fields.find((candidate) => candidate.key === key);
    const optional = property._zod.optin !== undefined;
    const arbitrary = next(property);
    model[key] = optional && field?.repeats ? arbitrary.filter((value) => !Array.isArray(value) || value.length > 0) : arbitrary;
    if (!optional) {
      requiredKeys.push(key);
    }
  }
  // Optional keys are left out rather than set to undefined: that is what an absent element decodes to.
  const values = fc.record(model, { requiredKeys }).map((value) => stripUndefined(value as Record<string, unknown>));
  // Refinements across fields ("storageGB is required when addStorage is true") have no generator of their own.
  return checksOf(schema).length > 0 ? values.filter((value) => z.safeParse(schema, value).success) : values;
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

function recordArbitrary(schema: z.core.$ZodType, def: z.core.$ZodRecordDef, next: (inner: z.core.$ZodType) => fc.Arbitrary<unknown>) {
  const plan = planOf(schema);
  const repeats = plan.kind === 'record' && plan.valueRepeats;
  const entry = next(def.valueType).filter((value) => !repeats || !Array.isArray(value) || value.length > 0);
  const keyDef = (def.keyType as z.core.$ZodTypes)._zod.def;
  if (keyDef.type === 'enum') {
    const keys = Object.values(keyDef.entries).map(String);
    const model = Object.fromEntries(keys.map((key) => [key, entry]));
    return fc.record(model, def.partial ? {} : { requiredKeys: keys });
  }
  const key = xmlName.filter((name) => z.safeParse(def.keyType, name).success);
  // fast-check builds dictionaries without a prototype; decoded maps are plain objects.
  return fc.dictionary(key, entry, { maxKeys: MAX_ITEMS }).map((value) => ({ ...value }));
}
