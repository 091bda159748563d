import type { z } from 'zod';
import { pointerTokens, toPointer } from '../../schemas/_shared/json-pointer.ts';
import type { Operation } from '../../schemas/_shared/operation.ts';
import { wireSchema } from '../../schemas/_shared/wire-schema.ts';
import { decodeBody, type ReceivedResponse } from '../checks/check-response.ts';
import { isPlainObject } from '../checks/schema-walk.ts';
import type { BodyFormat } from '../format.ts';
import type { JsonType, Shape } from './record.ts';

/** Distinct values kept per field and answer; a field showing more is not enum-like, and none of its values are kept. */
export const MAX_VALUES = 8;
/** Paths kept per answer: a body of unknown, deeply keyed content cannot grow a record without bound. */
const MAX_PATHS = 400;

/**
 * The open strings whose values are kept: a field *named* like a state or a kind (`status`, `node_role`,
 * `appType`). Nothing else of an open string is ever kept: ids, names, messages, paths and anything a secret could
 * be in are free text to the store.
 */
const ENUM_LIKE_NAME = /(?:status|state|type|kind|mode|role|phase|level|category|tier|health)$/i;
const NOT_ENUM_LIKE_NAME = /(?:id|ids|key|secret|token|password|name|message|msg|desc|description|url|path|text)$/i;
/** A token: a letter first, then letters, digits, `_ . -` or spaces, short. */
const TOKEN = /^[A-Za-z][A-Za-z0-9_. -]{0,31}$/;
/** Mixed case and digits in a long token read as generated (an id or a key), whatever field holds it. */
const GENERATED = /^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])\S{12,}$/;

type Def = z.core.$ZodTypes['_zod']['def'];
const defOf = (schema: z.core.$ZodType): Def => (schema as z.core.$ZodTypes)._zod.def;

/** Whether a field's values may be kept: a closed enum or literal, or a plain open string named like a state. */
function keepsValues(schema: z.core.$ZodType | undefined, name: string): boolean {
  if (schema === undefined) {
    return false;
  }
  const def = defOf(wireSchema(schema));
  if (def.type === 'enum' || def.type === 'literal') {
    return true;
  }
  if (def.type !== 'string') {
    return false;
  }
  // A string with a format (uuid, email, date-time) or a pattern is an identifier or a datum, never a state.
  const { checks = [], format } = def as { checks?: z.core.$ZodCheck[]; format?: string };
  const patterned = format !== undefined || checks.some((check) => check._zod.def.check === 'string_format');
  return !patterned && ENUM_LIKE_NAME.test(name) && !NOT_ENUM_LIKE_NAME.test(name);
}

function jsonType(value: unknown): JsonType {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'unknown';
}

/** The schema that governs a child, or undefined where the schema says nothing (an undeclared field). */
function childOf(schema: z.core.$ZodType | undefined, value: unknown, key: string): { schema?: z.core.$ZodType; data: boolean } {
  if (schema === undefined) {
    return { data: false };
  }
  const def = defOf(wireSchema(schema));
  switch (def.type) {
    case 'object':
      return Object.hasOwn(def.shape, key) ? { schema: def.shape[key] as z.core.$ZodType, data: false } : { data: false };
    case 'array':
      return { schema: def.element, data: true };
    case 'record':
      // A map's keys are data (environment variable names, tags), so they are written `*` like indices.
      return { schema: def.valueType, data: true };
    case 'union': {
      const branch = def.options.find((option) => (option as z.ZodType).safeParse(value).success);
      return branch === undefined ? { data: false } : childOf(branch, value, key);
    }
    default:
      return { data: false };
  }
}

class ShapeBuilder {
  readonly fields = new Map<string, Set<JsonType>>();
  readonly values = new Map<string, Set<string> | 'many'>();
  readonly arrays = new Map<string, [number, number]>();

  constructor(private readonly secrets: readonly string[]) {}

  type(path: string, type: JsonType): void {
    const types = this.fields.get(path);
    if (types) {
      types.add(type);
    } else if (this.fields.size < MAX_PATHS) {
      this.fields.set(path, new Set([type]));
    }
  }

  value(path: string, value: string): void {
    const seen = this.values.get(path) ?? new Set<string>();
    if (seen === 'many') {
      return;
    }
    const safe = TOKEN.test(value) && !GENERATED.test(value) && !this.secrets.some((secret) => value.includes(secret));
    // A value that is not a safe token makes the field free text for this answer: nothing of it is kept.
    if (!safe || (!seen.has(value) && seen.size >= MAX_VALUES)) {
      this.values.set(path, 'many');
      return;
    }
    seen.add(value);
    this.values.set(path, seen);
  }

  array(path: string, length: number): void {
    const [min, max] = this.arrays.get(path) ?? [length, length];
    this.arrays.set(path, [Math.min(min, length), Math.max(max, length)]);
  }

  walk(schema: z.core.$ZodType | undefined, value: unknown, path: string, name: string): void {
    this.type(path, jsonType(value));
    if (typeof value === 'string' && keepsValues(schema, name)) {
      this.value(path, value);
    } else if (Array.isArray(value)) {
      this.array(path, value.length);
      for (const item of value) {
        this.walk(childOf(schema, value, '0').schema, item, `${path}/*`, name);
      }
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const { schema: inner, data } = childOf(schema, value, key);
        // Keys of an undeclared object are kept as names (that is how a new field shows), escaped as pointers are.
        this.walk(inner, child, data ? `${path}/*` : `${path}${toPointer([key])}`, data ? name : key);
      }
    }
  }

  shape(): Shape {
    const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const f = Object.fromEntries(sorted(this.fields).map(([path, types]) => [path, [...types].sort()]));
    const kept = sorted(this.values).flatMap(([path, seen]) => (seen === 'many' ? [] : [[path, [...seen].sort()] as const]));
    return {
      f,
      ...(kept.length > 0 ? { v: Object.fromEntries(kept) } : {}),
      ...(this.arrays.size > 0 ? { a: Object.fromEntries(sorted(this.arrays)) } : {}),
    };
  }
}

/** `/quotas/0/extra` → `/quotas/*\/extra`: a decoder's pointer with its indices as the store writes them. */
function generalized(pointer: string): string {
  return toPointer(pointerTokens(pointer).map((segment) => (/^\d+$/.test(segment) ? '*' : segment)));
}

/**
 * What an answer looked like, as far as the store keeps it: for a body the operation documents under the answer's
 * status, decoded as the contract check decodes it. Undefined for an answer without such a body (an error page,
 * a keytab file) or one that does not decode: its findings say why. `secrets`: values that must never be kept,
 * whatever field they turn up in (the run's credentials).
 */
export function observeShape(
  operation: Operation,
  format: BodyFormat,
  response: ReceivedResponse,
  secrets: readonly string[] = [],
): Shape | undefined {
  const documented = operation.responses.find((r) => r.status === response.status);
  const body = documented?.body;
  if (body === undefined || documented?.contentType !== undefined) {
    return undefined;
  }
  const decoded = decodeBody(body, format, response.body.toString('utf8'));
  if (!decoded.ok) {
    return undefined;
  }
  const builder = new ShapeBuilder(secrets.filter((secret) => secret.length >= 4));
  builder.walk(format === 'json' ? body.schema : body.xmlSchema, decoded.value, '', '');
  const shape = builder.shape();
  if (format === 'xml') {
    const layout = decoded.findings.filter((f) => f.rule === 'xml-shape').map((f) => [generalized(f.pointer), f.actual] as const);
    const unknown = decoded.findings.filter((f) => f.rule === 'response-unexpected-field').map((f) => generalized(f.pointer));
    for (const path of unknown.filter((p) => !p.split('/').at(-1)?.startsWith('@'))) {
      builder.type(path, 'unknown');
    }
    const attrs = [...new Set(unknown.filter((p) => p.split('/').at(-1)?.startsWith('@')))].sort();
    return {
      ...builder.shape(),
      x: {
        ...(decoded.root === undefined ? {} : { root: decoded.root }),
        ...(layout.length > 0 ? { layout: Object.fromEntries(layout) } : {}),
        ...(attrs.length > 0 ? { attrs } : {}),
      },
    };
  }
  return shape;
}

/**
 * The shapes of many answers to one operation in one format and status (what `proxy --history` sees), as one:
 * every path and type seen, values while a field shows no more than MAX_VALUES of them, array lengths' range.
 */
export class ShapeMerger {
  private readonly fields = new Map<string, Set<JsonType>>();
  private readonly values = new Map<string, Set<string> | 'many'>();
  private readonly arrays = new Map<string, [number, number]>();
  private root: string | undefined;
  private readonly layout = new Map<string, string>();
  private readonly attrs = new Set<string>();

  add(shape: Shape): void {
    for (const [path, types] of Object.entries(shape.f)) {
      const known = this.fields.get(path) ?? new Set<JsonType>();
      for (const type of types) {
        known.add(type);
      }
      if (this.fields.has(path) || this.fields.size < MAX_PATHS) {
        this.fields.set(path, known);
      }
    }
    for (const [path, values] of Object.entries(shape.v ?? {})) {
      const known = this.values.get(path) ?? new Set<string>();
      if (known === 'many') {
        continue;
      }
      for (const value of values) {
        known.add(value);
      }
      this.values.set(path, known.size > MAX_VALUES ? 'many' : known);
    }
    for (const [path, [min, max]] of Object.entries(shape.a ?? {})) {
      const [lo, hi] = this.arrays.get(path) ?? [min, max];
      this.arrays.set(path, [Math.min(lo, min), Math.max(hi, max)]);
    }
    this.root = shape.x?.root ?? this.root;
    for (const [path, found] of Object.entries(shape.x?.layout ?? {})) {
      this.layout.set(path, found);
    }
    for (const attr of shape.x?.attrs ?? []) {
      this.attrs.add(attr);
    }
  }

  shape(): Shape {
    const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const kept = sorted(this.values).flatMap(([path, seen]) => (seen === 'many' ? [] : [[path, [...seen].sort()] as const]));
    const xml = this.root !== undefined || this.layout.size > 0 || this.attrs.size > 0;
    return {
      f: Object.fromEntries(sorted(this.fields).map(([path, types]) => [path, [...types].sort()])),
      ...(kept.length > 0 ? { v: Object.fromEntries(kept) } : {}),
      ...(this.arrays.size > 0 ? { a: Object.fromEntries(sorted(this.arrays)) } : {}),
      ...(xml
        ? {
            x: {
              ...(this.root === undefined ? {} : { root: this.root }),
              ...(this.layout.size > 0 ? { layout: Object.fromEntries(sorted(this.layout)) } : {}),
              ...(this.attrs.size > 0 ? { attrs: [...this.attrs].sort() } : {}),
            },
          }
        : {}),
    };
  }
}
