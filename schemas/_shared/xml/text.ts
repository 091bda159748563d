import { XmlCodecError } from './errors.ts';

/** Characters XML 1.0 forbids anywhere in a document, even as character references. */
const FORBIDDEN_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters XML forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The document-level check: a decoded string never holds lone surrogates, so the cheaper class suffices. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters XML forbids.
export const FORBIDDEN_DOCUMENT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const XML_NAME = new RegExp(`^[${NAME_START.replace(':', '')}][${NAME_CHAR.replace(':', '')}]*$`);
/** Names fast-xml-parser refuses to create (prototype pollution guard); such elements cannot be read back. */
const UNREADABLE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `name` can be written as an element or attribute name that this codec reads back (no namespace prefix). */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name) && !UNREADABLE_NAMES.has(name);
}

/** Whether every character of `text` may appear in an XML 1.0 document. */
export function isXmlText(text: string): boolean {
  return !FORBIDDEN_CHAR.test(text);
}

export function assertWritable(text: string, pointer: string): void {
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlCodecError('XML_UNENCODABLE', `U+${code} cannot appear in an XML 1.0 document`, { pointer });
  }
}

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"'\r\n\t]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers normalise CR (and, in attributes, TAB and LF) away; references keep them.
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};
const escapeChar = (char: string): string => ESCAPES[char] ?? char;

export function escapeText(text: string, pointer: string): string {
  assertWritable(text, pointer);
  return text.replace(TEXT_SPECIAL, escapeChar);
}

export function escapeAttribute(text: string, pointer: string): string {
  assertWritable(text, pointer);
  return text.replace(ATTRIBUTE_SPECIAL, escapeChar);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([^\s&;<>"']+))?(;?)/g;

/**
 * Replaces the five predefined entities and numeric character references. Any other `&…` is refused: the
 * codec never reads a DTD, so no other entity can be defined.
 */
export function unescapeXml(text: string, pointer: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(REFERENCE, (match, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string) => {
    if (semi === ';' && name !== undefined) {
      const predefined = PREDEFINED[name];
      if (predefined !== undefined) {
        return predefined;
      }
      throw new XmlCodecError(
        'XML_MALFORMED',
        `undefined entity ${match}: only &amp; &lt; &gt; &quot; &apos; and character references are allowed`,
        { pointer },
      );
    }
    if (semi === ';' && (hex !== undefined || dec !== undefined)) {
      const codePoint = hex === undefined ? Number(dec) : Number.parseInt(hex, 16);
      const char = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
      if (char !== undefined && !FORBIDDEN_CHAR.test(char)) {
        return char;
      }
      throw new XmlCodecError('XML_MALFORMED', `character reference ${match} is not an XML character`, { pointer });
    }
    throw new XmlCodecError('XML_MALFORMED', `bare "&" in text: write it as &amp;`, { pointer });
  });
}

/** RFC 6901 pointer of `key` under `parent`. */
export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${typeof key === 'number' ? key : key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** 1-based line and column of a character index (computed only when an error is reported). */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}
