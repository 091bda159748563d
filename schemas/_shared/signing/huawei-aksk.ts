import { createHash, createHmac } from 'node:crypto';
import {
  bodyBytes,
  clockSkew,
  fail,
  type HttpHeaders,
  lowerCaseHeaders,
  maskKeyId,
  REDACTED,
  type SignableRequest,
  safeEqual,
  type VerifyResult,
} from './common.ts';
import { SigningError } from './errors.ts';

export const HUAWEI_AKSK_ALGORITHM = 'SDK-HMAC-SHA256';
/** The API gateway rejects an `X-Sdk-Date` further than this from its own clock. */
export const HUAWEI_AKSK_WINDOW_MS = 15 * 60 * 1000;
const SDK_DATE = 'x-sdk-date';
const CONTENT_SHA256 = 'x-sdk-content-sha256';
const SECRET_SIGNABLE_HEADERS = ['x-security-token', 'x-auth-token', 'cookie'];

/** `YYYYMMDDTHHMMSSZ` in UTC, the only form the gateway accepts. */
export function formatSdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replaceAll(/[-:]/g, '');
}

export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) {
    return undefined;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 20240230 over into March; a date that does not round-trip is not a date.
  return formatSdkDate(ms) === value ? ms : undefined;
}

/** RFC 3986 unreserved characters stay, everything else is `%XX` of its UTF-8 bytes, upper-case hex. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The gateway canonicalises what it decoded; a malformed escape is kept as literal text rather than rejected. */
function percentDecode(value: string, plusIsSpace: boolean): string {
  const text = plusIsSpace ? value.replaceAll('+', ' ') : value;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function canonicalUri(path: string): string {
  const uri = path
    .split('/')
    .map((segment) => percentEncode(percentDecode(segment, false)))
    .join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function canonicalQuery(query: string): string {
  const params = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = eq < 0 ? '' : percentDecode(pair.slice(eq + 1), true);
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return [...params.keys()]
    .sort(byteOrder)
    .flatMap((name) => (params.get(name) as string[]).sort(byteOrder).map((v) => `${percentEncode(name)}=${percentEncode(v)}`))
    .join('&');
}

/** What the Python SDK signs: every header but `Authorization` and names with `_` (proxies drop those). */
export function defaultSignedHeaders(headers: HttpHeaders): string[] {
  return Object.keys(lowerCaseHeaders(headers))
    .filter((name) => name !== 'authorization' && !name.includes('_'))
    .sort();
}

export interface HuaweiCanonicalInput {
  method: string;
  /** Path and query as sent; the path need not end in `/`. */
  pathWithQuery: string;
  headers: HttpHeaders;
  body: Uint8Array | string | undefined;
  /** Header names to sign; default {@link defaultSignedHeaders}. */
  signedHeaders?: readonly string[] | undefined;
}

/** CanonicalRequest of the official step list: method, URI, query, headers block, signed-header list, body hash. */
export function canonicalRequestHuaweiAksk(input: HuaweiCanonicalInput): string {
  const lower = lowerCaseHeaders(input.headers);
  const signed = signedHeaderList(input);
  const q = input.pathWithQuery.indexOf('?');
  const path = q < 0 ? input.pathWithQuery : input.pathWithQuery.slice(0, q);
  const query = q < 0 ? '' : input.pathWithQuery.slice(q + 1);
  const headerBlock = signed.map((name) => `${name}:${(lower[name] ?? '').trim()}\n`).join('');
  const payloadHash = lower[CONTENT_SHA256] ?? createHash('sha256').update(bodyBytes(input.body)).digest('hex');
  return [input.method.toUpperCase(), canonicalUri(path), canonicalQuery(query), headerBlock, signed.join(';'), payloadHash].join('\n');
}

function signedHeaderList(input: HuaweiCanonicalInput): string[] {
  return input.signedHeaders ? input.signedHeaders.map((h) => h.toLowerCase()).sort() : defaultSignedHeaders(input.headers);
}

export function stringToSignHuaweiAksk(canonicalRequest: string, sdkDate: string): string {
  return [HUAWEI_AKSK_ALGORITHM, sdkDate, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
}

function signature(input: HuaweiCanonicalInput, sdkDate: string, secretKey: string): string {
  return createHmac('sha256', secretKey)
    .update(stringToSignHuaweiAksk(canonicalRequestHuaweiAksk(input), sdkDate))
    .digest('hex');
}

export interface HuaweiSignInput extends SignableRequest, Pick<HuaweiCanonicalInput, 'signedHeaders'> {
  accessKey: string;
  secretKey: string;
  /** Used for `X-Sdk-Date` unless the request already carries a valid one (the SDKs reuse it too). */
  now: number;
}

/**
 * Returns the headers to add (lower-case names): `x-sdk-date` and `host` when the request lacks them, and
 * `authorization`. They must be sent with exactly these values, so the caller sends the merged set.
 */
export function signHuaweiAksk(input: HuaweiSignInput): Record<string, string> {
  const lower = lowerCaseHeaders(input.headers);
  const added: Record<string, string> = {};
  const present = lower[SDK_DATE];
  const sdkDate = present !== undefined && parseSdkDate(present) !== undefined ? present : formatSdkDate(input.now);
  if (sdkDate !== present) {
    added[SDK_DATE] = sdkDate;
  }
  const signsHost = input.signedHeaders?.some((h) => h.toLowerCase() === 'host') ?? true;
  if (signsHost && lower.host === undefined) {
    if (!input.origin) {
      throw new SigningError('SIGNING_MISSING_HOST', 'huawei-aksk', 'the request has neither a Host header nor an origin');
    }
    added.host = new URL(input.origin).host;
  }
  const canonical = {
    method: input.method,
    pathWithQuery: input.pathWithQuery,
    headers: { ...lower, ...added },
    body: input.body,
    signedHeaders: input.signedHeaders,
  };
  const signed = signedHeaderList(canonical);
  added.authorization = `${HUAWEI_AKSK_ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${signature(canonical, sdkDate, input.secretKey)}`;
  return added;
}

export interface HuaweiVerifyInput extends Omit<SignableRequest, 'origin'> {
  secretFor: (accessKey: string) => string | undefined;
  now: number;
  windowMs?: number;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 +Access=([^,\s]+), *SignedHeaders=([a-z0-9;!#$%&'*+.^`|~-]+), *Signature=([0-9a-f]+)$/;

/** The gateway's checks, from the received request alone: it never trusts a value the client did not sign. */
export function verifyHuaweiAksk({
  method,
  pathWithQuery,
  headers,
  body,
  secretFor,
  now,
  windowMs = HUAWEI_AKSK_WINDOW_MS,
}: HuaweiVerifyInput): VerifyResult {
  const lower = lowerCaseHeaders(headers);
  const authorization = lower.authorization;
  if (!authorization) {
    return fail('missing-header', 'request has no Authorization header', 'authorization');
  }
  const parsed = AUTHORIZATION.exec(authorization.trim());
  if (!parsed) {
    return fail(
      'bad-signature',
      `Authorization is not "${HUAWEI_AKSK_ALGORITHM} Access=<AK>, SignedHeaders=<names>, Signature=<hex>"`,
      'authorization',
    );
  }
  const [, accessKey = '', signedList = '', presented = ''] = parsed;
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes(SDK_DATE)) {
    return fail('bad-signature', `SignedHeaders must include ${SDK_DATE}`, 'authorization');
  }
  const unsent = signedHeaders.find((name) => lower[name] === undefined);
  if (unsent !== undefined) {
    return fail('missing-header', `signed header ${unsent} was not sent`, unsent);
  }

  const secretKey = secretFor(accessKey);
  if (secretKey === undefined) {
    return fail('unknown-key', `access key ${maskKeyId(accessKey)} is not known`, 'authorization');
  }
  const sdkDate = lower[SDK_DATE] as string;
  const signedAt = parseSdkDate(sdkDate);
  if (signedAt === undefined) {
    return fail('clock-skew', `${SDK_DATE} must be YYYYMMDDTHHMMSSZ (UTC)`, SDK_DATE);
  }
  const skewed = clockSkew(SDK_DATE, signedAt, now, windowMs);
  if (skewed) {
    return skewed;
  }
  const input = { method, pathWithQuery, headers: lower, body, signedHeaders };
  if (!safeEqual(presented, signature(input, sdkDate, secretKey))) {
    // Same diagnostic as the real gateway (APIGW.0301): the server's canonical request, newlines as `|`; the
    // temporary-credential token may be a signed header, and the message can end up in a report.
    const shown = Object.entries(lower).map(([name, value]) => [name, SECRET_SIGNABLE_HEADERS.includes(name) ? REDACTED : value]);
    const canonical = canonicalRequestHuaweiAksk({ ...input, headers: Object.fromEntries(shown) }).replaceAll('\n', '|');
    return fail('bad-signature', `signature does not match; canonicalRequest: ${canonical}`, 'authorization');
  }
  return { ok: true };
}
