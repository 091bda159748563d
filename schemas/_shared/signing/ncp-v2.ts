import { createHmac } from 'node:crypto';
import { clockSkew, fail, type HttpHeaders, lowerCaseHeaders, maskKeyId, safeEqual, type VerifyResult } from './common.ts';

export const NCP_HEADERS = {
  timestamp: 'x-ncp-apigw-timestamp',
  accessKey: 'x-ncp-iam-access-key',
  signature: 'x-ncp-apigw-signature-v2',
} as const;

/** The gateway's accepted clock difference; also what the mock enforces. */
export const NCP_WINDOW_MS = 5 * 60 * 1000;

export interface NcpStringToSignInput {
  method: string;
  /** Path plus query string as sent, without scheme and host (`/photos/puppy.jpg?query1=&query2`). */
  pathWithQuery: string;
  /** Milliseconds since the epoch, as sent in `x-ncp-apigw-timestamp`. */
  timestamp: string;
  accessKey: string;
}

export type NcpSignedHeaders = {
  'x-ncp-apigw-timestamp': string;
  'x-ncp-iam-access-key': string;
  'x-ncp-apigw-signature-v2': string;
};

/** `{METHOD} {URI}\n{timestamp}\n{accessKey}`: the body and all other headers are deliberately not covered. */
export function stringToSignNcpV2({ method, pathWithQuery, timestamp, accessKey }: NcpStringToSignInput): string {
  return `${method.toUpperCase()} ${pathWithQuery}\n${timestamp}\n${accessKey}`;
}

function signatureNcpV2(input: NcpStringToSignInput, secretKey: string): string {
  return createHmac('sha256', secretKey).update(stringToSignNcpV2(input), 'utf8').digest('base64');
}

export function signNcpV2(input: NcpStringToSignInput & { secretKey: string }): NcpSignedHeaders {
  return {
    [NCP_HEADERS.timestamp]: input.timestamp,
    [NCP_HEADERS.accessKey]: input.accessKey,
    [NCP_HEADERS.signature]: signatureNcpV2(input, input.secretKey),
  };
}

export interface NcpVerifyInput {
  method: string;
  pathWithQuery: string;
  headers: HttpHeaders;
  secretFor: (accessKey: string) => string | undefined;
  now: number;
  windowMs?: number;
}

export function verifyNcpV2({ method, pathWithQuery, headers, secretFor, now, windowMs = NCP_WINDOW_MS }: NcpVerifyInput): VerifyResult {
  const lower = lowerCaseHeaders(headers);
  for (const name of Object.values(NCP_HEADERS)) {
    if (!lower[name]) {
      return fail('missing-header', `request has no ${name} header`, name);
    }
  }
  const timestamp = lower[NCP_HEADERS.timestamp] as string;
  const accessKey = lower[NCP_HEADERS.accessKey] as string;
  const presented = lower[NCP_HEADERS.signature] as string;

  const secretKey = secretFor(accessKey);
  if (secretKey === undefined) {
    return fail('unknown-key', `access key ${maskKeyId(accessKey)} is not known`, NCP_HEADERS.accessKey);
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    return fail('clock-skew', `${NCP_HEADERS.timestamp} must be milliseconds since the epoch`, NCP_HEADERS.timestamp);
  }
  const skewed = clockSkew(NCP_HEADERS.timestamp, Number(timestamp), now, windowMs);
  if (skewed) {
    return skewed;
  }
  const input = { method, pathWithQuery, timestamp, accessKey };
  if (!safeEqual(presented, signatureNcpV2(input, secretKey))) {
    const signed = stringToSignNcpV2({ ...input, accessKey: maskKeyId(accessKey) }).replaceAll('\n', '\\n');
    return fail('bad-signature', `signature does not match the string to sign "${signed}"`, NCP_HEADERS.signature);
  }
  return { ok: true };
}
