import { isDeepStrictEqual } from 'node:util';
import { asObject, escapePointer, isObject, type Node, refName, resolve, stableStringify } from './openapi.ts';
import { comparePatterns } from './pattern-language.ts';
import { type Constraint, constraintRule, type Direction, type RuleId } from './rules.ts';

/** A change found inside one schema, before it is placed in an operation and media type. */
export interface SchemaDraft {
  rule: RuleId;
  /** `/quotas[]/spaceTb`; empty for the schema root. */
  pointer: string;
  message: string;
  /**
   * For changes that concern the document rather than one use of a schema (prose, unclassified keywords
   * inside a component): the JSON pointer they are reported at, once, whatever the number of operations.
   */
  at?: string;
}

/**
 * Where `xml` metadata matters: on the wire (an XML media type), nowhere (JSON only, so an edit is prose),
 * or under a sibling XML media type of the same body that reports it.
 */
export type XmlMode = 'wire' | 'sibling' | 'none';

/** What one comparison of two referenced schemas found, kept to answer the same comparison elsewhere. */
interface Memo {
  /** Drafts with pointers relative to the site they were found at. */
  drafts: SchemaDraft[];
}

export interface SchemaDiffContext {
  oldDoc: Node;
  newDoc: Node;
  direction: Direction;
  xml: XmlMode;
  /** Every `$ref` followed in either document, so components no operation reaches can be diffed on their own. */
  visited: Set<string>;
  /**
   * Comparisons of `$ref` pairs already made, by pair, direction, XML mode and site: a component used by
   * fifty operations is walked once, which keeps a diff of a large spec against itself fast.
   */
  memo: Map<string, Memo>;
  /** `$ref` pairs the cycle guard stopped at, in order, so a result cut short by an ancestor is not memoized. */
  cuts: string[];
}

interface XmlView {
  name?: string;
  wrapped: boolean;
  attribute: boolean;
  namespace?: string;
  prefix?: string;
}

/** A schema with `$ref`, `allOf` and the OAS 3.1 nullable `anyOf: [X, {type: 'null'}]` idiom resolved away. */
interface SchemaView {
  /** The `$ref` the schema was reached through; with `component`, the cycle guard key and default XML root name. */
  ref: string;
  component?: string;
  /** JSON pointer of the schema in its document (the `$ref` target when reached through one). */
  at: string;
  /** The keywords that apply, after resolution; rules read constraints and annotations from here. */
  raw: Node;
  /** Declared types without `null`; undefined when the schema does not restrict the type. */
  types?: string[];
  nullable: boolean;
  properties: Node;
  required: Set<string>;
  /** Allowed values as canonical JSON (`"RUNNING"`, `null`). */
  enum?: string[];
  variants?: { kind: 'oneOf' | 'anyOf'; branches: unknown[] };
  xml: XmlView;
  /** The other side has a schema here and this one has none (array `items` added or removed). */
  absent?: boolean;
  /** `oneOf: [X]`: the same values as X, but code generators make a union type of it. */
  wrappedIn?: 'oneOf' | 'anyOf';
}

interface Site {
  pointer: string;
  /** The property name: the XML element name unless `xml.name` overrides it. Array items inherit it. */
  name?: string;
  root: boolean;
}

type NodeRule = (before: SchemaView, after: SchemaView, site: Site, ctx: SchemaDiffContext) => SchemaDraft[];

const ANY: Omit<SchemaView, 'at'> = {
  ref: '',
  raw: {},
  nullable: false,
  properties: {},
  required: new Set(),
  xml: { wrapped: false, attribute: false },
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function typesOf(schema: Node): Pick<SchemaView, 'types' | 'nullable'> {
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
  // `nullable: true` is the OAS 3.0 spelling, accepted so 3.0 specs diff too.
  const nullable = declared?.includes('null') === true || schema.nullable === true;
  return { types: declared && sortedUnique(declared.filter((t) => t !== 'null')), nullable };
}

function enumOf(schema: Node): string[] | undefined {
  if (Array.isArray(schema.enum)) {
    return schema.enum.map(stableStringify);
  }
  return schema.const === undefined ? undefined : [stableStringify(schema.const)];
}

function variantsOf(schema: Node): SchemaView['variants'] {
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const branches = schema[kind];
    if (Array.isArray(branches)) {
      return { kind, branches };
    }
  }
  return undefined;
}

function xmlOf(schema: Node): XmlView {
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
  const required = sortedUnique([...strings(into.required), ...strings(next.required)]);
  if (required.length > 0) {
    merged.required = required;
  }
  return merged;
}

/** `allOf` parts merged into one object schema; a part that refers back to an enclosing one is skipped. */
function mergeAllOf(doc: Node, schema: Node, seen: ReadonlySet<string>, visited: Set<string>): Node {
  if (!Array.isArray(schema.allOf)) {
    return schema;
  }
  const { allOf, ...rest } = schema;
  const parts = allOf.map((part) => {
    const { node, ref } = resolve(doc, part, visited);
    if (ref && seen.has(ref)) {
      return {};
    }
    return mergeAllOf(doc, node, ref ? new Set([...seen, ref]) : seen, visited);
  });
  return [...parts, rest].reduce(mergeTwo, {});
}

const componentOf = (ref: string | undefined) => (ref?.startsWith('#/components/schemas/') ? refName(ref) : undefined);

function view(doc: Node, value: unknown, at: string, visited: Set<string>, seen: ReadonlySet<string> = new Set()): SchemaView {
  const { node, ref } = resolve(doc, value, visited);
  const here = ref ?? at;
  if (ref && seen.has(ref)) {
    return { ...ANY, at: here };
  }
  const inner = ref ? new Set([...seen, ref]) : seen;
  const schema = mergeAllOf(doc, node, inner, visited);
  const variants = variantsOf(schema);
  const nonNull = variants?.branches.filter((b) => resolve(doc, b).node.type !== 'null') ?? [];
  const [single] = nonNull;
  if (variants && nonNull.length === 1) {
    // `anyOf: [X, {type: null}]` is X made nullable: compare it as X so only the nullability shows.
    const branch = view(doc, single, `${here}/${variants.kind}/${variants.branches.indexOf(single)}`, visited, inner);
    const { [variants.kind]: _, ...wrapper } = schema;
    return {
      ...branch,
      ref: ref ?? branch.ref,
      component: componentOf(ref) ?? branch.component,
      at: here,
      raw: { ...branch.raw, ...wrapper },
      nullable: branch.nullable || nonNull.length < variants.branches.length,
      ...(variants.branches.length === 1 ? { wrappedIn: variants.kind } : {}),
      xml: isObject(schema.xml) ? xmlOf(schema) : branch.xml,
    };
  }
  return {
    ref: ref ?? '',
    component: componentOf(ref),
    at: here,
    raw: schema,
    ...typesOf(schema),
    properties: asObject(schema.properties),
    required: new Set(strings(schema.required)),
    enum: enumOf(schema),
    variants,
    xml: xmlOf(schema),
  };
}

function draft(rule: RuleId, pointer: string, message: string): SchemaDraft {
  return { rule, pointer, message };
}

/** A short rendering of a keyword value for messages: `22`, `"^[0-9]+$"`, `none`. */
function show(value: unknown): string {
  if (value === undefined) {
    return 'none';
  }
  const text = typeof value === 'string' ? value : stableStringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const byDirection = (ctx: SchemaDiffContext, request: RuleId, response: RuleId) => (ctx.direction === 'request' ? request : response);

// Types ------------------------------------------------------------------------------------------------

/** `integer` is a subset of `number`, so `integer → number` widens and `number → integer` narrows. */
const covers = (types: string[], t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));

function typeLabel(v: SchemaView): string {
  return v.types?.join(' | ') ?? (v.variants ? `${v.variants.kind} of ${v.variants.branches.length}` : 'any');
}

const typeRule: NodeRule = (before, after, site, ctx) => {
  const [a, b] = [before.types, after.types];
  const changed = () => [draft('type-changed', site.pointer, `type changed ${typeLabel(before)} → ${typeLabel(after)}`)];
  if (before.wrappedIn !== after.wrappedIn) {
    const wrapped = (v: SchemaView) => (v.wrappedIn ? `${v.wrappedIn} of 1` : typeLabel(v));
    return [draft('type-changed', site.pointer, `type changed ${wrapped(before)} → ${wrapped(after)}`)];
  }
  if (before.variants && after.variants && before.variants.kind !== after.variants.kind) {
    return changed();
  }
  if (!a || !b) {
    if (!a && !b) {
      return Boolean(before.variants) === Boolean(after.variants) ? [] : changed();
    }
    // A union on one side and a plain type on the other is a different shape, not a subset.
    if (before.variants || after.variants) {
      return changed();
    }
  }
  // An absent type admits every type: widened to it, narrowed from it.
  const widens = !b || a?.every((t) => covers(b, t)) === true;
  const narrows = !a || b?.every((t) => covers(a, t)) === true;
  if (widens && narrows) {
    return [];
  }
  const message = `type ${widens ? 'widened' : 'narrowed'} ${typeLabel(before)} → ${typeLabel(after)}`;
  if (widens) {
    return [draft(byDirection(ctx, 'request-type-widened', 'response-type-widened'), site.pointer, message)];
  }
  return narrows ? [draft(byDirection(ctx, 'request-type-narrowed', 'response-type-narrowed'), site.pointer, message)] : changed();
};

const nullableRule: NodeRule = (before, after, site, ctx) => {
  if (before.nullable === after.nullable) {
    return [];
  }
  return after.nullable
    ? [draft(byDirection(ctx, 'request-made-nullable', 'response-made-nullable'), site.pointer, 'made nullable')]
    : [draft(byDirection(ctx, 'request-made-not-nullable', 'response-made-not-nullable'), site.pointer, 'no longer nullable')];
};

/**
 * Formats whose values nest: every int32 is an int64, every float a double. Along a chain a change only
 * widens or narrows the values; any other change (`date-time` → `uuid`, a format added or removed) is
 * `format-changed`, since generated clients map formats to types (date-time → Date, int64 → bigint).
 */
const FORMAT_CHAINS = [
  ['int32', 'int64'],
  ['float', 'double'],
];

const formatRule: NodeRule = (before, after, site, ctx) => {
  const [a, b] = [before.raw.format, after.raw.format];
  if (a === b) {
    return [];
  }
  const message = `format changed ${show(a)} → ${show(b)}`;
  const chain = FORMAT_CHAINS.find((c) => c.includes(String(a)) && c.includes(String(b)));
  if (!chain) {
    return [draft('format-changed', site.pointer, message)];
  }
  return chain.indexOf(String(b)) > chain.indexOf(String(a))
    ? [draft(byDirection(ctx, 'request-format-widened', 'response-format-widened'), site.pointer, `${message} (admits more values)`)]
    : [draft(byDirection(ctx, 'request-format-narrowed', 'response-format-narrowed'), site.pointer, `${message} (admits fewer values)`)];
};

const contentRule: NodeRule = (before, after, site) =>
  (['contentMediaType', 'contentEncoding'] as const)
    .filter((key) => before.raw[key] !== after.raw[key])
    .map((key) => draft('content-media-type-changed', site.pointer, `${key} changed ${show(before.raw[key])} → ${show(after.raw[key])}`));

const enumRule: NodeRule = (before, after, site, ctx) => {
  const narrowed = byDirection(ctx, 'request-enum-narrowed', 'response-enum-narrowed');
  const widened = byDirection(ctx, 'request-enum-widened', 'response-enum-widened');
  if (!before.enum || !after.enum) {
    if (after.enum) {
      return [draft(narrowed, site.pointer, `now restricted to enum ${after.enum.join(', ')}`)];
    }
    return before.enum ? [draft(widened, site.pointer, `enum restriction removed (was ${before.enum.join(', ')})`)] : [];
  }
  const removed = before.enum.filter((v) => !after.enum?.includes(v));
  const added = after.enum.filter((v) => !before.enum?.includes(v));
  return [
    ...(removed.length > 0 ? [draft(narrowed, site.pointer, `enum value removed: ${removed.join(', ')}`)] : []),
    ...(added.length > 0 ? [draft(widened, site.pointer, `enum value added: ${added.join(', ')}`)] : []),
  ];
};

// Fields -----------------------------------------------------------------------------------------------

const FIELD_RULES = {
  request: {
    removed: 'request-field-removed',
    removedAfterDeprecation: 'request-field-removed-after-deprecation',
    addedRequired: 'request-required-field-added',
    addedOptional: 'request-optional-field-added',
    madeRequired: 'request-field-made-required',
    madeOptional: 'request-field-made-optional',
  },
  response: {
    removed: 'response-field-removed',
    removedAfterDeprecation: 'response-field-removed-after-deprecation',
    addedRequired: 'response-field-added',
    addedOptional: 'response-field-added',
    madeRequired: 'response-field-made-required',
    madeOptional: 'response-field-made-optional',
  },
} as const satisfies Record<Direction, Record<string, RuleId>>;

const flagOf = (doc: Node, schema: unknown, flag: string) => resolve(doc, schema).node[flag] === true;

/**
 * Required as this direction sees it: a readOnly field is never sent, so it is not required of a
 * sender; a writeOnly field is never returned, so a reader cannot count on it.
 */
function effectivelyRequired(v: SchemaView, doc: Node, ctx: SchemaDiffContext): Set<string> {
  const hiddenBy = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  return new Set([...v.required].filter((name) => name in v.properties && !flagOf(doc, v.properties[name], hiddenBy)));
}

const fieldsRemoved: NodeRule = (before, after, site, ctx) =>
  Object.keys(before.properties)
    .filter((name) => !(name in after.properties))
    .map((name) =>
      flagOf(ctx.oldDoc, before.properties[name], 'deprecated')
        ? draft(FIELD_RULES[ctx.direction].removedAfterDeprecation, `${site.pointer}/${name}`, 'deprecated field removed')
        : draft(FIELD_RULES[ctx.direction].removed, `${site.pointer}/${name}`, 'field removed without being deprecated first'),
    );

const fieldsAdded: NodeRule = (before, after, site, ctx) => {
  const required = effectivelyRequired(after, ctx.newDoc, ctx);
  return Object.keys(after.properties)
    .filter((name) => !(name in before.properties))
    .map((name) =>
      required.has(name)
        ? draft(FIELD_RULES[ctx.direction].addedRequired, `${site.pointer}/${name}`, 'field added (required)')
        : draft(FIELD_RULES[ctx.direction].addedOptional, `${site.pointer}/${name}`, 'field added (optional)'),
    );
};

const requiredRule: NodeRule = (before, after, site, ctx) => {
  if (before.required.size === 0 && after.required.size === 0) {
    return [];
  }
  const [a, b] = [effectivelyRequired(before, ctx.oldDoc, ctx), effectivelyRequired(after, ctx.newDoc, ctx)];
  return Object.keys(before.properties)
    .filter((name) => name in after.properties && a.has(name) !== b.has(name))
    .map((name) =>
      b.has(name)
        ? draft(FIELD_RULES[ctx.direction].madeRequired, `${site.pointer}/${name}`, 'field made required')
        : draft(FIELD_RULES[ctx.direction].madeOptional, `${site.pointer}/${name}`, 'field made optional'),
    );
};

// Conditional requirements ---------------------------------------------------------------------------

/**
 * Requirements that hold only under a condition, keyed `field|condition`, read from the two forms the
 * diff can decide: `dependentRequired` (`{a: [b]}`: b is required when a is present) and an `if`/`then`
 * whose `if` tests one property against a `const` and whose `then` only requires fields (the shape
 * `requiredWhen` writes). Not `decided` when the schema has an `if`/`then`/`else` outside that shape.
 */
interface Requirement {
  field: string;
  /** `kill_all_nodes = false (if/then)`: also the key, with the field, that pairs the two sides. */
  condition: string;
  /** The keyword that carries it, for a change reported at its pointer. */
  keyword: string;
}

function conditionalRequirements(raw: Node): { found: Map<string, Requirement>; decided: boolean } {
  const found = new Map<string, Requirement>();
  const add = (fields: string[], condition: string, keyword: string) => {
    for (const field of fields) {
      found.set(`${field}|${condition}`, { field, condition, keyword });
    }
  };
  for (const [trigger, fields] of Object.entries(asObject(raw.dependentRequired))) {
    add(strings(fields), `${trigger} is present (dependentRequired)`, 'dependentRequired');
  }
  if (raw.if === undefined && raw.then === undefined && raw.else === undefined) {
    return { found, decided: true };
  }
  const test = decidableIf(raw.if);
  const then = asObject(raw.then);
  const thenKeys = Object.keys(then).filter((key) => key !== 'properties' && key !== 'required');
  // `then.properties` may only name the fields (`{}`): anything else constrains their values, which is not a requirement.
  const namesOnly = Object.values(asObject(then.properties)).every((p) => isObject(p) && Object.keys(p).length === 0);
  if (!test || raw.else !== undefined || !isObject(raw.then) || thenKeys.length > 0 || !namesOnly || strings(then.required).length === 0) {
    return { found, decided: false };
  }
  add(strings(then.required), `${test} (if/then)`, 'then');
  return { found, decided: true };
}

/** `kill_all_nodes = false` for `{properties: {kill_all_nodes: {const: false}}, required: [kill_all_nodes]}`. */
function decidableIf(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).some((key) => key !== 'properties' && key !== 'required')) {
    return undefined;
  }
  const entries = Object.entries(asObject(value.properties));
  const [entry] = entries;
  if (entries.length !== 1 || !entry) {
    return undefined;
  }
  const [name, test] = entry;
  if (!isObject(test) || Object.keys(test).join() !== 'const') {
    return undefined;
  }
  const required = strings(value.required);
  // Without `required`, the `if` also holds when the property is absent: a different, wider condition.
  const present = required.length === 1 && required[0] === name;
  if (!present && required.length > 0) {
    return undefined;
  }
  return `${name} = ${stableStringify(test.const)}${present ? '' : ' or is absent'}`;
}

const CONDITIONAL_KEYWORDS = ['if', 'then', 'else'] as const;

/**
 * A request that gains a conditional requirement refuses clients that omitted the field under the
 * condition; a response that loses one no longer promises the field under it. A condition whose value
 * changes is the old requirement lost and a new one gained, so the harmful half is always among them.
 * A requirement that also holds unconditionally on that side adds nothing and is left out.
 */
const conditionalRule: NodeRule = (before, after, site, ctx) => {
  const [old, now] = [conditionalRequirements(before.raw), conditionalRequirements(after.raw)];
  const undecided: SchemaDraft[] = [];
  if (!old.decided || !now.decided) {
    const edited = CONDITIONAL_KEYWORDS.filter((key) => !isDeepStrictEqual(before.raw[key], after.raw[key]));
    const message = `${edited.join('/')} changed in a shape the diff cannot decide (only an if on one property's const with a then of required fields is read): review it by hand`;
    if (edited.length > 0) {
      undecided.push(draft('conditional-schema-changed', site.pointer, message));
    }
  }
  // With an undecided if/then on either side, only dependentRequired is compared pair by pair.
  const comparable = (side: typeof old) =>
    old.decided && now.decided ? side.found : new Map([...side.found].filter(([, r]) => r.keyword === 'dependentRequired'));
  const [a, b] = [comparable(old), comparable(now)];
  const hiddenBy = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  // Implied: the field is required anyway on that side, or never on the wire in this direction.
  const implied = (side: SchemaView, doc: Node) => {
    const always = effectivelyRequired(side, doc, ctx);
    return (r: Requirement) => always.has(r.field) || flagOf(doc, side.properties[r.field], hiddenBy);
  };
  const rules = {
    request: ['request-conditional-requirement-added', 'request-conditional-requirement-removed'],
    response: ['response-conditional-requirement-added', 'response-conditional-requirement-removed'],
  } as const satisfies Record<Direction, [RuleId, RuleId]>;
  const [added, removed] = rules[ctx.direction];
  const report = (
    from: Map<string, Requirement>,
    to: Map<string, Requirement>,
    side: SchemaView,
    doc: Node,
    rule: RuleId,
    what: string,
  ) => {
    const isImplied = implied(side, doc);
    return [...from]
      .filter(([key]) => !to.has(key))
      .map(([, r]) =>
        isImplied(r)
          ? // Still a difference in the document, so reported, as prose: it changes nothing on the wire.
            {
              ...draft(
                'docs-changed',
                `${site.pointer}/${r.field}`,
                `${what} when ${r.condition} (no effect: required anyway or not sent)`,
              ),
              at: `${side.at}/${r.keyword}`,
            }
          : draft(rule, `${site.pointer}/${r.field}`, `${what} when ${r.condition}`),
      );
  };
  return [
    ...undecided,
    ...report(b, a, after, ctx.newDoc, added, 'now required'),
    ...report(a, b, before, ctx.oldDoc, removed, 'no longer required'),
  ];
};

/** readOnly matters to senders, writeOnly to readers; the other flag is prose in that direction. */
const accessRule: NodeRule = (before, after, site, ctx) =>
  (['readOnly', 'writeOnly'] as const).flatMap((flag) => {
    const [a, b] = [before.raw[flag] === true, after.raw[flag] === true];
    if (a === b) {
      return [];
    }
    const message = `${flag} ${b ? 'added' : 'removed'}`;
    if (ctx.direction === 'request' && flag === 'readOnly') {
      return [draft(b ? 'request-read-only-added' : 'request-read-only-removed', site.pointer, message)];
    }
    if (ctx.direction === 'response' && flag === 'writeOnly') {
      return [draft(b ? 'response-write-only-added' : 'response-write-only-removed', site.pointer, message)];
    }
    return [{ ...draft('docs-changed', site.pointer, `${message} (no effect on ${ctx.direction}s)`), at: `${after.at}/${flag}` }];
  });

const defaultRule: NodeRule = (before, after, site, ctx) =>
  isDeepStrictEqual(before.raw.default, after.raw.default)
    ? []
    : [
        draft(
          byDirection(ctx, 'request-default-changed', 'response-default-changed'),
          site.pointer,
          `default changed ${show(before.raw.default)} → ${show(after.raw.default)}`,
        ),
      ];

const deprecationRule: NodeRule = (before, after, site) => {
  const [a, b] = [before.raw.deprecated === true, after.raw.deprecated === true];
  return a === b ? [] : [draft(b ? 'deprecated' : 'reactivated', site.pointer, b ? 'deprecated' : 'no longer deprecated')];
};

// Constraints ------------------------------------------------------------------------------------------

/** `equivalent`: the keyword was rewritten but bounds the same values (a pattern with the same language). */
type Way = 'tightened' | 'loosened' | 'changed' | 'equivalent';

interface ConstraintCheck {
  constraint: Constraint;
  /** How `after` bounds values compared with `before`, or undefined when it bounds them the same. */
  compare: (before: Node, after: Node) => { way: Way; message: string } | undefined;
}

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** A count limit: for an upper one (maxLength, maxItems, maxProperties) lower is tighter, for a lower one higher. */
function limit(constraint: Constraint, keyword: string, side: 'upper' | 'lower'): ConstraintCheck {
  return {
    constraint,
    compare: (before, after) => {
      const [a, b] = [num(before[keyword]), num(after[keyword])];
      if (a === b) {
        return undefined;
      }
      const tighter = a === undefined || (b !== undefined && (side === 'upper' ? b < a : b > a));
      return { way: tighter ? 'tightened' : 'loosened', message: `${keyword} ${show(a)} → ${show(b)}` };
    },
  };
}

interface Bound {
  value: number;
  exclusive: boolean;
  label: string;
}

/** The strictest of `maximum`, `exclusiveMaximum` (3.1: a number; 3.0: a flag on `maximum`). */
function boundOf(schema: Node, side: 'max' | 'min'): Bound | undefined {
  const [inclusive, exclusive] = side === 'max' ? ['maximum', 'exclusiveMaximum'] : ['minimum', 'exclusiveMinimum'];
  if (schema[inclusive] === undefined && schema[exclusive] === undefined) {
    return undefined;
  }
  const candidates: Bound[] = [];
  const limit = num(schema[inclusive]);
  if (limit !== undefined) {
    const flagged = schema[exclusive] === true;
    candidates.push({ value: limit, exclusive: flagged, label: `${flagged ? exclusive : inclusive} ${limit}` });
  }
  const exclusiveLimit = num(schema[exclusive]);
  if (exclusiveLimit !== undefined) {
    candidates.push({ value: exclusiveLimit, exclusive: true, label: `${exclusive} ${exclusiveLimit}` });
  }
  const stricter = (x: Bound, y: Bound) =>
    (side === 'max' ? x.value < y.value : x.value > y.value) || (x.value === y.value && x.exclusive && !y.exclusive);
  return candidates.reduce<Bound | undefined>((best, c) => (best === undefined || stricter(c, best) ? c : best), undefined);
}

function range(constraint: Constraint, side: 'max' | 'min'): ConstraintCheck {
  return {
    constraint,
    compare: (before, after) => {
      const [a, b] = [boundOf(before, side), boundOf(after, side)];
      if (a?.value === b?.value && a?.exclusive === b?.exclusive) {
        return undefined;
      }
      const tighter =
        a === undefined ||
        (b !== undefined &&
          ((side === 'max' ? b.value < a.value : b.value > a.value) || (b.value === a.value && b.exclusive && !a.exclusive)));
      return { way: tighter ? 'tightened' : 'loosened', message: `${a?.label ?? `${side}imum none`} → ${b?.label ?? 'none'}` };
    },
  };
}

const isMultiple = (of: number, base: number) => {
  const ratio = of / base;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
};

const multipleOf: ConstraintCheck = {
  constraint: 'multiple-of',
  compare: (before, after) => {
    const [a, b] = [num(before.multipleOf), num(after.multipleOf)];
    if (a === b) {
      return undefined;
    }
    const message = `multipleOf ${show(a)} → ${show(b)}`;
    if (a === undefined || b === undefined) {
      return { way: a === undefined ? 'tightened' : 'loosened', message };
    }
    // 2 → 4 admits fewer values and 4 → 2 more; 2 → 3 admits some new ones and drops others.
    return isMultiple(b, a) ? { way: 'tightened', message } : isMultiple(a, b) ? { way: 'loosened', message } : { way: 'changed', message };
  },
};

const uniqueItems: ConstraintCheck = {
  constraint: 'unique-items',
  compare: (before, after) => {
    const [a, b] = [before.uniqueItems === true, after.uniqueItems === true];
    return a === b ? undefined : { way: b ? 'tightened' : 'loosened', message: `uniqueItems ${a} → ${b}` };
  },
};

/**
 * Patterns are compared by the strings they accept (language inclusion, both ways): a rewrite that accepts
 * the same strings (`[0-9]` → `\d`) is only reported as rewritten (info). Only what the automaton library cannot decide (lookarounds
 * it cannot resolve, backreferences, a pattern past the state budget) is taken the harmful way.
 */
const pattern: ConstraintCheck = {
  constraint: 'pattern',
  compare: (before, after) => {
    const [a, b] = [before.pattern, after.pattern];
    if (a === b) {
      return undefined;
    }
    const message = `pattern ${show(a)} → ${show(b)}`;
    if (typeof a !== 'string' || typeof b !== 'string') {
      return { way: a === undefined ? 'tightened' : 'loosened', message };
    }
    const found = comparePatterns(a, b);
    switch (found.relation) {
      case 'equal':
        return { way: 'equivalent', message: `${message} (rewritten; accepts the same strings)` };
      case 'wider':
        return { way: 'loosened', message: `${message} (accepts every string it accepted, and more)` };
      case 'narrower':
        return { way: 'tightened', message: `${message} (refuses strings it accepted, accepts none it refused)` };
      case 'overlapping':
        return { way: 'changed', message: `${message} (accepts strings it refused and refuses strings it accepted)` };
      case 'undecided':
        return {
          way: 'changed',
          message: `${message} (whether it accepts less cannot be proven: ${found.why}; so it is taken as the harmful way)`,
        };
    }
  },
};

/** Open (absent or true) admits any extra field, a schema admits some, `false` none. */
const openness = (value: unknown) => (value === undefined || value === true ? 2 : value === false ? 0 : 1);
const additionalLabel = (value: unknown) => (value === undefined ? 'none' : isObject(value) ? 'a schema' : String(value));

const additionalProperties: ConstraintCheck = {
  constraint: 'additional-properties',
  compare: (before, after) => {
    const [a, b] = [openness(before.additionalProperties), openness(after.additionalProperties)];
    if (a === b) {
      return undefined;
    }
    return {
      way: b < a ? 'tightened' : 'loosened',
      message: `additionalProperties ${additionalLabel(before.additionalProperties)} → ${additionalLabel(after.additionalProperties)}`,
    };
  },
};

const CONSTRAINT_CHECKS: ConstraintCheck[] = [
  pattern,
  limit('max-length', 'maxLength', 'upper'),
  limit('min-length', 'minLength', 'lower'),
  range('maximum', 'max'),
  range('minimum', 'min'),
  multipleOf,
  limit('max-items', 'maxItems', 'upper'),
  limit('min-items', 'minItems', 'lower'),
  uniqueItems,
  limit('max-properties', 'maxProperties', 'upper'),
  limit('min-properties', 'minProperties', 'lower'),
  additionalProperties,
];

const rewrittenRule: RuleId = 'constraint-rewritten';

/** A change whose direction cannot be told is reported the way that hurts: tighter for senders, looser for readers. */
const constraintRules: NodeRule = (before, after, site, ctx) =>
  CONSTRAINT_CHECKS.flatMap(({ constraint, compare }) => {
    const found = compare(before.raw, after.raw);
    if (!found) {
      return [];
    }
    if (found.way === 'equivalent') {
      return [draft(rewrittenRule, site.pointer, found.message)];
    }
    const way = found.way === 'changed' ? (ctx.direction === 'request' ? 'tightened' : 'loosened') : found.way;
    return [draft(constraintRule(ctx.direction, constraint, way), site.pointer, found.message)];
  });

// Unions and discriminators ----------------------------------------------------------------------------

interface BranchMatch {
  pairs: Array<[number, number]>;
  removed: number[];
  added: number[];
}

function branchRef(branch: unknown): string | undefined {
  const ref = asObject(branch).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

/** Pairs union branches: by `$ref` name, then identical inline schemas, then by position when as many are left on each side. */
function matchBranches(before: unknown[], after: unknown[]): BranchMatch {
  const pairs: Array<[number, number]> = [];
  let oldLeft = before.map((_, i) => i);
  let newLeft = after.map((_, i) => i);
  const pairBy = (key: (branch: unknown) => string | undefined) => {
    for (const i of [...oldLeft]) {
      const k = key(before[i]);
      const j = k === undefined ? -1 : newLeft.findIndex((n) => key(after[n]) === k);
      if (j !== -1) {
        pairs.push([i, newLeft[j] as number]);
        oldLeft = oldLeft.filter((o) => o !== i);
        newLeft = newLeft.filter((_, n) => n !== j);
      }
    }
  };
  pairBy((b) => branchRef(b) && refName(branchRef(b) as string));
  pairBy((b) => (branchRef(b) ? undefined : stableStringify(b)));
  if (oldLeft.length === newLeft.length) {
    oldLeft.forEach((i, n) => {
      pairs.push([i, newLeft[n] as number]);
    });
    oldLeft = [];
    newLeft = [];
  }
  return { pairs, removed: oldLeft, added: newLeft };
}

function branchLabel(kind: string, branches: unknown[], i: number): string {
  const ref = branchRef(branches[i]);
  return ref ? refName(ref) : `${kind}[${i}]`;
}

function sameUnion(before: SchemaView, after: SchemaView): before is SchemaView & Required<Pick<SchemaView, 'variants'>> {
  return before.variants !== undefined && after.variants?.kind === before.variants.kind;
}

const variantRule: NodeRule = (before, after, site, ctx) => {
  if (!sameUnion(before, after) || !after.variants) {
    return [];
  }
  const { kind } = before.variants;
  const match = matchBranches(before.variants.branches, after.variants.branches);
  const newBranches = after.variants.branches;
  return [
    ...match.removed.map((i) =>
      draft(
        byDirection(ctx, 'request-variant-removed', 'response-variant-removed'),
        site.pointer,
        `${kind} member removed: ${branchLabel(kind, before.variants.branches, i)}`,
      ),
    ),
    ...match.added.map((i) =>
      draft(
        byDirection(ctx, 'request-variant-added', 'response-variant-added'),
        site.pointer,
        `${kind} member added: ${branchLabel(kind, newBranches, i)}`,
      ),
    ),
  ];
};

const discriminatorRule: NodeRule = (before, after, site, ctx) => {
  const [a, b] = [asObject(before.raw.discriminator), asObject(after.raw.discriminator)];
  const drafts: SchemaDraft[] = [];
  if (a.propertyName !== b.propertyName) {
    drafts.push(
      draft('discriminator-property-changed', site.pointer, `discriminator propertyName ${show(a.propertyName)} → ${show(b.propertyName)}`),
    );
  }
  const [oldMap, newMap] = [asObject(a.mapping), asObject(b.mapping)];
  for (const key of sortedUnique([...Object.keys(oldMap), ...Object.keys(newMap)])) {
    if (!(key in newMap)) {
      const rule = byDirection(ctx, 'request-discriminator-mapping-removed', 'response-discriminator-mapping-removed');
      drafts.push(draft(rule, site.pointer, `discriminator mapping removed: ${key}`));
    } else if (!(key in oldMap)) {
      const rule = byDirection(ctx, 'request-discriminator-mapping-added', 'response-discriminator-mapping-added');
      drafts.push(draft(rule, site.pointer, `discriminator mapping added: ${key} → ${show(newMap[key])}`));
    } else if (oldMap[key] !== newMap[key]) {
      drafts.push(
        draft('discriminator-mapping-changed', site.pointer, `discriminator mapping ${key}: ${show(oldMap[key])} → ${show(newMap[key])}`),
      );
    }
  }
  return drafts;
};

// XML --------------------------------------------------------------------------------------------------

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
  before.xml.namespace !== after.xml.namespace
    ? [draft('xml-namespace-changed', site.pointer, `xml.namespace changed ${show(before.xml.namespace)} → ${show(after.xml.namespace)}`)]
    : [];

const xmlPrefixChanged: NodeRule = (before, after, site) =>
  before.xml.prefix !== after.xml.prefix
    ? [draft('xml-prefix-changed', site.pointer, `xml.prefix changed ${show(before.xml.prefix)} → ${show(after.xml.prefix)}`)]
    : [];

const XML_RULES: NodeRule[] = [xmlNameChanged, xmlWrappedChanged, xmlAttributeChanged, xmlNamespaceChanged, xmlPrefixChanged];

/**
 * The XML rules where XML is on the wire. An `xml` edit that changes no element (a default spelled out, or
 * any edit where only JSON is sent) is reported as prose; under a sibling XML media type it is left to it.
 */
const xmlRule: NodeRule = (before, after, site, ctx) => {
  if (ctx.xml === 'sibling') {
    return [];
  }
  const drafts = ctx.xml === 'wire' ? XML_RULES.flatMap((rule) => rule(before, after, site, ctx)) : [];
  if (drafts.length > 0 || isDeepStrictEqual(before.raw.xml, after.raw.xml)) {
    return drafts;
  }
  const why = ctx.xml === 'wire' ? 'the same XML on the wire' : 'no XML media type here: no effect on the wire';
  return [{ ...draft('docs-changed', site.pointer, `xml changed (${why})`), at: `${after.at}/xml` }];
};

// Prose and the catch-all ------------------------------------------------------------------------------

const DOC_KEYWORDS = ['title', 'description', 'example', 'examples', '$comment', 'externalDocs'];

const docsRule: NodeRule = (before, after, site) => {
  const edited = DOC_KEYWORDS.filter((key) => !isDeepStrictEqual(before.raw[key], after.raw[key]));
  return edited.length === 0 ? [] : [{ ...draft('docs-changed', site.pointer, `${edited.join(', ')} changed`), at: after.at }];
};

/** Keywords some rule above (or the walk itself) reads; anything else that changes is `unclassified`. */
const CLASSIFIED = new Set([
  ...DOC_KEYWORDS,
  'type',
  'nullable',
  'format',
  'contentMediaType',
  'contentEncoding',
  'enum',
  'const',
  'properties',
  'required',
  'if',
  'then',
  'else',
  'dependentRequired',
  'items',
  'oneOf',
  'anyOf',
  'discriminator',
  'readOnly',
  'writeOnly',
  'default',
  'deprecated',
  'xml',
  'pattern',
  'maxLength',
  'minLength',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'multipleOf',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'additionalProperties',
]);

/** Catch-all: reports each changed keyword no rule reads (`not`, `dependentSchemas`, `prefixItems`, `x-…`), at its JSON pointer. */
export function unclassified(before: Node, after: Node, handled: ReadonlySet<string>, at: string, pointer: string): SchemaDraft[] {
  const keys = sortedUnique([...Object.keys(before), ...Object.keys(after)]).filter((key) => !handled.has(key));
  return keys
    .filter((key) => !isDeepStrictEqual(before[key], after[key]))
    .map((key) => ({
      ...draft('unclassified', pointer, `${key} changed (${show(before[key])} → ${show(after[key])}), which no rule classifies`),
      at: `${at}/${escapePointer(key)}`,
    }));
}

const leftoverRule: NodeRule = (before, after, site) => unclassified(before.raw, after.raw, CLASSIFIED, after.at, site.pointer);

const RULES_IN_ORDER: NodeRule[] = [
  typeRule,
  nullableRule,
  formatRule,
  contentRule,
  enumRule,
  fieldsRemoved,
  fieldsAdded,
  requiredRule,
  conditionalRule,
  accessRule,
  defaultRule,
  deprecationRule,
  constraintRules,
  variantRule,
  discriminatorRule,
  docsRule,
  xmlRule,
  leftoverRule,
];

// The walk ---------------------------------------------------------------------------------------------

interface Child {
  before: unknown;
  after: unknown;
  site: Site;
  /** JSON pointers of the two child schemas in their documents. */
  oldAt: string;
  newAt: string;
}

function children(before: SchemaView, after: SchemaView, site: Site): Child[] {
  const list: Child[] = Object.keys(before.properties)
    .filter((name) => name in after.properties)
    .map((name) => ({
      before: before.properties[name],
      after: after.properties[name],
      site: { pointer: `${site.pointer}/${name}`, name, root: false },
      oldAt: `${before.at}/properties/${escapePointer(name)}`,
      newAt: `${after.at}/properties/${escapePointer(name)}`,
    }));
  const [oldItems, newItems] = [before.raw.items, after.raw.items];
  if (oldItems !== undefined || newItems !== undefined) {
    list.push({
      before: oldItems,
      after: newItems,
      site: { pointer: `${site.pointer || '/'}[]`, name: site.name, root: false },
      oldAt: `${before.at}/items`,
      newAt: `${after.at}/items`,
    });
  }
  const [oldExtra, newExtra] = [before.raw.additionalProperties, after.raw.additionalProperties];
  if (isObject(oldExtra) && isObject(newExtra)) {
    list.push({
      before: oldExtra,
      after: newExtra,
      site: { pointer: `${site.pointer}/*`, root: false },
      oldAt: `${before.at}/additionalProperties`,
      newAt: `${after.at}/additionalProperties`,
    });
  }
  if (sameUnion(before, after) && after.variants) {
    const { kind } = before.variants;
    for (const [i, j] of matchBranches(before.variants.branches, after.variants.branches).pairs) {
      list.push({
        before: before.variants.branches[i],
        after: after.variants.branches[j],
        site: { pointer: `${site.pointer}/${kind}[${j}]`, name: site.name, root: false },
        oldAt: `${before.at}/${kind}/${i}`,
        newAt: `${after.at}/${kind}/${j}`,
      });
    }
  }
  return list;
}

function sideView(doc: Node, schema: unknown, at: string, ctx: SchemaDiffContext): SchemaView {
  return schema === undefined ? { ...ANY, at, absent: true } : view(doc, schema, at, ctx.visited);
}

/**
 * Walks two schemas side by side. `stack` holds the `$ref` pairs being compared on the current path, so a
 * recursive schema (a node whose children are nodes) is compared once per path instead of forever.
 */
function walk(
  oldSchema: unknown,
  newSchema: unknown,
  site: Site,
  ats: [string, string],
  ctx: SchemaDiffContext,
  stack: ReadonlySet<string>,
): SchemaDraft[] {
  const before = sideView(ctx.oldDoc, oldSchema, ats[0], ctx);
  const after = sideView(ctx.newDoc, newSchema, ats[1], ctx);
  if (before.absent || after.absent) {
    // Array items appearing or disappearing: only how much the array admits changed.
    return typeRule(before, after, site, ctx);
  }
  const key = before.ref || after.ref ? `${before.ref}|${after.ref}` : undefined;
  if (key === undefined) {
    return compare(before, after, site, ctx, stack);
  }
  if (stack.has(key)) {
    ctx.cuts.push(key);
    return [];
  }
  const inner = new Set([...stack, key]);
  // Only a bare `{ $ref }` is the same schema wherever it appears: siblings (`xml`, `deprecated`) or a
  // nullable wrapper make this use differ from the others.
  if (!isBareRef(oldSchema) || !isBareRef(newSchema)) {
    return compare(before, after, site, ctx, inner);
  }
  const memoKey = `${key}|${ctx.direction}|${ctx.xml}|${site.root ? '' : (site.name ?? '')}|${site.root}`;
  const known = ctx.memo.get(memoKey);
  if (known) {
    return known.drafts.map((d) => (d.at ? d : { ...d, pointer: rebase(site.pointer, d.pointer) }));
  }
  const mark = ctx.cuts.length;
  const drafts = compare(before, after, site, ctx, inner);
  if (!ctx.cuts.slice(mark).some((cut) => stack.has(cut))) {
    ctx.memo.set(memoKey, { drafts: drafts.map((d) => (d.at ? d : { ...d, pointer: relative(site.pointer, d.pointer) })) });
  }
  return drafts;
}

const isBareRef = (value: unknown) => isObject(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1;

/** `/quotas[]/spaceTb` found at `/quotas` is `[]/spaceTb`; at the root, array items are `/[]`. */
function relative(base: string, pointer: string): string {
  const rest = pointer.slice(base.length);
  return base === '' && rest.startsWith('/[]') ? rest.slice(1) : rest;
}

function rebase(base: string, rest: string): string {
  return base === '' && rest.startsWith('[]') ? `/${rest}` : `${base}${rest}`;
}

/** A readOnly field is never sent and a writeOnly one never returned: in that direction only its prose matters. */
function offTheWire(before: SchemaView, after: SchemaView, ctx: SchemaDiffContext): boolean {
  const flag = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  return before.raw[flag] === true && after.raw[flag] === true;
}

function compare(before: SchemaView, after: SchemaView, site: Site, ctx: SchemaDiffContext, inner: ReadonlySet<string>): SchemaDraft[] {
  const drafts = RULES_IN_ORDER.flatMap((rule) => rule(before, after, site, ctx));
  if (offTheWire(before, after, ctx)) {
    return drafts.filter((d) => d.at);
  }
  if (drafts.some((d) => d.rule === 'type-changed' && d.pointer === site.pointer)) {
    // Constraints and children of a schema whose type changed say nothing useful about the new one.
    return drafts.filter((d) => d.rule === 'type-changed' || d.at);
  }
  for (const child of children(before, after, site)) {
    drafts.push(...walk(child.before, child.after, child.site, [child.oldAt, child.newAt], ctx, inner));
  }
  return drafts;
}

/**
 * Every change between two schemas (each inline or a `$ref` into its own document), in walk order.
 * `at` is the JSON pointer of the schemas in their documents (old, new), for changes reported by pointer.
 */
export function diffSchemas(oldSchema: unknown, newSchema: unknown, at: [string, string], ctx: SchemaDiffContext): SchemaDraft[] {
  return walk(oldSchema, newSchema, { pointer: '', root: true }, at, ctx, new Set());
}
