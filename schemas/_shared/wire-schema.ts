import type { z } from 'zod';

/**
 * The schema a wrapper (optional, default, lazy, pipe…) stands for on the wire; undefined for other types.
 * A pipe carries its input form, unless that side is a bare transform (`z.preprocess`), whose output is the
 * type that matters.
 */
export function unwrapOnce(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType;
    case 'lazy':
      return def.getter();
    case 'pipe':
      return (def.in as z.core.$ZodTypes)._zod.def.type === 'transform' ? def.out : def.in;
    default:
      return undefined;
  }
}

/** The schema a wire value is checked against once every wrapper is peeled off (bounded, for recursive lazies). */
export function wireSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let at = schema;
  for (let hops = 0; hops < 32; hops++) {
    const inner = unwrapOnce(at);
    if (inner === undefined) {
      return at;
    }
    at = inner;
  }
  return at;
}
