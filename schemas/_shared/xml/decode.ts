import { z } from 'zod';
import { assertNever } from '../assert-never.ts';
import { childPointer } from '../json-pointer.ts';
import { XmlCodecError, type XmlErrorWhere } from './errors.ts';
import {
  describeLayout,
  documentedLayout,
  type Layout,
  namesTheSame,
  partOfItem,
  resolved,
  shapedLike,
  uniformChildren,
} from './layout.ts';
import type { ArrayPlan, FieldPlan, ObjectPlan, Plan, UnionMember } from './plan.ts';
import { planOf } from './plan.ts';
import { readXml, type XmlAttribute, type XmlElement, type XmlNode, type XmlText } from './reader.ts';
import { FORBIDDEN_DOCUMENT_CHAR, LineIndex } from './text.ts';

export interface XmlUnknownElement {
  /** JSON pointer of the parent value + `/` + the element name, e.g. `/quotas/0/extra`. */
  pointer: string;
  /** The element name; `@name` for an attribute, `#text` for text where the schema expects elements only. */
  element: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * An array written in another layout than its schema documents: items renamed, a wrapper added or dropped.
 * The items are still read (so the rest of the body is checked), and the shape change is reported here.
 */
export interface XmlShapeIssue {
  /** JSON pointer of the array, e.g. `/quotas`. */
  pointer: string;
  /** The documented layout, e.g. `<quotas> repeated once per item, no wrapper`. */
  expected: string;
  /** The layout found, e.g. `<quotasList> wrapping <quotas> items`. */
  actual: string;
  message: string;
  line?: number;
  column?: number;
}

export interface DecodeResult {
  /** The value coerced by the schema, not yet validated: run `schema.safeParse(value)` on it. */
  value: unknown;
  /** The root element name the document carries (undefined for a document without one). */
  root: string | undefined;
  /**
   * Elements, attributes and text the schema does not know and that stand in for nothing it knows (additional
   * content). They are not put in `value`.
   */
  unknown: XmlUnknownElement[];
  /** Arrays in another layout than documented. */
  shape: XmlShapeIssue[];
}

export interface XmlLimits {
  /** UTF-8 size of the document. */
  maxBytes: number;
  /** Element nesting, the root counting as 1. */
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_LIMITS: Readonly<XmlLimits> = { maxBytes: 1024 * 1024, maxDepth: 64, maxElements: 100_000 };

interface Context {
  source: string;
  lines: LineIndex;
  unknown: XmlUnknownElement[];
  shape: XmlShapeIssue[];
  /**
   * Reading elements on trial as the items of an array they might stand in for. Trials do not nest, so each
   * element is read a bounded number of times however deep a document nests unknown elements.
   */
  trial: boolean;
}

export function decodeXml(
  schema: z.core.$ZodType,
  input: string | Uint8Array,
  options: { limits?: Partial<XmlLimits> } = {},
): DecodeResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const plan = planOf(schema);
  const source = typeof input === 'string' ? checkedString(input, limits) : checkedBytes(input, limits);
  const forbidden = FORBIDDEN_DOCUMENT_CHAR.exec(source);
  if (forbidden) {
    const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlCodecError(
      'XML_MALFORMED',
      `U+${code} is not allowed in an XML document (binary data?)`,
      new LineIndex(source).at(forbidden.index),
    );
  }
  const root = readXml(source, limits);
  if (!root) {
    if (plan.kind === 'object' && plan.allOptional) {
      return { value: {}, root: undefined, unknown: [], shape: [] };
    }
    throw new XmlCodecError('XML_ROOT_MISSING', 'the document has no root element, and the schema requires content');
  }
  const ctx: Context = { source, lines: new LineIndex(source), unknown: [], shape: [], trial: false };
  const value = decodeContent(plan, root, '', ctx);
  return { value, root: root.name, unknown: inDocumentOrder(ctx.unknown), shape: inDocumentOrder(ctx.shape) };
}

/** Fields are decoded in schema order, repeated ones last: what a reader reports comes back in document order. */
function inDocumentOrder<T extends { line?: number; column?: number }>(found: T[]): T[] {
  return found.length < 2 ? found : found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function tooLarge(limits: XmlLimits): XmlCodecError {
  return new XmlCodecError('XML_TOO_LARGE', `the document is larger than ${limits.maxBytes} bytes`);
}

function checkedString(text: string, limits: XmlLimits): string {
  // Length in UTF-16 units never exceeds the UTF-8 size and a unit is at most 3 bytes: count only when it matters.
  if (text.length > limits.maxBytes || (text.length * 3 > limits.maxBytes && Buffer.byteLength(text, 'utf8') > limits.maxBytes)) {
    throw tooLarge(limits);
  }
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function checkedBytes(bytes: Uint8Array, limits: XmlLimits): string {
  if (bytes.byteLength > limits.maxBytes) {
    throw tooLarge(limits);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new XmlCodecError('XML_MALFORMED', 'the document is not valid UTF-8');
  }
}

/** What an error or a report can point at. */
type Located = XmlNode | XmlAttribute;

/** Line and column of `at`; text is placed at its first non-blank character. */
function position(ctx: Context, at: Located): XmlErrorWhere {
  let index = at.start;
  if ('kind' in at && at.kind === 'text') {
    while (/\s/.test(ctx.source[index] ?? '')) {
      index++;
    }
  }
  return ctx.lines.at(index);
}

function mismatch(ctx: Context, at: Located | undefined, pointer: string, message: string): XmlCodecError {
  return new XmlCodecError('XML_TYPE_MISMATCH', message, { pointer, ...(at ? position(ctx, at) : {}) });
}

function report(ctx: Context, at: Located, parent: string, element: string, message: string): void {
  ctx.unknown.push({ pointer: childPointer(parent, element), element, message, ...position(ctx, at) });
}

function reshaped(ctx: Context, at: XmlElement, pointer: string, expected: Layout, actual: Layout): void {
  const [documented, found] = [describeLayout(expected), describeLayout(actual)];
  ctx.shape.push({
    pointer,
    expected: documented,
    actual: found,
    message: `the array is written as ${found}; the documented form is ${documented}`,
    ...position(ctx, at),
  });
}

function isNil(element: XmlElement): boolean {
  const nil = element.attributes.find((attribute) => attribute.name === 'xsi:nil')?.value;
  return nil === 'true' || nil === '1';
}

/** Namespace declarations and XML Schema instance attributes are markup about the document, not data. */
function isMarkupAttribute(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:');
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * The prototype guard: an element name becomes a key only as an own data property, as `JSON.parse` makes
 * `"__proto__"` one, so `<__proto__>` in a map is a key like any other and never reaches `Object.prototype`.
 * (In an object it is an element the schema does not name: reported as unknown, like any other.)
 */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Decodes what one element holds. */
function decodeContent(plan: Plan, element: XmlElement, pointer: string, ctx: Context): unknown {
  if (element.attributes.length > 0 && isNil(element)) {
    return null;
  }
  switch (plan.kind) {
    case 'object':
      return decodeObject(plan, element, pointer, ctx);
    case 'record':
      reportAttributes(element, pointer, ctx);
      return decodeRecord(plan.value, plan.valueRepeats, element.children, pointer, ctx);
    case 'array':
      reportAttributes(element, pointer, ctx);
      return decodeItems(plan, element, pointer, ctx);
    case 'union':
      return decodeUnion(plan.members, (member, sub) => decodeContent(member.plan, element, pointer, sub), element, pointer, ctx);
    case 'nullable':
      if (plan.emptyIsNull && element.children.every((child) => child.kind === 'text' && isBlank(child.text))) {
        reportAttributes(element, pointer, ctx);
        return null;
      }
      return decodeContent(plan.inner, element, pointer, ctx);
    case 'lazy':
      return decodeContent(plan.resolve(), element, pointer, ctx);
    case 'unknown':
      return decodeAny(element.children, pointer, ctx);
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'enum':
    case 'literal':
      reportAttributes(element, pointer, ctx);
      return coerce(plan, leafText(element.children, pointer, ctx), element, pointer, ctx);
  }
  return assertNever(plan);
}

/** Decodes a field that may span several sibling elements (`elements`, all named `tag`). */
function decodeSlot(plan: Plan, elements: XmlElement[], tag: string, pointer: string, ctx: Context): unknown {
  switch (plan.kind) {
    case 'array':
      return elements.map((element, index) => decodeContent(plan.item, element, childPointer(pointer, index), ctx));
    case 'nullable': {
      const [only] = elements;
      if (elements.length === 1 && only && isNil(only)) {
        return null;
      }
      return decodeSlot(plan.inner, elements, tag, pointer, ctx);
    }
    case 'union':
      return decodeUnion(plan.members, (member, sub) => decodeSlot(member.plan, elements, tag, pointer, sub), elements[0], pointer, ctx);
    case 'lazy':
      return decodeSlot(plan.resolve(), elements, tag, pointer, ctx);
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
      return decodeSingle(plan, elements, tag, pointer, ctx);
  }
  return assertNever(plan);
}

function decodeSingle(plan: Plan, elements: XmlElement[], tag: string, pointer: string, ctx: Context): unknown {
  const [first, second] = elements;
  if (!first || second) {
    throw mismatch(ctx, second, pointer, `<${tag}> appears ${elements.length} times; the schema expects one element`);
  }
  return decodeContent(plan, first, pointer, ctx);
}

function decodeObject(plan: ObjectPlan, element: XmlElement, pointer: string, ctx: Context): unknown {
  const value: Record<string, unknown> = {};
  let gathered: Map<FieldPlan, XmlElement[]> | undefined;
  // Elements the schema does not name: additional content, or an array under another name or wrapper.
  let strangers: XmlElement[] | undefined;
  for (const child of element.children) {
    if (child.kind === 'text') {
      refuseText(child, pointer, ctx, 'an object');
      continue;
    }
    const field = plan.byElement.get(child.name);
    if (!field) {
      strangers ??= [];
      strangers.push(child);
      continue;
    }
    if (field.gathers) {
      gathered ??= new Map();
      const elements = gathered.get(field);
      if (elements) {
        elements.push(child);
      } else {
        gathered.set(field, [child]);
      }
      continue;
    }
    const fieldPointer = childPointer(pointer, field.key);
    if (value[field.key] !== undefined) {
      throw mismatch(ctx, child, fieldPointer, `<${child.name}> appears more than once; the schema expects one element`);
    }
    value[field.key] = decodeContent(field.plan, child, fieldPointer, ctx);
  }
  for (const field of plan.gathering) {
    const elements = gathered?.get(field);
    if (elements) {
      value[field.key] = decodeGathered(field, elements, childPointer(pointer, field.key), ctx);
    }
  }
  if (strangers) {
    placeStrangers(plan, value, strangers, pointer, ctx);
  }
  for (const field of plan.gathering) {
    // An empty unwrapped array is written as no element at all; where the schema requires items, absence is a
    // missing field (left undefined for the schema check to name).
    if (field.emptyWhenAbsent && value[field.key] === undefined) {
      value[field.key] = [];
    }
  }
  for (const attribute of element.attributes) {
    const field = plan.byAttribute.get(attribute.name);
    if (field) {
      value[field.key] = coerce(field.plan, attribute.value, attribute, childPointer(pointer, field.key), ctx);
    } else if (!isMarkupAttribute(attribute.name)) {
      report(ctx, attribute, pointer, `@${attribute.name}`, `attribute ${attribute.name} is not in the schema`);
    }
  }
  return value;
}

/** A field read from all of its elements: an unwrapped array (or other repeating field), or a wrapped array. */
function decodeGathered(field: FieldPlan, elements: XmlElement[], pointer: string, ctx: Context): unknown {
  const { array } = field;
  const [first] = elements;
  if (array && first && !(first.attributes.length > 0 && isNil(first))) {
    const expected = documentedLayout(field, array);
    if (array.wrapped && elements.length > 1) {
      // The wrapper was dropped and the items took its name.
      reshaped(ctx, first, pointer, expected, { item: field.name });
      return decodeEach(array.item, elements, pointer, ctx);
    }
    const items = !array.wrapped && elements.length === 1 ? itemsInside(array.item, first, expected, always, pointer, ctx) : undefined;
    if (items) {
      return items;
    }
  }
  return field.repeats
    ? decodeSlot(field.plan, elements, field.name, pointer, ctx)
    : decodeSingle(field.plan, elements, field.name, pointer, ctx);
}

function decodeEach(item: Plan, elements: XmlElement[], pointer: string, ctx: Context): unknown[] {
  return elements.map((element, index) => decodeContent(item, element, childPointer(pointer, index), ctx));
}

/**
 * The items inside `wrapper`, when it holds elements of one name that is not part of an item (else the wrapper
 * is an item itself): read as items if the name is `trusted`, else only if they are complete items.
 */
function itemsInside(
  item: Plan,
  wrapper: XmlElement,
  expected: Layout,
  trusted: (name: string) => boolean,
  pointer: string,
  ctx: Context,
): unknown[] | undefined {
  const inner = uniformChildren(wrapper);
  if (!inner || partOfItem(item, inner.name)) {
    return undefined;
  }
  const items = trusted(inner.name) ? decodeAsItems(item, inner.elements, pointer, ctx) : completeItems(item, inner.elements, pointer, ctx);
  if (items) {
    reshaped(ctx, wrapper, pointer, expected, { wrapper: wrapper.name, item: inner.name });
  }
  return items;
}

const always = () => true;

/** The elements read as items, or undefined where one of them could not hold an item at all. */
function decodeAsItems(item: Plan, elements: XmlElement[], pointer: string, ctx: Context): unknown[] | undefined {
  return elements.every((element) => shapedLike(item, element)) ? decodeEach(item, elements, pointer, ctx) : undefined;
}

/**
 * Elements the schema does not name, at an object with an array field that has none of its own elements: if
 * they are that array's items under another name, or inside another wrapper, they are read as the array and
 * the layout change reported. Whatever stands in for nothing the schema knows is reported as additional.
 */
function placeStrangers(plan: ObjectPlan, value: Record<string, unknown>, strangers: XmlElement[], pointer: string, ctx: Context): void {
  const groups = new Map<string, XmlElement[]>();
  for (const element of strangers) {
    const group = groups.get(element.name);
    if (group) {
      group.push(element);
    } else {
      groups.set(element.name, [element]);
    }
  }
  for (const field of plan.arrays) {
    if (value[field.key] !== undefined || field.array === undefined) {
      continue;
    }
    for (const [name, elements] of groups) {
      const items = standIn(field, field.array, elements, childPointer(pointer, field.key), ctx);
      if (items) {
        value[field.key] = items;
        groups.delete(name);
        break;
      }
    }
  }
  for (const elements of groups.values()) {
    for (const element of elements) {
      report(ctx, element, pointer, element.name, `element <${element.name}> is not in the schema`);
    }
  }
}

/**
 * The items of an absent array, if these same-named elements are they: one element wrapping them, or the items
 * themselves. A name that says so (`quota`, `quotasList` for `quotas`; the item name inside a wrapper) is
 * enough; elements of an unrelated name count only if every one reads as a complete item of an object type
 * with nothing left over, so a new element is never mistaken for a list.
 */
function standIn(field: FieldPlan, array: ArrayPlan, elements: XmlElement[], pointer: string, ctx: Context): unknown[] | undefined {
  const expected = documentedLayout(field, array);
  const [first] = elements;
  if (!first) {
    return undefined;
  }
  const wrapperNamed = namesTheSame(first.name, expected);
  const wrapped =
    elements.length === 1
      ? itemsInside(array.item, first, expected, (name) => wrapperNamed || namesTheSame(name, expected), pointer, ctx)
      : undefined;
  if (wrapped) {
    return wrapped;
  }
  const items = wrapperNamed ? decodeAsItems(array.item, elements, pointer, ctx) : completeItems(array.item, elements, pointer, ctx);
  if (items) {
    reshaped(ctx, first, pointer, expected, { item: first.name });
  }
  return items;
}

/** The elements as items of an object type, if each reads as one with every required field and nothing unknown. */
function completeItems(item: Plan, elements: XmlElement[], pointer: string, ctx: Context): unknown[] | undefined {
  const type = resolved(item);
  const ownFields = (element: XmlElement) =>
    element.children.some((child) => child.kind === 'element') &&
    element.children.every((child) =>
      child.kind === 'text' ? isBlank(child.text) : type.kind === 'object' && type.byElement.has(child.name),
    );
  if (ctx.trial || type.kind !== 'object' || !elements.every(ownFields)) {
    return undefined;
  }
  const sub: Context = { ...ctx, unknown: [], shape: [], trial: true };
  let items: unknown[];
  try {
    items = decodeEach(item, elements, pointer, sub);
  } catch (error) {
    if (error instanceof XmlCodecError) {
      return undefined;
    }
    throw error;
  }
  const complete = (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    type.fields.every((field) => field.optional || (value as Record<string, unknown>)[field.key] !== undefined);
  return sub.unknown.length === 0 && sub.shape.length === 0 && items.every(complete) ? items : undefined;
}

function decodeRecord(plan: Plan, valueRepeats: boolean, children: XmlNode[], pointer: string, ctx: Context): unknown {
  const value: Record<string, unknown> = {};
  const gathered = new Map<string, XmlElement[]>();
  for (const child of children) {
    if (child.kind === 'text') {
      refuseText(child, pointer, ctx, 'a map');
    } else if (valueRepeats) {
      const elements = gathered.get(child.name);
      if (elements) {
        elements.push(child);
      } else {
        gathered.set(child.name, [child]);
      }
    } else if (Object.hasOwn(value, child.name)) {
      throw mismatch(ctx, child, childPointer(pointer, child.name), `<${child.name}> appears more than once in a map`);
    } else {
      defineOwn(value, child.name, decodeContent(plan, child, childPointer(pointer, child.name), ctx));
    }
  }
  for (const [tag, elements] of gathered) {
    defineOwn(value, tag, decodeSlot(plan, elements, tag, childPointer(pointer, tag), ctx));
  }
  return value;
}

/** The items inside the element that holds an array (a wrapped array, an array document, a nested array). */
function decodeItems(plan: ArrayPlan, element: XmlElement, pointer: string, ctx: Context): unknown[] {
  const itemName = plan.itemName ?? element.name;
  const items: unknown[] = [];
  let others: XmlElement[] | undefined;
  let texts: XmlText[] | undefined;
  for (const child of element.children) {
    if (child.kind === 'text') {
      if (!isBlank(child.text)) {
        texts ??= [];
        texts.push(child);
      }
    } else if (child.name !== itemName) {
      others ??= [];
      others.push(child);
    } else {
      items.push(decodeContent(plan.item, child, childPointer(pointer, items.length), ctx));
    }
  }
  if (items.length === 0 && (others !== undefined || texts !== undefined)) {
    const reshapedItems = unwrappedItems(plan, element, itemName, pointer, ctx);
    if (reshapedItems) {
      return reshapedItems;
    }
  }
  for (const text of texts ?? []) {
    refuseText(text, pointer, ctx, 'a list');
  }
  for (const other of others ?? []) {
    report(ctx, other, pointer, other.name, `element <${other.name}> is not an item of this list (items are <${itemName}>)`);
  }
  return items;
}

/**
 * An element that should wrap `<itemName>` items but holds none: its items renamed (elements of one other
 * name), or the element is itself the one item (the wrapper dropped). Undefined where it is neither.
 */
function unwrappedItems(plan: ArrayPlan, element: XmlElement, itemName: string, pointer: string, ctx: Context): unknown[] | undefined {
  const expected: Layout = { wrapper: element.name, item: itemName };
  const renamed = itemsInside(plan.item, element, expected, always, pointer, ctx);
  if (renamed) {
    return renamed;
  }
  const isItem =
    shapedLike(plan.item, element) && element.children.every((child) => child.kind === 'text' || partOfItem(plan.item, child.name));
  if (!isItem) {
    return undefined;
  }
  reshaped(ctx, element, pointer, expected, { item: element.name });
  return [decodeContent(plan.item, element, childPointer(pointer, 0), ctx)];
}

/**
 * XML does not say which member of a union a value belongs to, so members are tried in order: the first whose
 * value validates in the documented layout without unknown elements wins, else the first that validates, else
 * the first that decodes (its validation errors then come from zod, where the caller parses).
 */
function decodeUnion(
  members: readonly UnionMember[],
  attempt: (member: UnionMember, ctx: Context) => unknown,
  node: Located | undefined,
  pointer: string,
  ctx: Context,
): unknown {
  let valid: { value: unknown; sub: Context } | undefined;
  let decoded: typeof valid;
  const failures: string[] = [];
  for (const member of members) {
    const sub: Context = { ...ctx, unknown: [], shape: [] };
    let value: unknown;
    try {
      value = attempt(member, sub);
    } catch (error) {
      if (error instanceof XmlCodecError && error.code === 'XML_TYPE_MISMATCH') {
        failures.push(error.message);
        continue;
      }
      throw error;
    }
    if (z.safeParse(member.schema, value).success) {
      if (sub.unknown.length === 0 && sub.shape.length === 0) {
        return value;
      }
      valid ??= { value, sub };
    } else {
      decoded ??= { value, sub };
    }
  }
  const chosen = valid ?? decoded;
  if (!chosen) {
    throw mismatch(ctx, node, pointer, `matches no member of the union: ${failures.join('; ')}`);
  }
  ctx.unknown.push(...chosen.sub.unknown);
  ctx.shape.push(...chosen.sub.shape);
  return chosen.value;
}

function reportAttributes(element: XmlElement, pointer: string, ctx: Context): void {
  for (const attribute of element.attributes) {
    if (!isMarkupAttribute(attribute.name)) {
      report(ctx, attribute, pointer, `@${attribute.name}`, `attribute ${attribute.name} is not in the schema`);
    }
  }
}

/**
 * Blank text between elements is layout. Any other text inside an object, a map or a list makes the element
 * something else than the schema's type (`<GetAccountListRequest>0.5</GetAccountListRequest>` is a number, not
 * an object), as a JSON body `0.5` would be: refused, not set aside like an unknown element.
 */
function refuseText(text: XmlText, pointer: string, ctx: Context, what: string): void {
  if (!isBlank(text.text)) {
    throw mismatch(ctx, text, pointer, `text where the schema expects ${what} (elements only)`);
  }
}

/** The text of a scalar element, exactly (whitespace is data); child elements are reported. */
function leafText(children: XmlNode[], pointer: string, ctx: Context): string {
  let text = '';
  for (const child of children) {
    if (child.kind === 'text') {
      text += child.text;
    } else {
      report(ctx, child, pointer, child.name, `element <${child.name}> inside a value the schema types as text`);
    }
  }
  return text;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

// A named closure would cost a defineProperty on every call under tsx (esbuild's keepNames): helpers here
// are module functions.
function notA(expected: string, text: string, node: Located, pointer: string, ctx: Context): XmlCodecError {
  return mismatch(ctx, node, pointer, `expected ${expected}, found "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
}

function coerce(plan: Plan, text: string, node: Located, pointer: string, ctx: Context): unknown {
  switch (plan.kind) {
    case 'string':
      return text;
    case 'number': {
      const trimmed = text.trim();
      if (NUMBER.test(trimmed)) {
        return Number(trimmed);
      }
      throw notA('a number', text, node, pointer, ctx);
    }
    case 'bigint': {
      const trimmed = text.trim();
      if (INTEGER.test(trimmed)) {
        return BigInt(trimmed);
      }
      throw notA('an integer', text, node, pointer, ctx);
    }
    case 'boolean': {
      const trimmed = text.trim();
      if (trimmed === 'true' || trimmed === 'false') {
        return trimmed === 'true';
      }
      throw notA('true or false', text, node, pointer, ctx);
    }
    case 'null':
      if (isBlank(text)) {
        return null;
      }
      throw notA('an empty element (null)', text, node, pointer, ctx);
    case 'enum':
    case 'literal':
      return coerceConstant(plan.values, text);
    case 'union':
      return decodeUnion(plan.members, (member, sub) => coerce(member.plan, text, node, pointer, sub), node, pointer, ctx);
    case 'nullable':
      return plan.emptyIsNull && isBlank(text) ? null : coerce(plan.inner, text, node, pointer, ctx);
    case 'lazy':
      return coerce(plan.resolve(), text, node, pointer, ctx);
    case 'unknown':
    case 'object':
    case 'record':
    case 'array':
      throw notA(`a ${plan.kind}`, text, node, pointer, ctx);
  }
  return assertNever(plan);
}

/**
 * Enum and literal text: the matching constant, typed as declared. Text matching none is returned typed like
 * the first constant when it reads as one (so zod reports "expected false, received true"), else as text.
 */
function coerceConstant(values: readonly Constant[], text: string): unknown {
  const trimmed = text.trim();
  for (const value of values) {
    if (typedLike(value, text, trimmed) === value) {
      return value;
    }
  }
  const [first] = values;
  return (first === undefined ? undefined : typedLike(first, text, trimmed)) ?? text;
}

type Constant = string | number | boolean | null;

/** `text` read as the type of `like`, or undefined where it cannot be. */
function typedLike(like: Constant, text: string, trimmed: string): unknown {
  if (typeof like === 'number') {
    return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
  }
  if (typeof like === 'boolean') {
    return trimmed === 'true' || trimmed === 'false' ? trimmed === 'true' : undefined;
  }
  return like === null ? (trimmed === '' ? null : undefined) : text;
}

/** `unknown`/`any`: text stays text; elements become an object by name, repeated names an array. */
function decodeAny(children: XmlNode[], pointer: string, ctx: Context): unknown {
  if (children.every((child) => child.kind === 'text')) {
    return leafText(children, pointer, ctx);
  }
  const value: Record<string, unknown> = {};
  for (const child of children) {
    if (child.kind === 'text') {
      if (!isBlank(child.text)) {
        report(ctx, child, pointer, '#text', 'text beside elements in a value of any type');
      }
      continue;
    }
    const item = decodeAny(child.children, childPointer(pointer, child.name), ctx);
    // Own keys only: an element named like an Object.prototype member (`toString`) is data too.
    const existing = Object.hasOwn(value, child.name) ? value[child.name] : undefined;
    if (existing === undefined) {
      defineOwn(value, child.name, item);
    } else if (Array.isArray(existing)) {
      existing.push(item);
    } else {
      defineOwn(value, child.name, [existing, item]);
    }
  }
  return value;
}
