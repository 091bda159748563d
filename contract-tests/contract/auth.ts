import type { IncomingHttpHeaders } from 'node:http';
import type { Service } from '../../schemas/_shared/service.ts';
import {
  type CredentialsLookup,
  credentialsLookup,
  type Env,
  MissingCredentialsError,
  SIGNERS,
  type Signer,
  type VerifyResult,
} from '../../schemas/_shared/signing/index.ts';
import { MockConfigError } from './errors.ts';

export interface AuthRequest {
  method: string;
  /** The request target exactly as received: NCP signs these bytes, Huawei canonicalises them. */
  pathWithQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Checks one request against the credentials configured at start-up; the message never holds a secret. */
export type AuthCheck = (request: AuthRequest, now: number) => VerifyResult;

interface Configured {
  signer: Signer;
  lookup: CredentialsLookup<unknown>;
}

/** Node joins repeated headers except a few (set-cookie), which signatures never cover. */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

/**
 * The credentials `--verify-auth` checks a service's requests against: those of every signer of the service
 * whose variables are set, the same variables a live run signs with. A service none of whose signers is
 * configured refuses to start, as does a half-configured signer (HUAWEI_AK without HUAWEI_SK), naming what is
 * missing.
 */
export function compileAuth(service: Service, env: Env): AuthCheck {
  const configured: Configured[] = [];
  const missing: MissingCredentialsError[] = [];
  for (const id of service.signers) {
    const signer = SIGNERS[id] as Signer;
    const credentials = signer.credentialsFromEnv(env);
    if (!(credentials instanceof MissingCredentialsError)) {
      configured.push({ signer, lookup: credentialsLookup(signer, [credentials]) });
    } else if (credentials.variables.length < signer.envVars.length) {
      throw new MockConfigError('CONFIG_MISSING_CREDENTIALS', `--verify-auth for ${service.id}: ${credentials.message}`);
    } else {
      missing.push(credentials);
    }
  }
  if (configured.length === 0) {
    const needs = missing.map((m) => `${m.variables.join(' and ')} (${m.signer})`).join(', or ');
    throw new MockConfigError(
      'CONFIG_MISSING_CREDENTIALS',
      `--verify-auth for ${service.id} needs ${needs} in the environment, or leave the service out with --service`,
    );
  }
  const only = configured.length === 1 ? configured[0] : undefined;
  const schemes = configured.map((c) => c.signer.title).join(' or ');

  return (request, now) => {
    const headers = flatHeaders(request.headers);
    const chosen = configured.find((c) => c.signer.appliesTo(headers)) ?? only;
    if (chosen === undefined) {
      return { ok: false, reason: 'missing-header', message: `request carries no credentials; expected ${schemes}` };
    }
    const signable = { method: request.method, pathWithQuery: request.pathWithQuery, headers, body: request.body };
    return chosen.signer.verify(signable, chosen.lookup, now);
  };
}
