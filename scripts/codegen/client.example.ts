/**
 * Calling the APIs through clients generated from spec/: openapi-typescript types (`npm run codegen` writes
 * codegen/<service>.ts) and openapi-fetch, each request signed by this project's signers as openapi-fetch
 * middleware. docs/codegen.md quotes it; codegen.test.ts compiles it under `strict` and runs
 * it against the mock with --verify-auth. Outside the project's type check, since codegen/ is generated.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as Dcs } from '../../codegen/huawei-dcs.ts';
import type { paths as Dds } from '../../codegen/huawei-dds.ts';
import type { paths as DataForest } from '../../codegen/ncp-dataforest.ts';
import { type Env, MissingCredentialsError, SIGNERS, type Signer } from '../../schemas/_shared/signing/index.ts';

/** Signs every request as it leaves, with a fresh timestamp, using the credential variables a live run uses. */
export function signedWith<C>(signer: Signer<C>, env: Env): Middleware {
  const credentials = signer.credentialsFromEnv(env);
  if (credentials instanceof MissingCredentialsError) {
    throw credentials; // names the variables to set
  }
  return {
    async onRequest({ request }) {
      const url = new URL(request.url);
      const headers = signer.sign(
        {
          method: request.method,
          origin: url.origin,
          pathWithQuery: `${url.pathname}${url.search}`,
          headers: Object.fromEntries(request.headers),
          body: signer.signsBody ? new Uint8Array(await request.clone().arrayBuffer()) : undefined,
        },
        credentials,
        Date.now(),
      );
      for (const [name, value] of Object.entries(headers)) {
        request.headers.set(name, value);
      }
      return request;
    },
  };
}

/** Data Forest `accountsGetDetail`: the account's name. */
export async function accountName(baseUrl: string, env: Env, id: string): Promise<string> {
  const client = createClient<DataForest>({ baseUrl });
  client.use(signedWith(SIGNERS['ncp-apigw-v2'], env));
  const { data, error, response } = await client.POST('/api/v2/accounts/getDetail', { body: { id } });
  if (data === undefined) {
    throw new Error(`accountsGetDetail answered ${response.status}: ${JSON.stringify(error)}`);
  }
  return data.name;
}

/** DCS `showNodesInformation`: the id of the instance's first node. */
export async function firstNodeId(baseUrl: string, env: Env, project_id: string, instance_id: string): Promise<string | undefined> {
  const client = createClient<Dcs>({ baseUrl });
  client.use(signedWith(SIGNERS['huawei-aksk'], env));
  const { data, error, response } = await client.GET('/v2/{project_id}/instances/{instance_id}/logical-nodes', {
    params: { path: { project_id, instance_id } },
  });
  if (data === undefined) {
    throw new Error(`showNodesInformation answered ${response.status}: ${error?.error_msg}`);
  }
  return data.nodes[0]?.node_id;
}

/** DDS `listInstances`: the names of the instances with this id. */
export async function instanceNames(baseUrl: string, env: Env, project_id: string, id: string): Promise<string[]> {
  const client = createClient<Dds>({ baseUrl });
  client.use(signedWith(SIGNERS['huawei-aksk'], env));
  const { data, error, response } = await client.GET('/v3/{project_id}/instances', { params: { path: { project_id }, query: { id } } });
  if (data === undefined) {
    throw new Error(`listInstances answered ${response.status}: ${error?.error_msg}`);
  }
  return data.instances.map((instance) => instance.name);
}
