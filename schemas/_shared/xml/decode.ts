import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { XmlCodecError, type XmlErrorWhere } from './errors.ts';
import type { FieldPlan, ObjectPlan, Plan, UnionMember } from './plan.ts';
import { planOf } from './plan.ts';
import { childPointer, FORBIDDEN_DOCUMENT_CHAR, lineColumn, unescapeXml } from './text.ts';

export interface XmlUnknownElement {
  /** JSON pointer of the parent value + `/` + the element name, e.g. `/quotas/0/extra`. */
  pointer: string;
  /** The element name; `@name` for an attribute, `#text` for text where the schema expects elements only. */
  element: string;
  message: string;
  line?: number;
  column?: number;
}

export interface DecodeResult {
  /** The value coerced by the schema, not yet validated: run `schema.safeParse(value)` on it. */
  value: unknown;
  /** The root element name the document carries (undefined for a document without one). */
  root: string | undefined;
  /** Elements, attributes and text the schema does not know. They are not put in `value`. */
  unknown: XmlUnknownElement[];
}

export interface XmlLimits {
  /** UTF-8 size of the document. */
  maxBytes: number;
  /** Element nesting, the root counting as 1. */
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_LIMITS: Readonly<XmlLimits> = { maxBytes: 1024 * 1024, maxDepth: 64, maxElements: 100_000 };

/** fast-xml-parser's preserveOrder output: `{ [tag]: children, ':@'?: attributes }`, `{ '#text': … }`, `{ '#cdata': [{ '#text': … }] }`. */
type XNode = Record<string, unknown>;
type Attributes = Record<string, string>;
const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';
// Typed `Symbol` (the wrapper type) by the library.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parsers = new Map<number, XMLParser>();

/**
 * fast-xml-parser only tokenizes: values stay raw text (the plan coerces them), entities stay unexpanded (the
 * codec decodes the five predefined ones itself), and `maxNestedTags` is a guard that stops a pathological
 * document before the tree is built; the exact depth check, with a position, is ours.
 */
function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: false,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      cdataPropName: CDATA,
      captureMetaData: true,
      maxNestedTags: maxDepth + 2,
      onDangerousProperty: (name) => name,
    });
    parsers.set(maxDepth, parser);
  }
  return parser;
}

interface Context {
  source: string;
  /** Characters dropped before the markup (BOM, leading whitespace); node indexes are relative to what follows. */
  offset: number;
  unknown: XmlUnknownElement[];
}

export function decodeXml(
  schema: z.core.$ZodType,
  input: string | Uint8Array,
  options: { limits?: Partial<XmlLimits> } = {},
): DecodeResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const plan = planOf(schema);
  const source = typeof input === 'string' ? checkedString(input, limits) : checkedBytes(input, limits);
  const offset = /^\uFEFF?\s*/.exec(source)?.[0].length ?? 0;
  const body = source.slice(offset);
  const ctx: Context = { source, offset, unknown: [] };

  const hasRoot = prescan(body, ctx);
  const forbidden = FORBIDDEN_DOCUMENT_CHAR.exec(body);
  if (forbidden) {
    const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlCodecError('XML_MALFORMED', `U+${code} is not allowed in an XML document (binary data?)`, at(ctx, forbidden.index));
  }
  if (!hasRoot) {
    if (plan.kind === 'object' && plan.allOptional) {
      return { value: {}, root: undefined, unknown: [] };
    }
    throw new XmlCodecError('XML_ROOT_MISSING', 'the document has no root element, and the schema requires content');
  }

  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    const index = indexOfLineColumn(body, line, col);
    throw new XmlCodecError('XML_MALFORMED', msg, at(ctx, index));
  }
  let nodes: XNode[];
  try {
    nodes = parserFor(limits.maxDepth).parse(body) as XNode[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('Maximum nested tags')) {
      throw new XmlCodecError('XML_TOO_DEEP', `elements are nested more than ${limits.maxDepth} deep`);
    }
    throw new XmlCodecError('XML_MALFORMED', message);
  }
  measure(nodes, 1, { elements: 0 }, limits, ctx);

  const [rootNode, root] = onlyRoot(nodes, ctx);
  if ((rootNode[root] as XNode[]).length === 0) {
    checkAfterEmptyRoot(body, rootNode, ctx);
  }
  return { value: decodeContent(plan, rootNode, root, '', ctx), root, unknown: ctx.unknown };
}

/**
 * The validator (and the parser) let text after a self-closed root (`<Root/>text`) through: find the end of
 * its start tag (a `>` outside quotes) and require only comments, processing instructions and whitespace after.
 */
function checkAfterEmptyRoot(body: string, rootNode: XNode, ctx: Context): void {
  let index = startOf(rootNode) ?? 0;
  for (let quote = ''; index < body.length; index++) {
    const char = body[index];
    if (quote) {
      quote = char === quote ? '' : quote;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      break;
    }
  }
  if (body[index - 1] !== '/') {
    return;
  }
  const rest = body.slice(index + 1).replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '');
  if (rest.trim() !== '') {
    throw new XmlCodecError('XML_MALFORMED', 'text after the root element', at(ctx, index + 1));
  }
}

/** The validator lets a second self-closed root through; the tree shows it. */
function onlyRoot(nodes: XNode[], ctx: Context): [XNode, string] {
  let found: [XNode, string] | undefined;
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === TEXT && isBlank(node[TEXT] as string)) {
      continue;
    }
    if (tag === undefined || tag === TEXT || tag === CDATA) {
      throw new XmlCodecError('XML_MALFORMED', 'text outside the root element');
    }
    if (found) {
      throw new XmlCodecError('XML_MALFORMED', `a second root element <${tag}>`, position(ctx, node));
    }
    found = [node, tag];
  }
  if (!found) {
    throw new XmlCodecError('XML_ROOT_MISSING', 'the document has no root element');
  }
  return found;
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

const DECLARATION = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

/**
 * Refuses markup declarations before any parser sees them (so no entity can be defined, expanded or fetched:
 * XXE and billion laughs stop here), and tells whether the document has an element at all. Every `<` outside
 * comments, CDATA and processing instructions starts a tag, since XML forbids a raw `<` in text and attributes.
 */
function prescan(body: string, ctx: Context): boolean {
  let hasElement = false;
  let outside = '';
  let last = 0;
  for (let index = body.indexOf('<'); index !== -1; index = body.indexOf('<', index + 1)) {
    const next = body.charCodeAt(index + 1);
    if (next === 0x21 /* ! */) {
      const [close, length] = body.startsWith('<!--', index)
        ? ['-->', 4]
        : body.startsWith('<![CDATA[', index)
          ? [']]>', 9]
          : [undefined, 0];
      if (close === undefined) {
        const declaration = DECLARATION.exec(body.slice(index, index + 12));
        throw declaration
          ? new XmlCodecError(
              'XML_DTD_FORBIDDEN',
              `<!${declaration[1]}> is refused: DTDs and entity declarations are not read`,
              at(ctx, index),
            )
          : new XmlCodecError('XML_MALFORMED', 'unexpected "<!"', at(ctx, index));
      }
      const end = body.indexOf(close, index + length);
      if (end === -1) {
        throw new XmlCodecError('XML_MALFORMED', `unclosed ${close === '-->' ? 'comment' : 'CDATA section'}`, at(ctx, index));
      }
      if (!hasElement) {
        outside += body.slice(last, index);
        last = end + close.length;
      }
      index = end + close.length - 1;
    } else if (next === 0x3f /* ? */) {
      const end = body.indexOf('?>', index + 2);
      if (end === -1) {
        throw new XmlCodecError('XML_MALFORMED', 'unclosed processing instruction', at(ctx, index));
      }
      if (!hasElement) {
        outside += body.slice(last, index);
        last = end + 2;
      }
      index = end + 1;
    } else {
      hasElement = true;
    }
  }
  if (!hasElement && (outside + body.slice(last)).trim() !== '') {
    throw new XmlCodecError('XML_MALFORMED', 'text outside any element: this is not an XML document', at(ctx, 0));
  }
  return hasElement;
}

function measure(nodes: XNode[], depth: number, count: { elements: number }, limits: XmlLimits, ctx: Context): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === TEXT || tag === CDATA || tag === undefined) {
      continue;
    }
    if (depth > limits.maxDepth) {
      throw new XmlCodecError('XML_TOO_DEEP', `elements are nested more than ${limits.maxDepth} deep`, position(ctx, node));
    }
    if (++count.elements > limits.maxElements) {
      throw new XmlCodecError('XML_TOO_MANY_ELEMENTS', `the document has more than ${limits.maxElements} elements`, position(ctx, node));
    }
    measure(node[tag] as XNode[], depth + 1, count, limits, ctx);
  }
}

function tagOf(node: XNode): string | undefined {
  for (const key in node) {
    if (key !== ATTRIBUTES) {
      return key;
    }
  }
  return undefined;
}

function at(ctx: Context, index: number): XmlErrorWhere {
  return lineColumn(ctx.source, ctx.offset + index);
}

/** Where the parser saw an element start (text nodes carry no position). */
function startOf(node: XNode): number | undefined {
  return (node as { [META]?: { startIndex?: number } })[META]?.startIndex;
}

function position(ctx: Context, node: XNode): XmlErrorWhere {
  const start = startOf(node);
  return start === undefined ? {} : at(ctx, start);
}

function indexOfLineColumn(text: string, line: number, column: number): number {
  let index = 0;
  for (let current = 1; current < line; current++) {
    index = text.indexOf('\n', index) + 1;
  }
  return index + Math.max(column - 1, 0);
}

function mismatch(ctx: Context, node: XNode | undefined, pointer: string, message: string): XmlCodecError {
  return new XmlCodecError('XML_TYPE_MISMATCH', message, { pointer, ...(node ? position(ctx, node) : {}) });
}

function report(ctx: Context, node: XNode | undefined, parent: string, element: string, message: string): void {
  ctx.unknown.push({ pointer: childPointer(parent, element), element, message, ...(node ? position(ctx, node) : {}) });
}

function isNil(attributes: Attributes | undefined): boolean {
  const nil = attributes?.['xsi:nil'];
  return nil === 'true' || nil === '1';
}

/** Namespace declarations and XML Schema instance attributes are markup about the document, not data. */
function isMarkupAttribute(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:');
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Decodes what one element holds: `node` is the element, `tag` its name. */
function decodeContent(plan: Plan, node: XNode, tag: string, pointer: string, ctx: Context): unknown {
  const children = node[tag] as XNode[];
  const attributes = node[ATTRIBUTES] as Attributes | undefined;
  if (isNil(attributes)) {
    return null;
  }
  switch (plan.kind) {
    case 'object':
      return decodeObject(plan, children, attributes, pointer, ctx);
    case 'record':
      reportAttributes(attributes, node, pointer, ctx);
      return decodeRecord(plan.value, plan.valueRepeats, children, pointer, ctx);
    case 'array':
      reportAttributes(attributes, node, pointer, ctx);
      return decodeItems(plan.item, plan.itemName ?? tag, children, pointer, ctx);
    case 'union':
      return decodeUnion(plan.members, (member, sub) => decodeContent(member.plan, node, tag, pointer, sub), node, pointer, ctx);
    case 'nullable':
      if (plan.emptyIsNull && children.every((child) => typeof child[TEXT] === 'string' && isBlank(child[TEXT]))) {
        reportAttributes(attributes, node, pointer, ctx);
        return null;
      }
      return decodeContent(plan.inner, node, tag, pointer, ctx);
    case 'lazy':
      return decodeContent(plan.resolve(), node, tag, pointer, ctx);
    case 'unknown':
      return decodeAny(children, pointer, ctx);
    default:
      reportAttributes(attributes, node, pointer, ctx);
      return coerce(plan, leafText(children, pointer, ctx), node, pointer, ctx);
  }
}

/** Decodes a field that may span several sibling elements (`nodes`, all named `tag`). */
function decodeSlot(plan: Plan, nodes: XNode[], tag: string, pointer: string, ctx: Context): unknown {
  switch (plan.kind) {
    case 'array':
      return nodes.map((node, index) => decodeContent(plan.item, node, tag, childPointer(pointer, index), ctx));
    case 'nullable': {
      const [only] = nodes;
      if (nodes.length === 1 && only && isNil(only[ATTRIBUTES] as Attributes | undefined)) {
        return null;
      }
      return decodeSlot(plan.inner, nodes, tag, pointer, ctx);
    }
    case 'union':
      return decodeUnion(plan.members, (member, sub) => decodeSlot(member.plan, nodes, tag, pointer, sub), nodes[0], pointer, ctx);
    case 'lazy':
      return decodeSlot(plan.resolve(), nodes, tag, pointer, ctx);
    default:
      return decodeSingle(plan, nodes, tag, pointer, ctx);
  }
}

function decodeSingle(plan: Plan, nodes: XNode[], tag: string, pointer: string, ctx: Context): unknown {
  const [first, second] = nodes;
  if (!first || second) {
    throw mismatch(ctx, second, pointer, `<${tag}> appears ${nodes.length} times; the schema expects one element`);
  }
  return decodeContent(plan, first, tag, pointer, ctx);
}

function decodeObject(plan: ObjectPlan, children: XNode[], attributes: Attributes | undefined, pointer: string, ctx: Context): unknown {
  const value: Record<string, unknown> = {};
  let gathered: Map<FieldPlan, XNode[]> | undefined;
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === undefined || tag === TEXT || tag === CDATA) {
      reportText(child, pointer, ctx);
      continue;
    }
    const field = plan.byElement.get(tag);
    if (!field) {
      report(ctx, child, pointer, tag, `element <${tag}> is not in the schema`);
      continue;
    }
    if (field.repeats) {
      gathered ??= new Map();
      const nodes = gathered.get(field);
      if (nodes) {
        nodes.push(child);
      } else {
        gathered.set(field, [child]);
      }
      continue;
    }
    const fieldPointer = childPointer(pointer, field.key);
    if (value[field.key] !== undefined) {
      throw mismatch(ctx, child, fieldPointer, `<${tag}> appears more than once; the schema expects one element`);
    }
    value[field.key] = decodeContent(field.plan, child, tag, fieldPointer, ctx);
  }
  for (const field of plan.repeating) {
    const nodes = gathered?.get(field);
    if (nodes) {
      value[field.key] = decodeSlot(field.plan, nodes, field.name, childPointer(pointer, field.key), ctx);
    } else if (!field.optional) {
      // An empty array is written as no element at all, so absence means [] where the field is required.
      value[field.key] = [];
    }
  }
  if (attributes) {
    for (const name in attributes) {
      const field = plan.byAttribute.get(name);
      const fieldPointer = childPointer(pointer, field?.key ?? `@${name}`);
      if (field) {
        value[field.key] = coerce(field.plan, unescapeXml(attributes[name] ?? '', fieldPointer), undefined, fieldPointer, ctx);
      } else if (!isMarkupAttribute(name)) {
        report(ctx, undefined, pointer, `@${name}`, `attribute ${name} is not in the schema`);
      }
    }
  }
  return value;
}

function decodeRecord(plan: Plan, valueRepeats: boolean, children: XNode[], pointer: string, ctx: Context): unknown {
  const value: Record<string, unknown> = {};
  const gathered = new Map<string, XNode[]>();
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === undefined || tag === TEXT || tag === CDATA) {
      reportText(child, pointer, ctx);
    } else if (valueRepeats) {
      const nodes = gathered.get(tag);
      if (nodes) {
        nodes.push(child);
      } else {
        gathered.set(tag, [child]);
      }
    } else if (Object.hasOwn(value, tag)) {
      throw mismatch(ctx, child, childPointer(pointer, tag), `<${tag}> appears more than once in a map`);
    } else {
      value[tag] = decodeContent(plan, child, tag, childPointer(pointer, tag), ctx);
    }
  }
  for (const [tag, nodes] of gathered) {
    value[tag] = decodeSlot(plan, nodes, tag, childPointer(pointer, tag), ctx);
  }
  return value;
}

function decodeItems(item: Plan, itemName: string, children: XNode[], pointer: string, ctx: Context): unknown[] {
  const items: unknown[] = [];
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === undefined || tag === TEXT || tag === CDATA) {
      reportText(child, pointer, ctx);
    } else if (tag !== itemName) {
      report(ctx, child, pointer, tag, `element <${tag}> is not an item of this list (items are <${itemName}>)`);
    } else {
      items.push(decodeContent(item, child, tag, childPointer(pointer, items.length), ctx));
    }
  }
  return items;
}

/**
 * XML does not say which member of a union a value belongs to, so members are tried in order: the first whose
 * value validates without unknown elements wins, else the first that validates, else the first that decodes
 * (its validation errors then come from zod, where the caller parses).
 */
function decodeUnion(
  members: readonly UnionMember[],
  attempt: (member: UnionMember, ctx: Context) => unknown,
  node: XNode | undefined,
  pointer: string,
  ctx: Context,
): unknown {
  let valid: { value: unknown; unknown: XmlUnknownElement[] } | undefined;
  let decoded: typeof valid;
  const failures: string[] = [];
  for (const member of members) {
    const sub: Context = { ...ctx, unknown: [] };
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
      if (sub.unknown.length === 0) {
        return value;
      }
      valid ??= { value, unknown: sub.unknown };
    } else {
      decoded ??= { value, unknown: sub.unknown };
    }
  }
  const chosen = valid ?? decoded;
  if (!chosen) {
    throw mismatch(ctx, node, pointer, `matches no member of the union: ${failures.join('; ')}`);
  }
  ctx.unknown.push(...chosen.unknown);
  return chosen.value;
}

function reportAttributes(attributes: Attributes | undefined, node: XNode, pointer: string, ctx: Context): void {
  for (const name in attributes) {
    if (!isMarkupAttribute(name)) {
      report(ctx, node, pointer, `@${name}`, `attribute ${name} is not in the schema`);
    }
  }
}

function reportText(child: XNode, pointer: string, ctx: Context): void {
  const text = child[TEXT];
  if (typeof text !== 'string' || !isBlank(text)) {
    report(ctx, child, pointer, TEXT, 'text where the schema expects only elements');
  }
}

function cdataText(node: XNode): string {
  return (node[CDATA] as XNode[]).map((part) => part[TEXT] as string).join('');
}

/** The text of a scalar element: text and CDATA concatenated exactly (whitespace is data), child elements reported. */
function leafText(children: XNode[], pointer: string, ctx: Context): string {
  let text = '';
  for (const child of children) {
    const raw = child[TEXT];
    if (typeof raw === 'string') {
      text += unescapeXml(raw, pointer);
      continue;
    }
    const tag = tagOf(child);
    if (tag === CDATA) {
      text += cdataText(child);
    } else if (tag !== undefined) {
      report(ctx, child, pointer, tag, `element <${tag}> inside a value the schema types as text`);
    }
  }
  return text;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function coerce(plan: Plan, text: string, node: XNode | undefined, pointer: string, ctx: Context): unknown {
  const fail = (expected: string) =>
    mismatch(ctx, node, pointer, `expected ${expected}, found "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
  switch (plan.kind) {
    case 'string':
      return text;
    case 'number': {
      const trimmed = text.trim();
      if (NUMBER.test(trimmed)) {
        return Number(trimmed);
      }
      throw fail('a number');
    }
    case 'bigint': {
      const trimmed = text.trim();
      if (INTEGER.test(trimmed)) {
        return BigInt(trimmed);
      }
      throw fail('an integer');
    }
    case 'boolean': {
      const trimmed = text.trim();
      if (trimmed === 'true' || trimmed === 'false') {
        return trimmed === 'true';
      }
      throw fail('true or false');
    }
    case 'null':
      if (isBlank(text)) {
        return null;
      }
      throw fail('an empty element (null)');
    case 'enum':
    case 'literal':
      return coerceConstant(plan.values, text);
    case 'union':
      return decodeUnion(plan.members, (member, sub) => coerce(member.plan, text, node, pointer, sub), node, pointer, ctx);
    case 'nullable':
      return plan.emptyIsNull && isBlank(text) ? null : coerce(plan.inner, text, node, pointer, ctx);
    case 'lazy':
      return coerce(plan.resolve(), text, node, pointer, ctx);
    default:
      throw fail(`a ${plan.kind}`);
  }
}

/**
 * Enum and literal text: the matching constant, typed as declared. Text matching none is returned typed like
 * the first constant when it reads as one (so zod reports "expected false, received true"), else as text.
 */
function coerceConstant(values: readonly (string | number | boolean | null)[], text: string): unknown {
  const trimmed = text.trim();
  const typed = (like: string | number | boolean | null): unknown => {
    if (typeof like === 'number') {
      return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
    }
    if (typeof like === 'boolean') {
      return trimmed === 'true' || trimmed === 'false' ? trimmed === 'true' : undefined;
    }
    return like === null ? (trimmed === '' ? null : undefined) : text;
  };
  for (const value of values) {
    if (typed(value) === value) {
      return value;
    }
  }
  const [first] = values;
  return (first === undefined ? undefined : typed(first)) ?? text;
}

/** `unknown`/`any`: text stays text; elements become an object by name, repeated names an array. */
function decodeAny(children: XNode[], pointer: string, ctx: Context): unknown {
  if (!children.some((child) => tagOf(child) !== TEXT && tagOf(child) !== CDATA)) {
    return leafText(children, pointer, ctx);
  }
  const value: Record<string, unknown> = {};
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === undefined || tag === TEXT || tag === CDATA) {
      reportText(child, pointer, ctx);
      continue;
    }
    const item = decodeAny(child[tag] as XNode[], childPointer(pointer, tag), ctx);
    const existing = value[tag];
    if (existing === undefined) {
      value[tag] = item;
    } else if (Array.isArray(existing)) {
      existing.push(item);
    } else {
      value[tag] = [existing, item];
    }
  }
  return value;
}
