import type { XmlLimits } from './decode.ts';
import { XmlCodecError } from './errors.ts';
import { isXmlText, LineIndex, NAME_AT } from './text.ts';

/**
 * The strict XML reader the codec decodes from: one pass over the text that checks well-formedness, applies
 * the limits and builds the element tree, every error with its line and column.
 *
 * It reads the XML the codec accepts and nothing more: no DTD (a markup declaration is refused where it
 * stands, so no entity can be defined, expanded or fetched), only the five predefined entities and
 * character references, elements, attributes, text, CDATA, comments and processing instructions.
 * Namespace prefixes are kept as part of the name (`xsi:nil`).
 *
 * Why not fast-xml-parser: its parser accepts what is not XML (`<a></b>`, `<a>x` losing the text, `<a/ >` as
 * an element named `a/`), so it needed its validator as a second pass, and even that lets through text or a
 * second root after a self-closed root, `<` in attribute values and `]]>` in text; on the codec's request
 * bodies the two passes cost about ten times this reader (bench/xml.ts).
 */

export interface XmlAttribute {
  name: string;
  /** Normalised as XML requires (literal TAB, LF and CR become spaces) and unescaped. */
  value: string;
  /** Character index of the name in the document. */
  start: number;
}

export interface XmlElement {
  kind: 'element';
  name: string;
  attributes: readonly XmlAttribute[];
  children: XmlNode[];
  /** Character index of the `<` in the document. */
  start: number;
}

/** The character data between two child elements: text and CDATA joined, unescaped, comments left out. */
export interface XmlText {
  kind: 'text';
  text: string;
  /** Character index where the data begins in the document. */
  start: number;
}

export type XmlNode = XmlElement | XmlText;

/**
 * The root element of `source`, or undefined when the document holds only a prolog, comments and whitespace.
 * `source` has been checked for characters XML forbids (`decodeXml` does, in one regex pass).
 */
export function readXml(source: string, limits: Pick<XmlLimits, 'maxDepth' | 'maxElements'>): XmlElement | undefined {
  return new Reader(source, limits).document();
}

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const DECLARATION = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/iy;
const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
/** A reference (groups: hex, decimal, entity name, `;` if any), or the literal whitespace XML normalises. */
const REFERENCE = `&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([^\\s&;<>"']+))?(;?)`;
const TEXT_SPECIAL = new RegExp(`${REFERENCE}|\\r\\n?`, 'g');
const ATTRIBUTE_SPECIAL = new RegExp(`${REFERENCE}|\\r\\n?|[\\t\\n]`, 'g');
const ATTRIBUTE_TO_REWRITE = /[&\t\n\r]/;

/** Name characters by ASCII code: names are checked by this table, and by the full production past ASCII. */
const NAME_START = 1;
const NAME_PART = 2;
const isWholeName = (text: string): boolean => {
  NAME_AT.lastIndex = 0;
  return NAME_AT.exec(text)?.[0] === text;
};
const ASCII_NAME = Uint8Array.from({ length: 0x80 }, (_, code) => {
  const char = String.fromCharCode(code);
  return (isWholeName(char) ? NAME_START : 0) | (isWholeName(`a${char}`) ? NAME_PART : 0);
});

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

class Reader {
  private pos: number;
  /** Where the first markup may stand: after a byte-order mark and whitespace, the only place for `<?xml …?>`. */
  private readonly prologStart: number;
  private elements = 0;
  /** Set by `startTag`: the tag just read was `<name/>`. */
  private selfClosed = false;
  /** Character data of the innermost open element since its last child element, and where it began. */
  private text = '';
  private textStart = -1;

  constructor(
    private readonly source: string,
    private readonly limits: Pick<XmlLimits, 'maxDepth' | 'maxElements'>,
  ) {
    this.pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    let start = this.pos;
    while (isSpace(source.charCodeAt(start))) {
      start++;
    }
    this.prologStart = start;
  }

  document(): XmlElement | undefined {
    const { source } = this;
    let root: XmlElement | undefined;
    const open: XmlElement[] = [];

    while (this.pos < source.length) {
      const from = this.pos;
      const lt = source.indexOf('<', from);
      const end = lt === -1 ? source.length : lt;
      if (end > from) {
        if (open.length === 0) {
          this.expectBlank(from, end);
        } else {
          this.addText(this.characterData(from, end), from);
        }
      }
      if (lt === -1) {
        break;
      }
      const parent = open[open.length - 1];
      const next = source.charCodeAt(lt + 1);
      if (next === SLASH) {
        if (!parent) {
          throw this.malformed('a closing tag without a matching start tag', lt);
        }
        this.endTag(lt, parent);
        this.flushText(parent);
        open.pop();
      } else if (next === BANG) {
        const cdata = this.markup(lt, parent !== undefined);
        if (cdata !== undefined) {
          this.addText(cdata, lt);
        }
      } else if (next === QUESTION) {
        this.processingInstruction(lt);
      } else {
        const element = this.startTag(lt, open.length + 1);
        if (!parent && root) {
          throw this.malformed(`a second root element <${element.name}>`, lt);
        }
        if (parent) {
          this.flushText(parent);
          parent.children.push(element);
        } else {
          root = element;
        }
        if (!this.selfClosed) {
          open.push(element);
        }
      }
    }
    const unclosed = open[open.length - 1];
    if (unclosed) {
      throw this.malformed(`<${unclosed.name}> is not closed`, unclosed.start);
    }
    return root;
  }

  private addText(text: string, start: number): void {
    this.text += text;
    this.textStart = this.textStart === -1 ? start : this.textStart;
  }

  /** Ends the pending character data as a child of `parent`. */
  private flushText(parent: XmlElement): void {
    if (this.text !== '') {
      parent.children.push({ kind: 'text', text: this.text, start: this.textStart });
    }
    this.text = '';
    this.textStart = -1;
  }

  private startTag(lt: number, depth: number): XmlElement {
    const { source, limits } = this;
    if (depth > limits.maxDepth) {
      throw new XmlCodecError('XML_TOO_DEEP', `elements are nested more than ${limits.maxDepth} deep`, this.where(lt));
    }
    if (++this.elements > limits.maxElements) {
      throw new XmlCodecError('XML_TOO_MANY_ELEMENTS', `the document has more than ${limits.maxElements} elements`, this.where(lt));
    }
    this.pos = lt + 1;
    const name = this.name('an element name after "<"');
    let attributes: XmlAttribute[] | undefined;
    for (;;) {
      const spaced = this.skipSpace();
      const code = source.charCodeAt(this.pos);
      if (code === GT || (code === SLASH && source.charCodeAt(this.pos + 1) === GT)) {
        this.selfClosed = code === SLASH;
        this.pos += code === SLASH ? 2 : 1;
        if (attributes && attributes.length > 1) {
          this.expectUnique(attributes);
        }
        return { kind: 'element', name, attributes: attributes ?? NO_ATTRIBUTES, children: [], start: lt };
      }
      if (this.pos >= source.length) {
        throw this.malformed(`the start tag <${name}> is not closed`, lt);
      }
      if (!spaced) {
        throw this.malformed(`expected whitespace, ">" or "/>" in the start tag <${name}>`, this.pos);
      }
      attributes ??= [];
      attributes.push(this.attribute());
    }
  }

  /** By set, not pair by pair: an element may carry tens of thousands of attributes. */
  private expectUnique(attributes: readonly XmlAttribute[]): void {
    const names = new Set<string>();
    for (const attribute of attributes) {
      if (names.has(attribute.name)) {
        throw this.malformed(`attribute ${attribute.name} is repeated`, attribute.start);
      }
      names.add(attribute.name);
    }
  }

  private attribute(): XmlAttribute {
    const { source } = this;
    const start = this.pos;
    const name = this.name('an attribute name');
    this.skipSpace();
    if (source.charCodeAt(this.pos) !== EQUALS) {
      throw this.malformed(`attribute ${name} has no value`, start);
    }
    this.pos++;
    this.skipSpace();
    const quote = source.charCodeAt(this.pos);
    if (quote !== QUOTE && quote !== APOSTROPHE) {
      throw this.malformed(`the value of attribute ${name} is not quoted`, this.pos);
    }
    const valueStart = this.pos + 1;
    const valueEnd = source.indexOf(quote === QUOTE ? '"' : "'", valueStart);
    if (valueEnd === -1) {
      throw this.malformed(`the value of attribute ${name} is not closed`, this.pos);
    }
    const raw = source.slice(valueStart, valueEnd);
    const lt = raw.indexOf('<');
    if (lt !== -1) {
      throw this.malformed('"<" in an attribute value: write it as &lt;', valueStart + lt);
    }
    this.pos = valueEnd + 1;
    const value = ATTRIBUTE_TO_REWRITE.test(raw) ? this.unescape(raw, valueStart, ATTRIBUTE_SPECIAL, ' ') : raw;
    return { name, value, start };
  }

  private endTag(lt: number, element: XmlElement): void {
    const { source } = this;
    const nameStart = lt + 2;
    if (source.startsWith(element.name, nameStart)) {
      this.pos = nameStart + element.name.length;
      this.skipSpace();
      if (source.charCodeAt(this.pos) === GT) {
        this.pos++;
        return;
      }
    }
    this.pos = nameStart;
    const found = this.name('an element name after "</"');
    if (found === element.name) {
      throw this.malformed(`expected ">" to end the closing tag </${found}>`, this.pos);
    }
    const opened = this.where(element.start);
    throw this.malformed(`</${found}> does not close <${element.name}>, opened at line ${opened.line}, column ${opened.column}`, lt);
  }

  /**
   * `<!…`: a comment (skipped), a CDATA section (its text, returned; only inside an element) or a markup
   * declaration, which is refused right here: nothing of a DTD is ever read.
   */
  private markup(lt: number, inElement: boolean): string | undefined {
    const { source } = this;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end === -1) {
        throw this.malformed('unclosed comment', lt);
      }
      const dashes = source.indexOf('--', lt + 4);
      if (dashes < end) {
        throw this.malformed('"--" inside a comment', dashes);
      }
      this.pos = end + 3;
      return undefined;
    }
    if (source.startsWith('<![CDATA[', lt)) {
      if (!inElement) {
        throw this.malformed('a CDATA section outside the root element', lt);
      }
      const end = source.indexOf(']]>', lt + 9);
      if (end === -1) {
        throw this.malformed('unclosed CDATA section', lt);
      }
      this.pos = end + 3;
      const data = source.slice(lt + 9, end);
      return data.includes('\r') ? data.replace(/\r\n?/g, '\n') : data;
    }
    DECLARATION.lastIndex = lt;
    const declaration = DECLARATION.exec(source);
    if (declaration) {
      throw new XmlCodecError(
        'XML_DTD_FORBIDDEN',
        `<!${declaration[1]}> is refused: DTDs and entity declarations are not read`,
        this.where(lt),
      );
    }
    throw this.malformed('unexpected "<!"', lt);
  }

  /** `<?target …?>`, skipped; `<?xml …?>`, the declaration, only as the very first markup. */
  private processingInstruction(lt: number): void {
    const { source } = this;
    this.pos = lt + 2;
    const target = this.name('a processing instruction target after "<?"');
    if (target.length === 3 && target.toLowerCase() === 'xml' && lt !== this.prologStart) {
      throw this.malformed('the XML declaration <?xml …?> must come first in the document', lt);
    }
    const end = source.indexOf('?>', this.pos);
    if (end === -1) {
      throw this.malformed('unclosed processing instruction', lt);
    }
    if (end !== this.pos && !isSpace(source.charCodeAt(this.pos))) {
      throw this.malformed(`expected whitespace or "?>" after <?${target}`, this.pos);
    }
    this.pos = end + 2;
  }

  /** Text between markup, inside an element: unescaped, line ends normalised. */
  private characterData(start: number, end: number): string {
    const raw = this.source.slice(start, end);
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd !== -1) {
      throw this.malformed('"]]>" in text: write it as ]]&gt;', start + cdataEnd);
    }
    return raw.includes('&') || raw.includes('\r') ? this.unescape(raw, start, TEXT_SPECIAL, '\n') : raw;
  }

  /**
   * Replaces references and normalises literal line ends (and, in attribute values, TAB and LF) to
   * `whitespace`, in one pass so that `&#xD;` or `&#x9;` keeps its character. `start` places `raw` in the
   * document, for errors.
   */
  private unescape(raw: string, start: number, special: RegExp, whitespace: string): string {
    return raw.replace(
      special,
      (
        match: string,
        hex: string | undefined,
        dec: string | undefined,
        name: string | undefined,
        semi: string | undefined,
        offset: number,
      ) => {
        if (semi === undefined) {
          return whitespace;
        }
        if (semi === ';' && name !== undefined) {
          const predefined = PREDEFINED.get(name);
          if (predefined !== undefined) {
            return predefined;
          }
          throw this.malformed(
            `undefined entity ${match}: only &amp; &lt; &gt; &quot; &apos; and character references are allowed`,
            start + offset,
          );
        }
        if (semi === ';' && (hex !== undefined || dec !== undefined)) {
          const codePoint = hex === undefined ? Number(dec) : Number.parseInt(hex, 16);
          const char = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
          if (char !== undefined && isXmlText(char)) {
            return char;
          }
          throw this.malformed(`character reference ${match} is not an XML character`, start + offset);
        }
        if (semi === '' && match !== '&') {
          throw this.malformed(`${match} lacks its ";"`, start + offset);
        }
        throw this.malformed('bare "&": write it as &amp;', start + offset);
      },
    );
  }

  /** Reads the name at the current position; `expected` says what was expected there, for the error. */
  private name(expected: string): string {
    const { source } = this;
    const start = this.pos;
    let end = start;
    let code = source.charCodeAt(end);
    if (code < 0x80 && (ASCII_NAME[code] ?? 0) & NAME_START) {
      do {
        code = source.charCodeAt(++end);
      } while (code < 0x80 && (ASCII_NAME[code] ?? 0) & NAME_PART);
    }
    // Past the end of the text `code` is NaN, which is not >= 0x80: the name ends there.
    if (end === start || code >= 0x80) {
      NAME_AT.lastIndex = start;
      end = start + (NAME_AT.exec(source)?.[0].length ?? 0);
    }
    if (end === start) {
      throw this.malformed(`expected ${expected}`, start);
    }
    const name = source.slice(start, end);
    this.pos = end;
    return name;
  }

  /** Whether any whitespace was skipped. */
  private skipSpace(): boolean {
    const start = this.pos;
    while (isSpace(this.source.charCodeAt(this.pos))) {
      this.pos++;
    }
    return this.pos !== start;
  }

  /** Outside the root element only whitespace may stand between markup. */
  private expectBlank(start: number, end: number): void {
    for (let at = start; at < end; at++) {
      if (!isSpace(this.source.charCodeAt(at))) {
        const text = this.source.slice(at, Math.min(end, at + 20));
        throw this.malformed(`text outside the root element: "${text}${end > at + 20 ? '…' : ''}"`, at);
      }
    }
  }

  private where(index: number): { line: number; column: number } {
    return new LineIndex(this.source).at(index);
  }

  private malformed(message: string, index: number): XmlCodecError {
    return new XmlCodecError('XML_MALFORMED', message, this.where(index));
  }
}
