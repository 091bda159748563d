import { DEFAULT_LIMITS, decodeXml, XmlCodecError, type XmlUnknownElement } from '../../schemas/_shared/xml/index.ts';
import { MEDIA_TYPE } from '../format.ts';
import type { CompiledOperation } from './compile.ts';
import { MockRequestError } from './errors.ts';
import { bodyKind } from './negotiate.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedBody {
  value: unknown;
  format: 'json' | 'xml';
  /** XML elements the schema does not declare, which decoding skipped (the mock ignores them, the proxy reports them). */
  unknown?: XmlUnknownElement[];
}

/**
 * Step 3: the body as a value, by Content-Type: JSON, or XML through the codec (which refuses DTDs, entity
 * expansion, excessive depth and size). An operation without a body ignores whatever was sent.
 */
export function decodeBody(
  op: CompiledOperation,
  contentType: string | undefined,
  bytes: Buffer,
  bodyLimit: number,
): DecodedBody | undefined {
  const body = op.body;
  if (body === undefined) {
    return undefined;
  }
  if (bytes.length === 0) {
    // No body to decode: a schema that allows none gets its empty form, any other reports it missing by name.
    return { value: body.empty?.value, format: 'json' };
  }
  if (contentType === undefined) {
    throw new MockRequestError('MOCK_CONTENT_TYPE', `Content-Type is missing; send ${op.service.accepts}`);
  }
  const kind = bodyKind(contentType);
  if ('unsupported' in kind || !op.service.formats.includes(kind.format)) {
    const sent = 'unsupported' in kind ? kind.unsupported : MEDIA_TYPE[kind.format];
    throw new MockRequestError('MOCK_CONTENT_TYPE', `Content-Type ${sent} is not supported; send ${op.service.accepts}`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new MockRequestError('MOCK_BODY_ENCODING', 'request body is not valid UTF-8');
  }
  return kind.format === 'json' ? { value: parseJson(text), format: 'json' } : parseXml(op, text, bodyLimit);
}

/** JSON gets the XML codec's nesting limit: no documented body comes near it. */
export const MAX_JSON_DEPTH = DEFAULT_LIMITS.maxDepth;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The offset of the first `{` or `[` nested deeper than `max`, found in one pass over the text before it is
 * parsed, so a body nested 100,000 deep costs a scan up to level `max + 1`, never a parse. Strings are skipped;
 * whether the text is JSON at all is left to the parser.
 */
export function jsonTooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        i++;
      } else if (c === QUOTE) {
        inString = false;
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) {
        return i;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

function parseJson(text: string): unknown {
  const tooDeep = jsonTooDeepAt(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new MockRequestError(
      'MOCK_BODY_JSON',
      `request body is not acceptable JSON: nested more than ${MAX_JSON_DEPTH} deep at character ${tooDeep + 1}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MockRequestError('MOCK_BODY_JSON', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function parseXml(op: CompiledOperation, text: string, bodyLimit: number): DecodedBody {
  const body = op.body as NonNullable<CompiledOperation['body']>;
  try {
    const decoded = decodeXml(body.xml, text, { limits: { maxBytes: bodyLimit } });
    if (body.xmlRoot !== undefined && decoded.root !== body.xmlRoot) {
      throw new MockRequestError(
        'MOCK_BODY_XML',
        `XML root element is <${decoded.root ?? ''}>; ${op.operation.operationId} expects <${body.xmlRoot}>`,
      );
    }
    // A request in another array layout than documented is refused, as a vendor server would not find the items.
    const [shape] = decoded.shape;
    if (shape) {
      throw new MockRequestError(
        'MOCK_INVALID_REQUEST',
        `invalid request to ${op.operation.operationId}: body ${shape.pointer}: ${shape.message} (line ${shape.line}, column ${shape.column})`,
      );
    }
    return { value: decoded.value, format: 'xml', unknown: decoded.unknown };
  } catch (error) {
    if (!(error instanceof XmlCodecError)) {
      throw error;
    }
    // The codec's message already says where (line, column, pointer).
    throw new MockRequestError(
      error.code === 'XML_TOO_LARGE' ? 'MOCK_BODY_TOO_LARGE' : 'MOCK_BODY_XML',
      `request body is not acceptable XML (${error.code}): ${error.message}`,
    );
  }
}
