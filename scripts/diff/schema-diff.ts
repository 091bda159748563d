import { asObject, isObject, type Node, refName, resolve, stableStringify } from './openapi.ts';
import type { Direction, RuleId } from './rules.ts';

/** A change found inside one schema, before it is placed in an operation and media type. */
export interface SchemaDraft {
  rule: RuleId;
  /** `/quotas[]/spaceTb`; empty for the schema root. */
  pointer: string;
  message: string;
}

export interface SchemaDiffContext {
  oldDoc: Node;
  newDoc: Node;
  direction: Direction;
  /** XML rules only apply where the schema is serialized as XML. */
  xml: boolean;
}

/** A schema with `$ref`, `allOf` and the OAS 3.1 nullable `anyOf: [X, {type: 'null'}]` idiom resolved away. */
interface SchemaView {
  /** The `$ref` the schema was reached through; with `component`, the cycle guard key and default XML root name. */
  ref: string;
  component?: string;
  types?: string[];
  properties: Node;
  required: Set<string>;
  items?: unknown;
  /** Allowed values as canonical JSON (`"RUNNING"`, `null`). */
  enum?: string[];
  variants?: { kind: string; branches: unknown[] };
  xml: { name?: string; wrapped: boolean; attribute: boolean; namespace?: string; prefix?: string };
}

interface Site {
  pointer: string;
  /** The property name: the XML element name unless `xml.name` overrides it. Array items inherit it. */
  name?: string;
  root: boolean;
}

type NodeRule = (before: SchemaView, after: SchemaView, site: Site, ctx: SchemaDiffContext) => SchemaDraft[];

const ANY: SchemaView = { ref: '', properties: {}, required: new Set(), xml: { wrapped: false, attribute: false } };

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function typesOf(schema: Node): string[] | undefined {
  const declared =
    typeof schema.type === 'string'
      ? [schema.type]
      : Array.isArray(schema.type)
        ? strings(schema.type)
        : isObject(schema.properties)
          ? ['object']
          : schema.items !== undefined
            ? ['array']
            : undefined;
  // OAS 3.0 spelling of a nullable type, accepted so 3.0 specs diff too.
  return declared && sortedUnique(schema.nullable === true ? [...declared, 'null'] : declared);
}

function enumOf(schema: Node): string[] | undefined {
  if (Array.isArray(schema.enum)) {
    return schema.enum.map(stableStringify);
  }
  return schema.const === undefined ? undefined : [stableStringify(schema.const)];
}

function variantsOf(schema: Node): SchemaView['variants'] {
  for (const kind of ['oneOf', 'anyOf']) {
    const branches = schema[kind];
    if (Array.isArray(branches)) {
      return { kind, branches };
    }
  }
  return undefined;
}

function xmlOf(schema: Node): SchemaView['xml'] {
  const xml = asObject(schema.xml);
  return {
    name: typeof xml.name === 'string' ? xml.name : undefined,
    wrapped: xml.wrapped === true,
    attribute: xml.attribute === true,
    namespace: typeof xml.namespace === 'string' ? xml.namespace : undefined,
    prefix: typeof xml.prefix === 'string' ? xml.prefix : undefined,
  };
}

function mergeTwo(into: Node, next: Node): Node {
  const merged: Node = { ...into, ...next };
  if (isObject(into.properties) || isObject(next.properties)) {
    merged.properties = { ...asObject(into.properties), ...asObject(next.properties) };
  }
  merged.required = sortedUnique([...strings(into.required), ...strings(next.required)]);
  return merged;
}

/** `allOf` parts merged into one object schema; a part that refers back to an enclosing one is skipped. */
function mergeAllOf(doc: Node, schema: Node, seen: ReadonlySet<string>): Node {
  if (!Array.isArray(schema.allOf)) {
    return schema;
  }
  const { allOf, ...rest } = schema;
  const parts = allOf.map((part) => {
    const { node, ref } = resolve(doc, part);
    if (ref && seen.has(ref)) {
      return {};
    }
    return mergeAllOf(doc, node, ref ? new Set([...seen, ref]) : seen);
  });
  return [...parts, rest].reduce(mergeTwo, {});
}

const componentOf = (ref: string | undefined) => (ref?.startsWith('#/components/schemas/') ? refName(ref) : undefined);

function view(doc: Node, value: unknown, seen: ReadonlySet<string> = new Set()): SchemaView {
  const { node, ref } = resolve(doc, value);
  if (ref && seen.has(ref)) {
    return ANY;
  }
  const inner = ref ? new Set([...seen, ref]) : seen;
  const schema = mergeAllOf(doc, node, inner);
  const variants = variantsOf(schema);
  const nonNull = variants?.branches.filter((b) => resolve(doc, b).node.type !== 'null');
  if (variants && nonNull?.length === 1) {
    const single = view(doc, nonNull[0], inner);
    const nullable = nonNull.length < variants.branches.length;
    return {
      ...single,
      ref: ref ?? single.ref,
      component: componentOf(ref) ?? single.component,
      types: single.types && nullable ? sortedUnique([...single.types, 'null']) : single.types,
      xml: isObject(schema.xml) ? xmlOf(schema) : single.xml,
    };
  }
  return {
    ref: ref ?? '',
    component: componentOf(ref),
    types: typesOf(schema),
    properties: asObject(schema.properties),
    required: new Set(strings(schema.required)),
    items: schema.items,
    enum: enumOf(schema),
    variants,
    xml: xmlOf(schema),
  };
}

function draft(rule: RuleId, pointer: string, message: string): SchemaDraft {
  return { rule, pointer, message };
}

/** `string | null` (null last, as people write it), or `oneOf of 3` for a union of schemas. */
function typeLabel(v: SchemaView): string | undefined {
  const types = v.types && [...v.types.filter((t) => t !== 'null'), ...v.types.filter((t) => t === 'null')];
  return types?.join(' | ') ?? (v.variants && `${v.variants.kind} of ${v.variants.branches.length}`);
}

const typeChanged: NodeRule = (before, after, site) => {
  const [a, b] = [typeLabel(before), typeLabel(after)];
  return a !== undefined && b !== undefined && a !== b ? [draft('type-changed', site.pointer, `type changed ${a} → ${b}`)] : [];
};

const ENUM_RULES = {
  request: { narrowed: 'request-enum-narrowed', widened: 'request-enum-widened' },
  response: { narrowed: 'response-enum-narrowed', widened: 'response-enum-widened' },
} as const satisfies Record<Direction, Record<string, RuleId>>;

const enumChanged: NodeRule = (before, after, site, ctx) => {
  const rules = ENUM_RULES[ctx.direction];
  if (!before.enum || !after.enum) {
    if (after.enum) {
      return [draft(rules.narrowed, site.pointer, `now restricted to enum ${after.enum.join(', ')}`)];
    }
    return before.enum ? [draft(rules.widened, site.pointer, `enum restriction removed (was ${before.enum.join(', ')})`)] : [];
  }
  const removed = before.enum.filter((v) => !after.enum?.includes(v));
  const added = after.enum.filter((v) => !before.enum?.includes(v));
  return [
    ...(removed.length > 0 ? [draft(rules.narrowed, site.pointer, `enum value removed: ${removed.join(', ')}`)] : []),
    ...(added.length > 0 ? [draft(rules.widened, site.pointer, `enum value added: ${added.join(', ')}`)] : []),
  ];
};

const FIELD_RULES = {
  request: {
    removed: 'request-field-removed',
    addedRequired: 'request-required-field-added',
    addedOptional: 'request-optional-field-added',
    madeRequired: 'request-field-made-required',
    madeOptional: 'request-field-made-optional',
  },
  response: {
    removed: 'response-field-removed',
    addedRequired: 'response-field-added',
    addedOptional: 'response-field-added',
    madeRequired: 'response-field-made-required',
    madeOptional: 'response-field-made-optional',
  },
} as const satisfies Record<Direction, Record<string, RuleId>>;

const fieldsRemoved: NodeRule = (before, after, site, ctx) =>
  Object.keys(before.properties)
    .filter((name) => !(name in after.properties))
    .map((name) => draft(FIELD_RULES[ctx.direction].removed, `${site.pointer}/${name}`, 'field removed'));

const fieldsAdded: NodeRule = (before, after, site, ctx) =>
  Object.keys(after.properties)
    .filter((name) => !(name in before.properties))
    .map((name) =>
      after.required.has(name)
        ? draft(FIELD_RULES[ctx.direction].addedRequired, `${site.pointer}/${name}`, 'field added (required)')
        : draft(FIELD_RULES[ctx.direction].addedOptional, `${site.pointer}/${name}`, 'field added (optional)'),
    );

const requiredChanged: NodeRule = (before, after, site, ctx) =>
  Object.keys(before.properties)
    .filter((name) => name in after.properties && before.required.has(name) !== after.required.has(name))
    .map((name) =>
      after.required.has(name)
        ? draft(FIELD_RULES[ctx.direction].madeRequired, `${site.pointer}/${name}`, 'field made required')
        : draft(FIELD_RULES[ctx.direction].madeOptional, `${site.pointer}/${name}`, 'field made optional'),
    );

const isArray = (v: SchemaView) => v.types?.includes('array') === true;

/** The element (or attribute) name XML readers see: `xml.name`, else the property name, else the component name at the root. */
function elementName(v: SchemaView, site: Site): string | undefined {
  return v.xml.name ?? (site.root ? v.component : site.name);
}

const xmlNameChanged: NodeRule = (before, after, site) => {
  // An unwrapped array has no element of its own (its items carry the name), so its xml.name means nothing.
  if ((isArray(before) || isArray(after)) && !(before.xml.wrapped && after.xml.wrapped)) {
    return [];
  }
  const [a, b] = [elementName(before, site), elementName(after, site)];
  return a !== b
    ? [draft('xml-name-changed', site.pointer, `xml.name changed ${a ?? 'none'} → ${b ?? 'none'}${site.root ? ' (root element)' : ''}`)]
    : [];
};

const xmlWrappedChanged: NodeRule = (before, after, site) =>
  (isArray(before) || isArray(after)) && before.xml.wrapped !== after.xml.wrapped
    ? [draft('xml-wrapped-changed', site.pointer, `xml.wrapped changed ${before.xml.wrapped} → ${after.xml.wrapped}`)]
    : [];

const xmlAttributeChanged: NodeRule = (before, after, site) =>
  before.xml.attribute !== after.xml.attribute
    ? [draft('xml-attribute-changed', site.pointer, `xml.attribute changed ${before.xml.attribute} → ${after.xml.attribute}`)]
    : [];

const xmlNamespaceChanged: NodeRule = (before, after, site) =>
  (['namespace', 'prefix'] as const)
    .filter((key) => before.xml[key] !== after.xml[key])
    .map((key) =>
      draft('xml-namespace-changed', site.pointer, `xml.${key} changed ${before.xml[key] ?? 'none'} → ${after.xml[key] ?? 'none'}`),
    );

const STRUCTURE_RULES: NodeRule[] = [typeChanged, enumChanged, fieldsRemoved, fieldsAdded, requiredChanged];
const XML_RULES: NodeRule[] = [xmlNameChanged, xmlWrappedChanged, xmlAttributeChanged, xmlNamespaceChanged];

function children(before: SchemaView, after: SchemaView, site: Site): Array<[unknown, unknown, Site]> {
  const pairs = Object.keys(before.properties)
    .filter((name) => name in after.properties)
    .map((name): [unknown, unknown, Site] => [
      before.properties[name],
      after.properties[name],
      { pointer: `${site.pointer}/${name}`, name, root: false },
    ]);
  if (before.items !== undefined && after.items !== undefined) {
    pairs.push([before.items, after.items, { pointer: `${site.pointer || '/'}[]`, name: site.name, root: false }]);
  }
  // typeChanged has already reported branch lists of different kind or length.
  before.variants?.branches.forEach((branch, i) => {
    pairs.push([
      branch,
      after.variants?.branches[i],
      { pointer: `${site.pointer}/${before.variants?.kind}[${i}]`, name: site.name, root: false },
    ]);
  });
  return pairs;
}

/**
 * Walks two schemas side by side. `stack` holds the `$ref` pairs being compared on the current path, so a
 * recursive schema (a node whose children are nodes) is compared once per path instead of forever.
 */
function walk(oldSchema: unknown, newSchema: unknown, site: Site, ctx: SchemaDiffContext, stack: ReadonlySet<string>): SchemaDraft[] {
  const before = view(ctx.oldDoc, oldSchema);
  const after = view(ctx.newDoc, newSchema);
  const key = before.ref || after.ref ? `${before.ref}|${after.ref}` : undefined;
  if (key && stack.has(key)) {
    return [];
  }
  const rules = ctx.xml ? [...STRUCTURE_RULES, ...XML_RULES] : STRUCTURE_RULES;
  const drafts = rules.flatMap((rule) => rule(before, after, site, ctx));
  if (drafts.some((d) => d.rule === 'type-changed' && d.pointer === site.pointer)) {
    // Children of a schema whose type changed say nothing useful about the new one.
    return drafts;
  }
  const inner = key ? new Set([...stack, key]) : stack;
  for (const [a, b, child] of children(before, after, site)) {
    drafts.push(...walk(a, b, child, ctx, inner));
  }
  return drafts;
}

/** Every change between two schemas (each inline or a `$ref` into its own document), in walk order. */
export function diffSchemas(oldSchema: unknown, newSchema: unknown, ctx: SchemaDiffContext): SchemaDraft[] {
  return walk(oldSchema, newSchema, { pointer: '', root: true }, ctx, new Set());
}
