import { timingSafeEqual } from 'node:crypto';

export type HttpHeaders = Record<string, string>;

/** What a secret header value is replaced with wherever a request is shown. */
export const REDACTED = '<redacted>';

/** What a signer signs and a verifier checks. Header names may be in any case. */
export interface SignableRequest {
  method: string;
  /** Scheme + host (+ port) the request goes to; the signer derives `host` from it when no Host header is given. */
  origin?: string | undefined;
  /** Path and query exactly as sent on the request line: signatures cover these bytes, so no URL re-encoding. */
  pathWithQuery: string;
  headers: HttpHeaders;
  body: Uint8Array | string | undefined;
}

export type VerifyFailureReason = 'missing-header' | 'unknown-key' | 'bad-signature' | 'clock-skew';

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: VerifyFailureReason;
      /** Lower-case name of the header at fault, when one is. */
      header?: string;
      /** Safe to show to the client: never contains a secret or the expected signature. */
      message: string;
    };

export function fail(reason: VerifyFailureReason, message: string, header?: string): VerifyResult {
  return header === undefined ? { ok: false, reason, message } : { ok: false, reason, header, message };
}

/** Undefined when `signedAt` is within `windowMs` of the server's `now`. */
export function clockSkew(header: string, signedAt: number, now: number, windowMs: number): VerifyResult | undefined {
  const skewMs = signedAt - now;
  if (Math.abs(skewMs) <= windowMs) {
    return undefined;
  }
  const direction = skewMs < 0 ? 'behind' : 'ahead of';
  return fail(
    'clock-skew',
    `${header} is ${Math.abs(skewMs) / 1000} s ${direction} the server clock (allowed: ${windowMs / 1000} s)`,
    header,
  );
}

/**
 * Constant-time comparison for presented signatures and tokens. Only the length can leak, and the length of a
 * correct value is public anyway (fixed-size digests, or the caller compares digests of tokens).
 */
export function safeEqual(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function lowerCaseHeaders(headers: HttpHeaders): HttpHeaders {
  const out: HttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = value;
  }
  return out;
}

/** Keeps enough of a key id to tell keys apart in a report (`QTWA***KYUC`); short ids are hidden entirely. */
export function maskKeyId(keyId: string): string {
  return keyId.length >= 12 ? `${keyId.slice(0, 4)}***${keyId.slice(-4)}` : '***';
}

export function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) {
    return new Uint8Array();
  }
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
