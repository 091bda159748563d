import { ContractError } from '../errors.ts';

export type XmlErrorCode =
  /** Not well-formed XML, an undefined entity, a character XML forbids, or bytes that are not UTF-8. */
  | 'XML_MALFORMED'
  /** A `<!DOCTYPE>` or other markup declaration: refused before anything could be expanded or fetched. */
  | 'XML_DTD_FORBIDDEN'
  | 'XML_TOO_LARGE'
  | 'XML_TOO_DEEP'
  | 'XML_TOO_MANY_ELEMENTS'
  /** The document has no root element and the schema needs one. */
  | 'XML_ROOT_MISSING'
  /** The text or shape of an element cannot be read as the schema's type (e.g. "abc" for a number). */
  | 'XML_TYPE_MISMATCH'
  /** Encoding only: the value cannot be written as XML (a character XML 1.0 forbids, a key that is no element name). */
  | 'XML_UNENCODABLE'
  /** The schema uses a zod type that has no XML form (date, map, set, tuple…); raised when its plan is built. */
  | 'XML_UNSUPPORTED_SCHEMA';

export interface XmlErrorWhere {
  /** JSON pointer of the value the error is about, e.g. `/quotas/0/spaceTb`. */
  pointer?: string;
  line?: number;
  column?: number;
}

export class XmlCodecError extends ContractError<XmlErrorCode> {
  readonly pointer?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: XmlErrorCode, message: string, where: XmlErrorWhere = {}) {
    const at = [
      where.pointer === undefined ? undefined : `at ${where.pointer || '/'}`,
      where.line === undefined ? undefined : `line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`}`,
    ].filter((part) => part !== undefined);
    super(code, at.length > 0 ? `${message} (${at.join(', ')})` : message);
    if (where.pointer !== undefined) {
      this.pointer = where.pointer;
    }
    if (where.line !== undefined) {
      this.line = where.line;
    }
    if (where.column !== undefined) {
      this.column = where.column;
    }
  }
}
