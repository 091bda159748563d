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
/** An XML name, namespace prefix included, at `lastIndex` (sticky): what the reader accepts. */
export const NAME_AT = new RegExp(`[${NAME_START}\\u{10000}-\\u{EFFFF}][${NAME_CHAR}\\u{10000}-\\u{EFFFF}]*`, 'uy');
/** Names the encoder refuses to write (they name JavaScript object prototypes): the decoder reads them only as own keys or unknown elements. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `name` can be written as an element or attribute name that this codec reads back (no namespace prefix). */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name) && !RESERVED_NAMES.has(name);
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

/**
 * 1-based line and column of character indexes in one text. Line starts are found once, on first use, so
 * placing every one of many nodes (unknown elements in a large document) stays linear.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(index: number): { line: number; column: number } {
    this.starts ??= lineStarts(this.text);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= index) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low + 1, column: index - (this.starts[low] ?? 0) + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    starts.push(at + 1);
  }
  return starts;
}
