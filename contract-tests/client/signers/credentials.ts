import { createHash } from 'node:crypto';
import { type Env, MissingCredentialsError, type Signer, type SignerId } from '../../../schemas/_shared/signing/index.ts';
import { egressAgent } from '../proxy-env.ts';
import {
  IAM_ENV,
  type IamPasswordCredentials,
  type IamTokenSource,
  type IamTokenSourceOptions,
  iamCredentialsFromEnv,
  iamTokenSource,
} from './huawei-iam-token.ts';

type NetworkFallback = (
  env: Env,
  options: IamTokenSourceOptions,
  missing: MissingCredentialsError,
) => Promise<unknown> | MissingCredentialsError;

/**
 * One source per IAM identity for the whole process, so every suite and shard reuses the cached token. The key
 * covers every input of the token request, the password too (a wrong one must reach IAM and be refused, not get the
 * token of the right one), hashed so that no password sits readable in a key.
 */
const iamSources = new Map<string, IamTokenSource>();

const identityKey = (iam: IamPasswordCredentials): string =>
  createHash('sha256')
    .update(JSON.stringify([iam.endpoint, iam.domain, iam.user, iam.projectId, iam.password]))
    .digest('hex');

/** Credentials a signer can also obtain over the network when its own variables are not set. */
const NETWORK_FALLBACKS: Partial<Record<SignerId, NetworkFallback>> = {
  'huawei-token': (env, options, missing) => {
    const iam = iamCredentialsFromEnv(env);
    if (iam instanceof MissingCredentialsError) {
      // HUAWEI_PROJECT_ID alone is set for AK/SK runs too; only the IAM-specific variables show intent.
      const startedIam = [IAM_ENV.user, IAM_ENV.password, IAM_ENV.domain].some((name) => env[name]?.trim());
      if (startedIam) {
        return iam;
      }
      const alternative = [IAM_ENV.user, IAM_ENV.password, IAM_ENV.domain, IAM_ENV.projectId].join(', ');
      return new MissingCredentialsError(missing.signer, missing.variables, `or ${alternative} to obtain one from IAM`);
    }
    const key = identityKey(iam);
    const source = iamSources.get(key) ?? iamTokenSource(iam, { dispatcher: egressAgent({}, env), ...options });
    iamSources.set(key, source);
    return source.credentials();
  },
};

/**
 * Credentials for a live run: the signer's own variables, else a network fallback (an IAM token for
 * `huawei-token`). Resolves to a MissingCredentialsError naming what to set; rejects with IamTokenError when
 * IAM refuses. The IAM options of the first call for an identity are the ones its cached source keeps.
 */
export async function resolveCredentials(
  signer: Signer,
  env: Env,
  options: IamTokenSourceOptions = {},
): Promise<unknown | MissingCredentialsError> {
  const fromEnv = signer.credentialsFromEnv(env);
  const fallback = NETWORK_FALLBACKS[signer.id];
  return fromEnv instanceof MissingCredentialsError && fallback ? fallback(env, options, fromEnv) : fromEnv;
}
