import type { z } from 'zod';
import type { ParamsSchema } from '../../schemas/_shared/operation.ts';
import { wireSchema } from '../../schemas/_shared/wire-schema.ts';

type Convert = (text: string) => unknown;

const keep: Convert = (text) => text;

/** Only plain decimal numbers convert: `Number('')` is 0 and `Number('0x1f')` is 31, neither of which a client meant. */
const toNumber: Convert = (text) => (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : text);
const toBoolean: Convert = (text) => (text === 'true' ? true : text === 'false' ? false : text);

interface ZodDefLike {
  type: string;
  element?: z.ZodType;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): ZodDefLike => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;

const unwrap = (schema: z.ZodType): ZodDefLike => defOf(wireSchema(schema) as z.ZodType);

function converterFor(def: ZodDefLike): Convert {
  switch (def.type) {
    case 'number':
      return toNumber;
    case 'boolean':
      return toBoolean;
    case 'literal': {
      const first = def.values?.[0];
      return typeof first === 'number' ? toNumber : typeof first === 'boolean' ? toBoolean : keep;
    }
    default:
      return keep;
  }
}

interface Field {
  convert: Convert;
  repeated: boolean;
}

/**
 * Path and query values arrive as text; a reader compiled once per schema gives each field the scalar type its
 * schema expects (`limit=10` → 10), so Zod then judges the value rather than its spelling. Text that is not a
 * number or boolean stays text, and Zod names the field when it rejects it. A field given twice that is not an
 * array reaches Zod as an array, which it rejects by name too.
 */
export function compileParamsReader(schema: ParamsSchema): (entries: Iterable<[string, string]>) => Record<string, unknown> {
  const fields = new Map<string, Field>();
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    const def = unwrap(fieldSchema as z.ZodType);
    const repeated = def.type === 'array' && def.element !== undefined;
    fields.set(name, { convert: converterFor(repeated && def.element ? unwrap(def.element) : def), repeated });
  }
  return (entries) => {
    // A null prototype, so a query key named __proto__ is just a key.
    const out: Record<string, unknown> = Object.create(null);
    for (const [name, text] of entries) {
      const field = fields.get(name);
      const value = field ? field.convert(text) : text;
      const previous = out[name];
      if (previous === undefined) {
        out[name] = field?.repeated ? [value] : value;
      } else if (Array.isArray(previous)) {
        previous.push(value);
      } else {
        out[name] = [previous, value];
      }
    }
    return out;
  };
}
