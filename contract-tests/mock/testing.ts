import type { Readable } from 'node:stream';
import { request } from 'undici';
import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { decodeXml, encodeXml, xmlRootName } from '../../schemas/_shared/xml/index.ts';

/** Helpers the mock's tests share: building an example's request and reading any reply. */

import type { BodyFormat } from '../format.ts';

export type { BodyFormat };

export interface MockReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  bytes: Buffer;
}

export function fillPath(op: Operation, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

export function queryString(query: unknown): string {
  const entries = Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)]))}`;
}

/** The body of an example's request in a format: the documented XML text when there is one, else the codec's. */
export function exampleBody(op: Operation, example: AnyExample, format: BodyFormat): string | undefined {
  const body = op.request.body;
  if (body === undefined || example.request.body === undefined) {
    return undefined;
  }
  if (format === 'json') {
    return JSON.stringify(example.request.body);
  }
  if (example.request.xml !== undefined) {
    return example.request.xml;
  }
  const root = xmlRootName(body.xmlSchema) as string;
  return encodeXml(body.xmlSchema, body.fromJson(body.schema.parse(example.request.body)), root);
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A stream is sent chunked, with no Content-Length. */
  body?: string | Buffer | Readable;
}

export async function send(url: string, options: SendOptions = {}): Promise<MockReply> {
  const response = await request(url, {
    method: (options.method ?? 'POST') as 'POST',
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, text: bytes.toString('utf8'), bytes };
}

export function sendExample(base: string, op: Operation, example: AnyExample, format: BodyFormat, headers: Record<string, string> = {}) {
  const body = exampleBody(op, example, format);
  const mediaType = format === 'xml' ? 'application/xml' : 'application/json';
  return send(`${base}${fillPath(op, example.request.params)}${queryString(example.request.query)}`, {
    method: op.method.toUpperCase(),
    headers: {
      accept: mediaType,
      ...(body === undefined ? {} : { 'content-type': mediaType }),
      ...(example.request.headers as Record<string, string> | undefined),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

/** A reply's body as a value: JSON parsed, or XML decoded through the codec with the schema it should follow. */
export function replyValue(reply: MockReply, xmlSchema: Parameters<typeof decodeXml>[0]): unknown {
  const type = String(reply.headers['content-type']);
  return type.startsWith('application/xml') ? decodeXml(xmlSchema, reply.text).value : JSON.parse(reply.text);
}

/**
 * Parses a reply as the service's documented error envelope (throwing when it is not one): the JSON body, or
 * the XML root and the value it carries.
 */
export function errorEnvelope(service: Service, reply: MockReply): unknown {
  const type = String(reply.headers['content-type']);
  const body = service.errors.body;
  if (type.startsWith('application/xml')) {
    const decoded = decodeXml(body.xmlSchema, reply.text);
    return { root: decoded.root, value: body.xmlSchema.parse(decoded.value) };
  }
  return body.schema.parse(JSON.parse(reply.text));
}

/** Polls until `probe` gives a value, e.g. the URL a command prints once it listens. */
export async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
