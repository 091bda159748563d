import { MEDIA_TYPE, type Representation, representationOf } from '../format.ts';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Clients send the same few Accept headers over and over, so parsed forms are memoised; the bound keeps a
 * client that varies the header from growing the map without limit.
 */
const acceptCache = new Map<string, MediaRange[]>();
const ACCEPT_CACHE_SIZE = 256;

function parseAccept(header: string): MediaRange[] {
  const cached = acceptCache.get(header);
  if (cached) {
    return cached;
  }
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.split(';');
    const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
    if (type === '' || subtype === '') {
      continue;
    }
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    ranges.push({ type, subtype, q: Number.isFinite(q) ? q : 0 });
  }
  if (acceptCache.size >= ACCEPT_CACHE_SIZE) {
    acceptCache.clear();
  }
  acceptCache.set(header, ranges);
  return ranges;
}

/** How well a range matches a media type: -1 not at all, then `*\/*` < `type/*` < exact (RFC 9110 §12.5.1). */
function specificity(range: MediaRange, mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  if (range.type === '*' && range.subtype === '*') {
    return 0;
  }
  if (range.type !== type) {
    return -1;
  }
  if (range.subtype === '*') {
    return 1;
  }
  return range.subtype === subtype ? 2 : -1;
}

function quality(ranges: MediaRange[], mediaType: string): number {
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const s = specificity(range, mediaType);
    if (s > best) {
      best = s;
      q = range.q;
    }
  }
  return best < 0 ? 0 : q;
}

/**
 * The offered format the client accepts with the highest quality, ties going to the earlier offer; the first
 * offer when Accept is absent or empty; undefined when nothing offered is acceptable (406).
 */
export function negotiate(accept: string | undefined, offered: readonly Representation[]): Representation | undefined {
  if (accept === undefined || accept.trim() === '') {
    return offered[0];
  }
  const ranges = parseAccept(accept);
  let chosen: Representation | undefined;
  let chosenQ = 0;
  for (const format of offered) {
    const q = quality(ranges, MEDIA_TYPE[format]);
    if (q > chosenQ) {
      chosen = format;
      chosenQ = q;
    }
  }
  return chosen;
}

export type BodyKind = { format: 'json' | 'xml' } | { unsupported: string };

/**
 * Which decoder a Content-Type calls for. Structured-syntax suffixes (`application/problem+json`,
 * `application/soap+xml`) count as their base format; any charset other than UTF-8 is refused, because the
 * documented APIs only speak UTF-8.
 */
export function bodyKind(contentType: string): BodyKind {
  const [essence = '', ...params] = contentType.split(';');
  const mediaType = essence.trim().toLowerCase();
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return { unsupported: `charset ${charset} (send UTF-8)` };
  }
  const format = representationOf(mediaType);
  if (format === 'json' || format === 'xml') {
    return { format };
  }
  return { unsupported: mediaType === '' ? 'an empty media type' : mediaType };
}

export interface Preference {
  example?: string;
  /** As sent; the pipeline checks it is a documented status and names it when it is not. */
  code?: string;
}

/**
 * The response a client asks for with `Prefer: example=<name>` or `Prefer: code=<status>` (the Prism
 * convention); other preferences, such as `return=minimal`, are not about mocking and are ignored.
 */
export function parsePrefer(header: string | undefined): Preference {
  const preference: Preference = {};
  if (header === undefined) {
    return preference;
  }
  for (const token of header.split(/[,;]/)) {
    const eq = token.indexOf('=');
    if (eq < 0) {
      continue;
    }
    const key = token.slice(0, eq).trim().toLowerCase();
    const value = token
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'example') {
      preference.example = value;
    } else if (key === 'code') {
      preference.code = value;
    }
  }
  return preference;
}
