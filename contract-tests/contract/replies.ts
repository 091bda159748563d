import type { NormalizedBody } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { encodeXml, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { MEDIA_TYPE, type Representation } from '../format.ts';
import { MOCK_HEADER, MOCK_VERSION } from '../mock-identity.ts';
import { MockConfigError } from './errors.ts';
import { negotiate } from './negotiate.ts';

/** What the HTTP adapter writes: built once for every example, per request only for errors. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Answers an error in the service's envelope, in the format the client accepts among the service's (else JSON). */
export type ErrorReplier = (status: number, message: string, accept: string | undefined, headers?: Record<string, string>) => Reply;

export function reply(status: number, format: Representation | undefined, body: Buffer, extra: Record<string, string> = {}): Reply {
  const headers: Record<string, string> = { ...extra, 'content-length': String(body.length), [MOCK_HEADER]: MOCK_VERSION };
  if (format !== undefined) {
    headers['content-type'] = MEDIA_TYPE[format];
  }
  return { status, headers, body };
}

/** The root element a body's XML form is written under; a service that speaks XML must name one for every body. */
export function rootOf(body: NormalizedBody, where: string): string {
  const root = xmlRootName(body.xmlSchema);
  if (root === undefined) {
    throw new MockConfigError('CONFIG_MOCK_DEFINITION', `${where}: the XML schema has no root element name (meta xml.name)`);
  }
  return root;
}

export function toXml(body: NormalizedBody, root: string, parsed: unknown): Buffer {
  return Buffer.from(encodeXml(body.xmlSchema, body.fromJson(parsed), root, { declaration: true }));
}

/**
 * Vendor envelopes bound their message (Huawei's error_msg is at most 1024 characters) and XML cannot carry
 * control characters or lone surrogates, while messages quote what the client sent; both are made safe here.
 */
const MAX_MESSAGE_LENGTH = 1000;

const NOT_XML_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 cannot hold.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function safeMessage(message: string): string {
  const clean = message.replace(NOT_XML_TEXT, '\ufffd');
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean;
}

/**
 * The service's error replies. Checked once at start-up: its schema must accept what `errors.make()` builds,
 * and it must name an XML root when the service speaks XML.
 */
export function compileErrorEnvelope(service: Service, formats: Representation[]): ErrorReplier {
  const envelope = service.errors;
  const root = formats.includes('xml') ? rootOf(envelope.body, `${service.id} error envelope`) : undefined;
  const probe = envelope.body.schema.safeParse(envelope.make(400, 'probe'));
  if (!probe.success) {
    throw new MockConfigError(
      'CONFIG_MOCK_DEFINITION',
      `${service.id}: errors.make() builds a body its own error schema rejects: ${probe.error.message}`,
    );
  }
  return (status, message, accept, headers) => {
    const format = negotiate(accept, formats) ?? 'json';
    const value = envelope.make(status, safeMessage(message));
    return format === 'xml' && root !== undefined
      ? reply(status, 'xml', toXml(envelope.body, root, value), headers)
      : reply(status, 'json', Buffer.from(JSON.stringify(value)), headers);
  };
}
