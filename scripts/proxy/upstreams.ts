import type { Signing } from '../../contract-tests/client/client.ts';
import { liveTarget, parseBaseUrls } from '../../contract-tests/runner/targets.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type Env, SIGNERS } from '../../schemas/_shared/signing/index.ts';
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
  const probe = signing.signer.sign({ method: 'GET', origin, pathWithQuery: '/', headers: {}, body: '' }, signing.credentials, Date.now());
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
      const signing = resign ? (await liveTarget(service, url, env)).signing : undefined;
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
