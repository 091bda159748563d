import { createHash } from 'node:crypto';
import type { SignerId } from '../service.ts';
import {
  fail,
  type HttpHeaders,
  lowerCaseHeaders,
  maskKeyId,
  REDACTED,
  type SignableRequest,
  safeEqual,
  type VerifyResult,
} from './common.ts';
import { MissingCredentialsError, UnknownSignerError } from './errors.ts';
import { HUAWEI_AKSK_ALGORITHM, signHuaweiAksk, verifyHuaweiAksk } from './huawei-aksk.ts';
import { NCP_HEADERS, signNcpV2, verifyNcpV2 } from './ncp-v2.ts';

export type { SignerId } from '../service.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './huawei-aksk.ts';
export * from './ncp-v2.ts';

export type Env = Readonly<Record<string, string | undefined>>;
/** Finds the credentials a request claims by its key id (access key, or the token itself). */
export type CredentialsLookup<C> = (keyId: string) => C | undefined;

export interface NcpCredentials {
  accessKey: string;
  secretKey: string;
}
export interface HuaweiAkskCredentials {
  accessKey: string;
  secretKey: string;
}
export interface HuaweiTokenCredentials {
  token: string;
}
export interface CredentialsBySigner {
  'ncp-apigw-v2': NcpCredentials;
  'huawei-aksk': HuaweiAkskCredentials;
  'huawei-token': HuaweiTokenCredentials;
}

/**
 * One authentication scheme, usable without knowing which: generic code holds a `Signer` (credentials typed
 * `unknown`) and only passes back what `credentialsFromEnv` gave it.
 */
export interface Signer<C = unknown> {
  readonly id: SignerId;
  readonly title: string;
  /** Every variable `credentialsFromEnv` needs. */
  readonly envVars: readonly string[];
  /** True when the signature covers the body, so the body must be in memory before signing or verifying. */
  readonly signsBody: boolean;
  /** Secret-bearing headers (lower case) and how each is shown in reports and curl repros. */
  readonly sensitiveHeaders: Readonly<Record<string, (value: string) => string>>;
  credentialsFromEnv(env: Env): C | MissingCredentialsError;
  keyId(credentials: C): string;
  /** Whether the request carries this scheme's auth headers (services may accept several schemes). */
  appliesTo(headers: HttpHeaders): boolean;
  /** Headers to add (lower-case names); the request is not modified. */
  sign(request: SignableRequest, credentials: C, now: number): Record<string, string>;
  verify(request: SignableRequest, lookup: CredentialsLookup<C>, now: number): VerifyResult;
}

const hide = (): string => REDACTED;
const NCP_ENV = ['NCP_ACCESS_KEY', 'NCP_SECRET_KEY'] as const;
const HUAWEI_AKSK_ENV = ['HUAWEI_AK', 'HUAWEI_SK'] as const;
const HUAWEI_TOKEN_ENV = ['HUAWEI_AUTH_TOKEN'] as const;

function readEnv<const K extends string>(signer: SignerId, env: Env, names: readonly K[]): Record<K, string> | MissingCredentialsError {
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    return new MissingCredentialsError(signer, missing);
  }
  return Object.fromEntries(names.map((name) => [name, (env[name] as string).trim()])) as Record<K, string>;
}

const ncpApigwV2: Signer<NcpCredentials> = {
  id: 'ncp-apigw-v2',
  title: 'NCP API Gateway signature v2',
  envVars: NCP_ENV,
  signsBody: false,
  sensitiveHeaders: { [NCP_HEADERS.signature]: hide, [NCP_HEADERS.accessKey]: maskKeyId },
  credentialsFromEnv(env) {
    const v = readEnv(this.id, env, NCP_ENV);
    return v instanceof MissingCredentialsError ? v : { accessKey: v.NCP_ACCESS_KEY, secretKey: v.NCP_SECRET_KEY };
  },
  keyId: (c) => c.accessKey,
  appliesTo: (headers) => NCP_HEADERS.signature in lowerCaseHeaders(headers),
  sign: (request, c, now) => signNcpV2({ ...request, timestamp: String(now), ...c }),
  verify: (request, lookup, now) => verifyNcpV2({ ...request, secretFor: (ak) => lookup(ak)?.secretKey, now }),
};

const AKSK_AUTHORIZATION = /^(\S+ Access=)([^,\s]+)(, *SignedHeaders=[^,\s]+, *Signature=)\S+$/;

const huaweiAksk: Signer<HuaweiAkskCredentials> = {
  id: 'huawei-aksk',
  title: `Huawei Cloud AK/SK (${HUAWEI_AKSK_ALGORITHM})`,
  envVars: HUAWEI_AKSK_ENV,
  signsBody: true,
  sensitiveHeaders: {
    // Keeps SignedHeaders readable: it is what a user compares when a live signature is refused.
    authorization: (value) => {
      const m = AKSK_AUTHORIZATION.exec(value);
      return m ? `${m[1]}${maskKeyId(m[2] as string)}${m[3]}${REDACTED}` : REDACTED;
    },
  },
  credentialsFromEnv(env) {
    const v = readEnv(this.id, env, HUAWEI_AKSK_ENV);
    return v instanceof MissingCredentialsError ? v : { accessKey: v.HUAWEI_AK, secretKey: v.HUAWEI_SK };
  },
  keyId: (c) => c.accessKey,
  appliesTo: (headers) => lowerCaseHeaders(headers).authorization?.startsWith(`${HUAWEI_AKSK_ALGORITHM} `) ?? false,
  sign: (request, c, now) => signHuaweiAksk({ ...request, ...c, now }),
  verify: (request, lookup, now) => verifyHuaweiAksk({ ...request, secretFor: (ak) => lookup(ak)?.secretKey, now }),
};

const huaweiToken: Signer<HuaweiTokenCredentials> = {
  id: 'huawei-token',
  title: 'Huawei Cloud IAM token (X-Auth-Token)',
  envVars: HUAWEI_TOKEN_ENV,
  signsBody: false,
  sensitiveHeaders: { 'x-auth-token': hide },
  credentialsFromEnv(env) {
    const v = readEnv(this.id, env, HUAWEI_TOKEN_ENV);
    return v instanceof MissingCredentialsError ? v : { token: v.HUAWEI_AUTH_TOKEN };
  },
  keyId: (c) => c.token,
  appliesTo: (headers) => 'x-auth-token' in lowerCaseHeaders(headers),
  sign: (_request, c) => ({ 'x-auth-token': c.token }),
  verify: (request, lookup) => {
    const token = lowerCaseHeaders(request.headers)['x-auth-token'];
    if (!token) {
      return fail('missing-header', 'request has no X-Auth-Token header', 'x-auth-token');
    }
    return lookup(token) ? { ok: true } : fail('unknown-key', 'X-Auth-Token is not a token this server accepts', 'x-auth-token');
  },
};

export const SIGNERS: { readonly [K in SignerId]: Signer<CredentialsBySigner[K]> } = {
  'ncp-apigw-v2': ncpApigwV2,
  'huawei-aksk': huaweiAksk,
  'huawei-token': huaweiToken,
};

export const SIGNER_IDS = Object.keys(SIGNERS) as SignerId[];

export function getSigner(id: string): Signer {
  if (!Object.hasOwn(SIGNERS, id)) {
    throw new UnknownSignerError(id, SIGNER_IDS);
  }
  return SIGNERS[id as SignerId];
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * A lookup over a fixed set of credentials. Key ids are compared as digests in constant time, because for
 * `huawei-token` the key id is the secret itself.
 */
export function credentialsLookup<C>(signer: Signer<C>, known: readonly C[]): CredentialsLookup<C> {
  const ids = known.map((c) => digest(signer.keyId(c)));
  return (keyId) => {
    const presented = digest(keyId);
    const i = ids.findIndex((id) => safeEqual(presented, id));
    return i < 0 ? undefined : known[i];
  };
}

const SENSITIVE: Readonly<Record<string, (value: string) => string>> = {
  'proxy-authorization': hide,
  'x-subject-token': hide,
  'x-security-token': hide,
  cookie: hide,
  'set-cookie': hide,
  ...Object.assign({}, ...Object.values(SIGNERS).map((s) => s.sensitiveHeaders)),
};

/** A copy safe to print: secrets replaced, key ids masked, header names as given. */
export function redactHeaders(headers: HttpHeaders): HttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SENSITIVE[name.toLowerCase()]?.(value) ?? value]));
}
