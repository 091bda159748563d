import type { MediaType } from '../schemas/_shared/operation.ts';

/** The structured body formats of the contract: what a run sends and asks for, what the codecs read and write. */
export type BodyFormat = 'json' | 'xml';

/** What a body on the wire can be: a structured format, or bytes passed on as they are (a keytab file). */
export type Representation = BodyFormat | 'octet';

const FORMATS: readonly BodyFormat[] = ['json', 'xml'];

/** The media type each representation is sent with: the one table the client, mock and checks read. */
export const MEDIA_TYPE = {
  json: 'application/json',
  xml: 'application/xml',
  octet: 'application/octet-stream',
} as const satisfies Record<BodyFormat, MediaType> & Record<Representation, string>;

/** The formats a service speaks, in the order a run tries them. */
export function formatsOf(mediaTypes: readonly MediaType[]): BodyFormat[] {
  return FORMATS.filter((format) => mediaTypes.includes(MEDIA_TYPE[format]));
}

/**
 * What a Content-Type (parameters ignored) names: structured-syntax suffixes (`application/problem+json`,
 * `application/soap+xml`) count as their base format, `text/xml` as XML; undefined for anything else.
 */
export function representationOf(contentType: string | undefined): Representation | undefined {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/json' || essence.endsWith('+json')) {
    return 'json';
  }
  if (essence === 'application/xml' || essence === 'text/xml' || essence.endsWith('+xml')) {
    return 'xml';
  }
  return essence === MEDIA_TYPE.octet ? 'octet' : undefined;
}
