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
  const found: (string | number)[][] = [];
  collectUndeclared(schema, value, [...path], found);
  return found;
}

/**
 * Runs on every body a proxy forwards, so it walks with one path stack and copies a path only for a field it
 * reports; scalars hold no fields, so they return before a union member is picked for them.
 */
function collectUndeclared(schema: z.core.$ZodType, value: unknown, path: (string | number)[], found: (string | number)[][]): void {
  if (typeof value !== 'object' || value === null) {
    return;
  }
  const def = defOf(wireSchema(schema));
  if (def.type === 'object' && isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const field = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
      path.push(key);
      if (field !== undefined) {
        collectUndeclared(field, value[key], path, found);
      } else if (def.catchall === undefined) {
        found.push([...path]);
      }
      path.pop();
    }
  } else if (def.type === 'array' && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      path.push(index);
      collectUndeclared(def.element, item, path, found);
      path.pop();
    }
  } else if (def.type === 'record' && isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      path.push(key);
      collectUndeclared(def.valueType, value[key], path, found);
      path.pop();
    }
  } else if (def.type === 'union') {
    const branch = branchOf(def.options, value);
    if (branch !== undefined) {
      collectUndeclared(branch, value, path, found);
    }
  }
}
