import type { Signing } from '../../contract-tests/client/client.ts';
import { resolveCredentials } from '../../contract-tests/client/signers/credentials.ts';
import { signedHeaders } from '../../contract-tests/client/signers/sign.ts';
import { type CredentialSource, liveTarget, parseBaseUrls } from '../../contract-tests/runner/targets.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type Env, MissingCredentialsError, SIGNERS } from '../../schemas/_shared/signing/index.ts';
import { UsageError } from '../cli/command.ts';

/** Where one service's traffic goes. */
export interface Upstream {
  service: Service;
  /** As given, without a trailing slash: `https://df.apigw.ntruss.com`. */
  url: string;
  /** Scheme, host and port. */
  origin: string;
  /** The base URL's own path, put before each request's path ('' for most). */
  prefix: string;
  /** With `--resign`: the live-run credentials each forwarded request is signed with. */
  signing: Signing | undefined;
  /** Lower-case names of the caller's auth headers that re-signing replaces (none without `--resign`). */
  replaced: ReadonlySet<string>;
}

/**
 * The headers a re-signed request must not keep from its caller: every secret-bearing header of the service's
 * schemes, and whatever the signer writes (found by signing a probe once, so no scheme's headers are named here).
 * `host` stays out: the forwarded request always names the upstream's host.
 */
function replacedHeaders(service: Service, signing: Signing, origin: string): Set<string> {
  const probe = signedHeaders(signing, { method: 'GET', origin, pathWithQuery: '/', headers: {}, body: '' }, Date.now());
  const names = [...service.signers.flatMap((id) => Object.keys(SIGNERS[id].sensitiveHeaders)), ...Object.keys(probe)];
  return new Set(names.map((name) => name.toLowerCase()).filter((name) => name !== 'host'));
}

/**
 * `--upstream URL` (every service) and `--upstream SERVICE=URL` (that one; it wins over a plain URL), checked
 * before anything listens. With `resign`, each served service needs the credentials of a live run, else the
 * configuration error names the variables to set.
 */
export async function resolveUpstreams(
  values: readonly string[],
  catalog: readonly Service[],
  resign: boolean,
  env: Env,
  source: CredentialSource = resolveCredentials,
): Promise<Upstream[]> {
  if (values.length === 0) {
    throw new UsageError('--upstream is required: --upstream https://df.apigw.ntruss.com, or --upstream SERVICE=URL per service');
  }
  const urls = parseBaseUrls(values, catalog, '--upstream');
  const served = catalog.flatMap((service) => {
    const url = urls.byService[service.id] ?? urls.all;
    return url === undefined ? [] : [{ service, url }];
  });
  return Promise.all(
    served.map(async ({ service, url }) => {
      const parsed = new URL(url);
      const signing = resign ? (await liveTarget(service, url, env, source)).signing : undefined;
      return {
        service,
        url,
        origin: parsed.origin,
        prefix: parsed.pathname.replace(/\/+$/, ''),
        signing,
        replaced: signing ? replacedHeaders(service, signing, parsed.origin) : new Set<string>(),
      };
    }),
  );
}

/**
 * Asks each re-signing upstream's credential source again. An IAM token lives 24 hours and its source renews it
 * shortly before expiry, but a proxy runs for days: signing every request with the token it started with would
 * turn every exchange into an `auth` finding a day later. Credentials from variables come back unchanged. A renewal
 * that fails keeps the current credentials (tried again next time; once they expire, the upstream's refusals are
 * reported as `auth`) and is named in the messages resolved, one per upstream.
 */
export async function renewCredentials(
  upstreams: readonly Upstream[],
  env: Env,
  source: CredentialSource = resolveCredentials,
): Promise<string[]> {
  const failures = await Promise.all(
    upstreams.map(async ({ service, signing }) => {
      if (signing === undefined) {
        return [];
      }
      const failed = (why: string) => [
        `api-contracts proxy: could not renew the ${signing.signer.id} credentials of ${service.id} (${why}); signing with the current ones`,
      ];
      try {
        const renewed = await source(signing.signer, env);
        if (renewed instanceof MissingCredentialsError) {
          return failed(renewed.message);
        }
        signing.credentials = renewed;
        return [];
      } catch (error) {
        return failed(error instanceof Error ? error.message : String(error));
      }
    }),
  );
  return failures.flat();
}
