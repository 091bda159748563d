import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import { encodeXml, XmlCodecError, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { type BodyFormat, MEDIA_TYPE } from '../format.ts';
import { ClientError } from './errors.ts';

/** A request ready to send or print: nothing here is signed yet. */
export interface PreparedRequest {
  method: string;
  /** `http://127.0.0.1:4010`: scheme, host and port only. */
  origin: string;
  /** The base URL's own path, the operation's path with its parameters, and the query string, as sent. */
  pathWithQuery: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
}

export interface RequestInput {
  baseUrl: string;
  operation: Operation;
  /** The example's request, or values derived from it. */
  request: AnyExample['request'];
  format: BodyFormat;
  /** What the example expects back: `Accept` asks for it. */
  accept: string;
  /** Extra headers, e.g. `Prefer: example=…` for the mock. */
  headers?: Record<string, string>;
}

function scalar(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function expandPath(operation: Operation, params: Record<string, unknown>): string {
  return operation.path.replaceAll(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new ClientError('CLIENT_REQUEST_BUILD', `path parameter ${name} has no value`);
    }
    return encodeURIComponent(scalar(value));
  });
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) {
        search.append(name, scalar(item));
      }
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function encodeBody(operation: Operation, body: unknown, format: BodyFormat): string {
  const definition = operation.request.body;
  if (definition === undefined || format === 'json') {
    return JSON.stringify(body);
  }
  const root = xmlRootName(definition.xmlSchema);
  if (root === undefined) {
    throw new ClientError('CLIENT_REQUEST_BUILD', `the request body schema of ${operation.operationId} names no XML root element`);
  }
  // The XML form is derived from the parsed value, as a server reads it; an example the schema rejects on purpose is sent as written.
  const parsed = definition.schema.safeParse(body);
  try {
    return encodeXml(definition.xmlSchema, definition.fromJson(parsed.success ? parsed.data : body), root, { declaration: true });
  } catch (error) {
    if (error instanceof XmlCodecError) {
      throw new ClientError('CLIENT_REQUEST_BUILD', `the request body cannot be written as XML: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** The HTTP request an example stands for, in one format. */
export function buildRequest({ baseUrl, operation, request, format, accept, headers = {} }: RequestInput): PreparedRequest {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const path = expandPath(operation, (request.params ?? {}) as Record<string, unknown>);
  const query = queryString((request.query ?? {}) as Record<string, unknown>);
  const sent: Record<string, string> = { accept };
  for (const [name, value] of Object.entries((request.headers ?? {}) as Record<string, unknown>)) {
    if (value !== undefined) {
      sent[name.toLowerCase()] = scalar(value);
    }
  }
  const body = operation.request.body !== undefined && request.body !== undefined ? encodeBody(operation, request.body, format) : undefined;
  if (body !== undefined) {
    sent['content-type'] = MEDIA_TYPE[format];
  }
  for (const [name, value] of Object.entries(headers)) {
    sent[name.toLowerCase()] = value;
  }
  return { method: operation.method.toUpperCase(), origin: base.origin, pathWithQuery: `${prefix}${path}${query}`, headers: sent, body };
}
