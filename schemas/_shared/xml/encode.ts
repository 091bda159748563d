import { z } from 'zod';
import { assertNever } from '../assert-never.ts';
import { childPointer } from '../json-pointer.ts';
import { XmlCodecError } from './errors.ts';
import type { Plan, UnionMember } from './plan.ts';
import { planOf, repeats } from './plan.ts';
import { escapeAttribute, escapeText, isXmlName } from './text.ts';

export interface EncodeOptions {
  /** Two-space indentation, one element per line (default false: one compact line). */
  pretty?: boolean;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default true). */
  declaration?: boolean;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NIL = ' xsi:nil="true"';

interface Writer {
  parts: string[];
  pretty: boolean;
  /** Set when an `xsi:nil` was written, so the root declares the namespace. */
  nil: boolean;
}

export function encodeXml(schema: z.core.$ZodType, value: unknown, rootName: string, options: EncodeOptions = {}): string {
  const plan = planOf(schema);
  if (!isXmlName(rootName)) {
    throw new XmlCodecError('XML_UNENCODABLE', `"${rootName}" is not an XML element name`);
  }
  const out: Writer = { parts: [], pretty: options.pretty === true, nil: false };
  if (value === undefined) {
    writeLeaf(out, rootName, '', '', 0);
  } else {
    writeElement(out, plan, value, rootName, '', 0);
  }
  if (out.nil) {
    out.parts[0] = `<${rootName} xmlns:xsi="${XSI}"${out.parts[0]?.slice(rootName.length + 1)}`;
  }
  const prolog = options.declaration === false ? '' : `<?xml version="1.0" encoding="UTF-8"?>${out.pretty ? '\n' : ''}`;
  return prolog + out.parts.join('');
}

/** Pretty output puts every element on its own line; the root's start tag is the first line. */
function indent(out: Writer, depth: number, closing = false): string {
  return out.pretty && (depth > 0 || closing) ? `\n${'  '.repeat(depth)}` : '';
}

function writeLeaf(out: Writer, name: string, attributes: string, text: string, depth: number): void {
  out.parts.push(
    text === '' ? `${indent(out, depth)}<${name}${attributes}/>` : `${indent(out, depth)}<${name}${attributes}>${text}</${name}>`,
  );
}

/** Writes `<name attributes>` + whatever `children` writes + `</name>`, or `<name attributes/>` when it writes nothing. */
function writeContainer(out: Writer, name: string, attributes: string, depth: number, children: () => void): void {
  const start = out.parts.length;
  out.parts.push(`${indent(out, depth)}<${name}${attributes}>`);
  children();
  if (out.parts.length === start + 1) {
    out.parts[start] = `${indent(out, depth)}<${name}${attributes}/>`;
  } else {
    out.parts.push(`${indent(out, depth, true)}</${name}>`);
  }
}

function writeNull(out: Writer, plan: Plan, name: string, depth: number): void {
  const empty = plan.kind === 'null' || ((plan.kind === 'nullable' || plan.kind === 'union') && plan.emptyIsNull);
  out.nil ||= !empty;
  writeLeaf(out, name, empty ? '' : NIL, '', depth);
}

function writeElement(out: Writer, plan: Plan, value: unknown, name: string, pointer: string, depth: number): void {
  if (value === null) {
    writeNull(out, plan, name, depth);
    return;
  }
  switch (plan.kind) {
    case 'object': {
      const object = asObject(value, pointer);
      let attributes = '';
      for (const field of plan.fields) {
        const fieldValue = object[field.key];
        if (field.attribute && fieldValue !== undefined && fieldValue !== null) {
          const fieldPointer = childPointer(pointer, field.key);
          attributes += ` ${field.name}="${escapeAttribute(textOf(field.plan, fieldValue, fieldPointer), fieldPointer)}"`;
        }
      }
      writeContainer(out, name, attributes, depth, () => {
        for (const field of plan.fields) {
          const fieldValue = object[field.key];
          if (!field.attribute && fieldValue !== undefined) {
            writeField(out, field.plan, field.repeats, fieldValue, field.name, childPointer(pointer, field.key), depth + 1);
          }
        }
      });
      return;
    }
    case 'record': {
      const object = asObject(value, pointer);
      writeContainer(out, name, '', depth, () => {
        for (const [key, entry] of Object.entries(object)) {
          const entryPointer = childPointer(pointer, key);
          if (!isXmlName(key)) {
            throw new XmlCodecError('XML_UNENCODABLE', `map key "${key}" is not an XML element name`, { pointer: entryPointer });
          }
          if (entry !== undefined) {
            writeField(out, plan.value, plan.valueRepeats, entry, key, entryPointer, depth + 1);
          }
        }
      });
      return;
    }
    case 'array': {
      const items = asArray(value, pointer);
      const itemName = plan.itemName ?? name;
      writeContainer(out, name, '', depth, () => {
        for (const [index, item] of items.entries()) {
          writeElement(out, plan.item, item, itemName, childPointer(pointer, index), depth + 1);
        }
      });
      return;
    }
    case 'union':
      writeElement(out, pick(plan.members, value).plan, value, name, pointer, depth);
      return;
    case 'nullable':
      writeElement(out, plan.inner, value, name, pointer, depth);
      return;
    case 'lazy':
      writeElement(out, plan.resolve(), value, name, pointer, depth);
      return;
    case 'unknown':
      writeAny(out, value, name, pointer, depth);
      return;
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'enum':
    case 'literal':
      writeLeaf(out, name, '', escapeText(textOf(plan, value, pointer), pointer), depth);
      return;
  }
  assertNever(plan);
}

/** A field, or a map entry, whose plan may repeat its element (unwrapped arrays). */
function writeField(out: Writer, plan: Plan, repeated: boolean, value: unknown, name: string, pointer: string, depth: number): void {
  if (!repeated) {
    writeElement(out, plan, value, name, pointer, depth);
    return;
  }
  switch (plan.kind) {
    case 'array':
      for (const [index, item] of asArray(value, pointer).entries()) {
        writeElement(out, plan.item, item, name, childPointer(pointer, index), depth);
      }
      return;
    case 'nullable':
      if (value === null) {
        // Always xsi:nil: an empty element would read back as a one-item array.
        out.nil = true;
        writeLeaf(out, name, NIL, '', depth);
      } else {
        writeField(out, plan.inner, true, value, name, pointer, depth);
      }
      return;
    case 'union': {
      const member = pick(plan.members, value).plan;
      writeField(out, member, repeats(member), value, name, pointer, depth);
      return;
    }
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
      writeElement(out, plan, value, name, pointer, depth);
      return;
  }
  assertNever(plan);
}

function writeAny(out: Writer, value: unknown, name: string, pointer: string, depth: number): void {
  if (value === null) {
    out.nil = true;
    writeLeaf(out, name, NIL, '', depth);
  } else if (Array.isArray(value)) {
    writeContainer(out, name, '', depth, () => {
      for (const [index, item] of value.entries()) {
        writeAny(out, item, name, childPointer(pointer, index), depth + 1);
      }
    });
  } else if (typeof value === 'object') {
    writeContainer(out, name, '', depth, () => {
      for (const [key, entry] of Object.entries(value)) {
        if (!isXmlName(key)) {
          throw new XmlCodecError('XML_UNENCODABLE', `key "${key}" is not an XML element name`, { pointer: childPointer(pointer, key) });
        }
        if (entry !== undefined) {
          writeAny(out, entry, key, childPointer(pointer, key), depth + 1);
        }
      }
    });
  } else {
    writeLeaf(out, name, '', escapeText(scalarText(value, pointer), pointer), depth);
  }
}

function textOf(plan: Plan, value: unknown, pointer: string): string {
  switch (plan.kind) {
    case 'union':
      return textOf(pick(plan.members, value).plan, value, pointer);
    case 'nullable':
      return textOf(plan.inner, value, pointer);
    case 'lazy':
      return textOf(plan.resolve(), value, pointer);
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
    case 'array':
      return scalarText(value, pointer);
  }
  return assertNever(plan);
}

function scalarText(value: unknown, pointer: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new XmlCodecError('XML_UNENCODABLE', `${value} has no XML form`, { pointer });
      }
      // String(-0) is "0"; "-0" reads back as -0.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      throw new XmlCodecError('XML_UNENCODABLE', `expected a scalar, got ${value === null ? 'null' : typeof value}`, { pointer });
  }
}

function asObject(value: unknown, pointer: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XmlCodecError('XML_UNENCODABLE', `expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}`, { pointer });
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown, pointer: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new XmlCodecError('XML_UNENCODABLE', `expected an array, got ${typeof value}`, { pointer });
  }
  return value;
}

/**
 * The member a value is written as: the first that validates it and (for objects) knows all its keys, so no
 * field is dropped; else the first that validates; else the first.
 */
function pick(members: readonly UnionMember[], value: unknown): UnionMember {
  let validating: UnionMember | undefined;
  for (const member of members) {
    if (z.safeParse(member.schema, value).success) {
      if (covers(member.plan, value)) {
        return member;
      }
      validating ??= member;
    }
  }
  const fallback = validating ?? members[0];
  if (!fallback) {
    throw new XmlCodecError('XML_UNSUPPORTED_SCHEMA', 'a union without members has no XML form');
  }
  return fallback;
}

function covers(plan: Plan, value: unknown): boolean {
  if (plan.kind !== 'object' || typeof value !== 'object' || value === null) {
    return true;
  }
  return Object.keys(value).every((key) => plan.fields.some((field) => field.key === key));
}
