import { z } from 'zod';
import { assertNever } from '../assert-never.ts';
import { unwrapOnce } from '../wire-schema.ts';
import { XmlCodecError } from './errors.ts';

/** The OpenAPI `xml` object, as read from a schema's zod metadata. */
interface XmlMeta {
  name?: string;
  wrapped?: boolean;
  attribute?: boolean;
}

type Primitive = string | number | boolean | null;

export type Plan =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bigint' }
  | { kind: 'boolean' }
  | { kind: 'null' }
  /** Any text is kept as a string; child elements become a generic object (lossy: documented). */
  | { kind: 'unknown' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'literal'; values: readonly Primitive[] }
  | ObjectPlan
  | { kind: 'record'; value: Plan; valueRepeats: boolean }
  | ArrayPlan
  /** `emptyIsNull`: null is written as an empty element, as no member has an empty form (else as `xsi:nil`). */
  | { kind: 'union'; members: readonly UnionMember[]; repeats: boolean; emptyIsNull: boolean }
  /** `emptyIsNull`: an empty element means null, because the inner type has no empty form (numbers, booleans…). */
  | { kind: 'nullable'; inner: Plan; emptyIsNull: boolean; repeats: boolean }
  /** Recursive schemas: resolved on first use. */
  | { kind: 'lazy'; resolve: () => Plan };

/**
 * `wrapped` decides the field-level form (one element holding the items, or the field's element repeated);
 * as the content of a single element an array is always its items, named `itemName` or else after the
 * element holding them. `minItems` is the schema's least length: an unwrapped array that may be empty has
 * no element when it is, so its absence reads as `[]`; one that may not is missing when absent.
 */
export interface ArrayPlan {
  kind: 'array';
  item: Plan;
  itemName: string | undefined;
  wrapped: boolean;
  minItems: number;
}

export interface UnionMember {
  plan: Plan;
  schema: z.core.$ZodType;
}

export interface ObjectPlan {
  kind: 'object';
  fields: FieldPlan[];
  /** The fields that may span several elements (and wrapped arrays), gathered while reading and decoded at the end. */
  gathering: FieldPlan[];
  /** The array fields, for telling an element that stands in for one (renamed, wrapped) from an additional one. */
  arrays: FieldPlan[];
  byElement: Map<string, FieldPlan>;
  byAttribute: Map<string, FieldPlan>;
  /** Every field may be absent, so an empty document decodes to `{}`. */
  allOptional: boolean;
}

export interface FieldPlan {
  key: string;
  /** Element or attribute name. */
  name: string;
  attribute: boolean;
  /** The field may be absent (optional or defaulted). */
  optional: boolean;
  plan: Plan;
  /** The field may span several sibling elements (an unwrapped array, possibly under nullable/union). */
  repeats: boolean;
  /** The array the field holds (through nullable), if any. */
  array: ArrayPlan | undefined;
  /** All of the field's elements are read together: it repeats, or it is a wrapped array (which must not). */
  gathers: boolean;
  /** Required, unwrapped and allowed to be empty: no element at all is the empty array. */
  emptyWhenAbsent: boolean;
}

function readXmlMeta(schema: z.core.$ZodType): XmlMeta | undefined {
  const xml = z.globalRegistry.get(schema)?.xml;
  return typeof xml === 'object' && xml !== null ? (xml as XmlMeta) : undefined;
}

/**
 * xml metadata through wrappers; the outermost setting of each key wins, as `.optional().meta(…)` is written
 * last. The hop limit stops a lazy schema that returns itself.
 */
function effectiveXmlMeta(schema: z.core.$ZodType): XmlMeta {
  const merged: XmlMeta = {};
  for (let at: z.core.$ZodType | undefined = schema, hops = 0; at !== undefined && hops < 32; at = unwrapOnce(at), hops++) {
    const own = readXmlMeta(at);
    merged.name ??= own?.name;
    merged.wrapped ??= own?.wrapped;
    merged.attribute ??= own?.attribute;
  }
  return merged;
}

/** The schema's `xml.name`, read through optional/nullable/default wrappers: the root element of a body. */
export function xmlRootName(schema: z.core.$ZodType): string | undefined {
  return effectiveXmlMeta(schema).name;
}

const cache = new WeakMap<z.core.$ZodType, Plan>();

/** The plan of a schema, built once and cached: encode and decode do no schema introspection per call. */
export function planOf(schema: z.core.$ZodType): Plan {
  return build(schema, false);
}

function unsupported(schema: z.core.$ZodType, why: string): never {
  const id = z.globalRegistry.get(schema)?.id;
  throw new XmlCodecError('XML_UNSUPPORTED_SCHEMA', `${id ? `${id}: ` : ''}${why}`);
}

/**
 * `wrapped` is the only context an array's plan depends on (it may sit on an optional wrapper around it), so
 * plans are cached per schema and per that flag.
 */
function build(schema: z.core.$ZodType, wrapped: boolean): Plan {
  const cached = wrapped ? undefined : cache.get(schema);
  if (cached) {
    return cached;
  }
  const plan = create(schema, wrapped);
  if (!wrapped) {
    cache.set(schema, plan);
  }
  return plan;
}

function create(schema: z.core.$ZodType, wrappedFromOuter: boolean): Plan {
  const wrapped = wrappedFromOuter || readXmlMeta(schema)?.wrapped === true;
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'bigint':
      return { kind: 'bigint' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'null':
      return { kind: 'null' };
    case 'any':
    case 'unknown':
    case 'custom':
      return { kind: 'unknown' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries) };
    case 'literal': {
      const values = def.values.filter(
        (value): value is Primitive => value === null || ['string', 'number', 'boolean'].includes(typeof value),
      );
      if (values.length !== def.values.length) {
        unsupported(schema, 'literal values other than string, number, boolean and null have no XML form');
      }
      return { kind: 'literal', values };
    }
    case 'object':
      return objectPlan(schema, def);
    case 'record': {
      const value = build(def.valueType, false);
      return { kind: 'record', value, valueRepeats: repeats(value) };
    }
    case 'array':
      return {
        kind: 'array',
        item: build(def.element, false),
        itemName: effectiveXmlMeta(def.element).name,
        wrapped,
        minItems: minLength(def),
      };
    case 'union': {
      const members = def.options.map((option) => ({ plan: build(option, false), schema: option }));
      return {
        kind: 'union',
        members,
        repeats: members.some((member) => repeats(member.plan)),
        emptyIsNull: !members.some((member) => member.plan.kind !== 'null' && hasEmptyForm(member.plan)),
      };
    }
    case 'nullable': {
      const inner = build(def.innerType, wrapped);
      return { kind: 'nullable', inner, emptyIsNull: !hasEmptyForm(inner), repeats: repeats(inner) };
    }
    case 'lazy': {
      let resolved: Plan | undefined;
      return { kind: 'lazy', resolve: () => (resolved ??= build(def.getter(), wrapped)) };
    }
    case 'intersection':
      return intersectionPlan(schema, build(def.left, false), build(def.right, false));
    default: {
      const inner = unwrapOnce(schema);
      if (inner === undefined) {
        return unsupported(schema, `zod type "${def.type}" has no XML form`);
      }
      return build(inner, wrapped);
    }
  }
}

/** The least length the checks of an array allow (`.min(n)`, `.nonempty()`, `.length(n)`). */
function minLength(def: z.core.$ZodArrayDef): number {
  let least = 0;
  for (const check of def.checks ?? []) {
    const spec = check._zod.def as { check: string; minimum?: number; length?: number };
    const bound = spec.check === 'min_length' ? spec.minimum : spec.check === 'length_equals' ? spec.length : undefined;
    least = Math.max(least, bound ?? 0);
  }
  return least;
}

function emptyObjectPlan(): ObjectPlan {
  return {
    kind: 'object',
    fields: [],
    gathering: [],
    arrays: [],
    byElement: new Map(),
    byAttribute: new Map(),
    allOptional: true,
  };
}

function addField(schema: z.core.$ZodType, plan: ObjectPlan, field: FieldPlan): void {
  const index = field.attribute ? plan.byAttribute : plan.byElement;
  const clash = index.get(field.name);
  if (clash) {
    unsupported(
      schema,
      `fields "${clash.key}" and "${field.key}" both map to XML ${field.attribute ? 'attribute' : 'element'} "${field.name}"`,
    );
  }
  index.set(field.name, field);
  plan.fields.push(field);
  if (field.gathers) {
    plan.gathering.push(field);
  }
  if (field.array && !field.attribute) {
    plan.arrays.push(field);
  }
  plan.allOptional &&= field.optional;
}

function objectPlan(schema: z.core.$ZodType, def: z.core.$ZodObjectDef): ObjectPlan {
  const plan = emptyObjectPlan();
  // Registered before the fields are planned so a recursive reference (through z.lazy) finds it.
  cache.set(schema, plan);
  for (const [key, property] of Object.entries(def.shape)) {
    addField(schema, plan, fieldPlan(key, property));
  }
  return plan;
}

function fieldPlan(key: string, property: z.core.$ZodType): FieldPlan {
  const meta = effectiveXmlMeta(property);
  const plan = build(property, meta.wrapped === true);
  const attribute = meta.attribute === true;
  if (attribute && !isTextPlan(plan)) {
    unsupported(property, `field "${key}" is an XML attribute but is not a scalar`);
  }
  const array = arrayUnder(plan);
  // OpenAPI names the elements of an unwrapped array after its items; NCP items carry no name, so the field's.
  const name = array && !array.wrapped ? (array.itemName ?? meta.name ?? key) : (meta.name ?? key);
  const optional = property._zod.optin !== undefined;
  const repeating = repeats(plan);
  return {
    key,
    name,
    attribute,
    optional,
    plan,
    repeats: repeating,
    array,
    gathers: repeating || array?.wrapped === true,
    emptyWhenAbsent: repeating && !optional && (array?.minItems ?? 0) === 0,
  };
}

function arrayUnder(plan: Plan): ArrayPlan | undefined {
  if (plan.kind === 'array') {
    return plan;
  }
  return plan.kind === 'nullable' ? arrayUnder(plan.inner) : undefined;
}

function intersectionPlan(schema: z.core.$ZodType, left: Plan, right: Plan): Plan {
  if (left.kind !== 'object' || right.kind !== 'object') {
    return unsupported(schema, 'only intersections of objects have an XML form');
  }
  const plan = emptyObjectPlan();
  for (const field of [...left.fields, ...right.fields]) {
    if (!plan.fields.some((known) => known.key === field.key)) {
      addField(schema, plan, field);
    }
  }
  return plan;
}

/** Whether a field of this plan may occupy several sibling elements. */
export function repeats(plan: Plan): boolean {
  switch (plan.kind) {
    case 'array':
      return !plan.wrapped;
    case 'union':
    case 'nullable':
      return plan.repeats;
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'enum':
    case 'literal':
    case 'object':
    case 'record':
    case 'lazy':
      return false;
  }
  return assertNever(plan);
}

/** Whether some value of the plan is written as an empty element (so an empty element cannot also mean null). */
function hasEmptyForm(plan: Plan): boolean {
  switch (plan.kind) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
      return false;
    case 'enum':
    case 'literal':
      return plan.values.includes('');
    case 'union':
      return plan.members.some((member) => hasEmptyForm(member.plan));
    case 'nullable':
      return hasEmptyForm(plan.inner);
    case 'string':
    case 'unknown':
    case 'object':
    case 'record':
    case 'array':
    case 'lazy':
      return true;
  }
  return assertNever(plan);
}

/** Plans whose value is one piece of text (what an attribute can hold). */
function isTextPlan(plan: Plan): boolean {
  switch (plan.kind) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'enum':
    case 'literal':
      return true;
    case 'union':
      return plan.members.every((member) => isTextPlan(member.plan));
    case 'nullable':
      return isTextPlan(plan.inner);
    case 'null':
    case 'unknown':
    case 'object':
    case 'record':
    case 'array':
    case 'lazy':
      return false;
  }
  return assertNever(plan);
}
