import type { MediaType } from '../schemas/_shared/operation.ts';

/** The body formats a contract run sends and asks for. */
export type Format = 'json' | 'xml';

const FORMATS: readonly Format[] = ['json', 'xml'];

export const MEDIA_TYPE: Record<Format, MediaType> = { json: 'application/json', xml: 'application/xml' };

/** The formats a service speaks, in the order a run tries them. */
export function formatsOf(mediaTypes: readonly MediaType[]): Format[] {
  return FORMATS.filter((format) => mediaTypes.includes(MEDIA_TYPE[format]));
}
