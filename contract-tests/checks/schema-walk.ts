import type { z } from 'zod';
import { wireSchema } from '../../schemas/_shared/wire-schema.ts';

type Def = z.core.$ZodTypes['_zod']['def'];

function defOf(schema: z.core.$ZodType): Def {
  return (schema as z.core.$ZodTypes)._zod.def;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member of a union this value belongs to: the first it parses as, else none (its issues are reported already). */
function branchOf(options: readonly z.core.$ZodType[], value: unknown): z.core.$ZodType | undefined {
  return options.find((option) => (option as z.ZodType).safeParse(value).success);
}

/** The schema that governs `value[key]`, or undefined where the schema says nothing (unknown fields, records of any). */
function childSchema(schema: z.core.$ZodType, value: unknown, key: string): z.core.$ZodType | undefined {
  const inner = wireSchema(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    case 'array':
      return def.element;
    case 'record':
      return def.valueType;
    case 'union': {
      const branch = branchOf(def.options, value);
      return branch === undefined ? undefined : childSchema(branch, value, key);
    }
    default:
      return undefined;
  }
}

/** The schema at a JSON pointer's segments, walking the value alongside to pick union members. */
export function schemaAt(schema: z.core.$ZodType, value: unknown, segments: readonly string[]): z.core.$ZodType | undefined {
  let at: z.core.$ZodType | undefined = schema;
  let current = value;
  for (const segment of segments) {
    if (at === undefined) {
      return undefined;
    }
    at = childSchema(at, current, segment);
    current = isPlainObject(current) || Array.isArray(current) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return at;
}

export function kindOf(schema: z.core.$ZodType): string {
  return defOf(wireSchema(schema)).type;
}

/**
 * Object fields the schema does not declare, with their paths: additive drift. Objects that declare a catch-all
 * (`z.looseObject`, `.catchall()`) accept any extra field and are not searched; strict objects are left to zod,
 * which reports their extra keys itself.
 */
export function undeclaredFields(schema: z.core.$ZodType, value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const def = defOf(wireSchema(schema));
  if (def.type === 'object' && isPlainObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => {
      const field = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
      if (field !== undefined) {
        return undeclaredFields(field, child, [...path, key]);
      }
      return def.catchall === undefined ? [[...path, key]] : [];
    });
  }
  if (def.type === 'array' && Array.isArray(value)) {
    return value.flatMap((item, index) => undeclaredFields(def.element, item, [...path, index]));
  }
  if (def.type === 'record' && isPlainObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => undeclaredFields(def.valueType, child, [...path, key]));
  }
  if (def.type === 'union') {
    const branch = branchOf(def.options, value);
    return branch === undefined ? [] : undeclaredFields(branch, value, path);
  }
  return [];
}
