import type { Service, SignerId } from '../../schemas/_shared/service.ts';
import { type Env, MissingCredentialsError, SIGNERS, type Signer } from '../../schemas/_shared/signing/index.ts';
import type { Signing } from '../client/client.ts';
import { resolveCredentials } from '../client/signers/credentials.ts';
import type { TargetKind } from '../report/report.ts';
import { RunConfigError } from './errors.ts';

/** Where one service's requests go and how they are signed. */
export interface Target {
  /** `mock`: the embedded mock, compared value for value; `live`: any base URL, read operations only by default. */
  kind: TargetKind;
  baseUrl: string;
  /** Undefined when sending unsigned (the embedded mock without credentials in the environment). */
  signing: Signing | undefined;
  /** The scheme whose gateway refusals are recognised: the signer used, else the service's preferred one. */
  signer: SignerId;
}

export interface BaseUrls {
  /** `--base-url URL`: every selected service. */
  all?: string;
  /** `--base-url SERVICE=URL`. */
  byService: Record<string, string>;
}

/** Where a signer's credentials come from: its variables only, or also the network (an IAM token). */
export type CredentialSource = (signer: Signer, env: Env) => Promise<unknown> | unknown;

/** The signer's own variables, nothing else: for dry runs and the mock, which must not call IAM. */
export const variablesOnly: CredentialSource = (signer, env) => signer.credentialsFromEnv(env);

function checkUrl(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RunConfigError('CONFIG_TARGET', `${flag} ${text}: not a URL (expected e.g. https://df.apigw.ntruss.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RunConfigError('CONFIG_TARGET', `${flag} ${text}: only http and https URLs can be tested`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new RunConfigError('CONFIG_TARGET', `${flag} ${text}: a base URL carries no query or fragment`);
  }
  return text.replace(/\/+$/, '');
}

/** `URL` or `SERVICE=URL`, each at most once; `flag` is the option messages name (`--upstream` for the proxy). */
export function parseBaseUrls(values: readonly string[], catalog: readonly Service[], flag = '--base-url'): BaseUrls {
  const urls: BaseUrls = { byService: {} };
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq < 0 ? '' : value.slice(0, eq);
    if (name !== '' && !name.includes(':') && !name.includes('/')) {
      if (!catalog.some((s) => s.id === name)) {
        throw new RunConfigError(
          'CONFIG_TARGET',
          `${flag} ${value}: unknown service "${name}"; services: ${catalog.map((s) => s.id).join(', ')}`,
        );
      }
      if (urls.byService[name] !== undefined) {
        throw new RunConfigError('CONFIG_TARGET', `${flag} ${name}=… is given twice`);
      }
      urls.byService[name] = checkUrl(value.slice(eq + 1), flag);
    } else {
      if (urls.all !== undefined) {
        throw new RunConfigError(
          'CONFIG_TARGET',
          `${flag} without a service is given twice (${urls.all}, ${value}); use SERVICE=URL for several`,
        );
      }
      urls.all = checkUrl(value, flag);
    }
  }
  return urls;
}

/** A signer the user started to configure but did not finish (HUAWEI_AK without HUAWEI_SK): worth naming as such. */
function halfConfigured(signer: Signer, missing: MissingCredentialsError): boolean {
  return missing.variables.length !== signer.envVars.length || missing.variables.some((name) => !signer.envVars.includes(name));
}

/**
 * The first of the service's signers whose credentials are available, in the service's order of preference;
 * otherwise what each of them would need.
 */
async function signingFor(service: Service, env: Env, source: CredentialSource): Promise<Signing | MissingCredentialsError[]> {
  const missing: MissingCredentialsError[] = [];
  for (const id of service.signers) {
    const signer = SIGNERS[id] as Signer;
    let credentials: unknown;
    try {
      credentials = await source(signer, env);
    } catch (error) {
      // IAM refusing the password is a configuration problem of the run, found before any request is sent.
      throw new RunConfigError('CONFIG_MISSING_CREDENTIALS', `${service.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(credentials instanceof MissingCredentialsError)) {
      return { signer, credentials };
    }
    if (halfConfigured(signer, credentials)) {
      throw new RunConfigError('CONFIG_MISSING_CREDENTIALS', `${service.id}: ${credentials.message}`);
    }
    missing.push(credentials);
  }
  return missing;
}

/** A live base URL: credentials are required, from the environment (or IAM, for a Huawei token). */
export async function liveTarget(
  service: Service,
  baseUrl: string,
  env: Env,
  source: CredentialSource = resolveCredentials,
): Promise<Target> {
  const signing = await signingFor(service, env, source);
  if (Array.isArray(signing)) {
    const needs = signing.map((missing) => missing.message).join('; or ');
    throw new RunConfigError('CONFIG_MISSING_CREDENTIALS', `${service.id} at ${baseUrl}: ${needs}`);
  }
  return { kind: 'live', baseUrl, signing, signer: signing.signer.id };
}

/** The embedded mock: signed when the environment holds credentials, so the signers are exercised, else unsigned. */
export async function mockTarget(service: Service, url: string, env: Env): Promise<Target> {
  const signing = await signingFor(service, env, variablesOnly);
  return Array.isArray(signing)
    ? { kind: 'mock', baseUrl: url, signing: undefined, signer: service.signers[0] as SignerId }
    : { kind: 'mock', baseUrl: url, signing, signer: signing.signer.id };
}
