import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNERS } from '../../schemas/_shared/signing/index.ts';
import { services } from '../../schemas/index.ts';
import { main } from '../../scripts/cli.ts';
import { type RunningMock, startMock } from '../mock/server.ts';
import { errorEnvelope, send } from '../mock/testing.ts';

const NOW = Date.UTC(2025, 1, 20, 0, 32, 55);
const MINUTE = 60_000;
const ENV = {
  NCP_ACCESS_KEY: 'NCPACCESSKEY0001',
  NCP_SECRET_KEY: 'ncp-secret-never-shown',
  HUAWEI_AK: 'HUAWEIACCESSKEY01',
  HUAWEI_SK: 'huawei-secret-never-shown',
  HUAWEI_AUTH_TOKEN: 'huawei-token-never-shown',
};
const SECRETS = [ENV.NCP_SECRET_KEY, ENV.HUAWEI_SK, ENV.HUAWEI_AUTH_TOKEN];

// The documented account: an id no example names would get the documented not-allowed answer, not the success.
const NCP = { service: 'ncp-dataforest', path: '/api/v2/accounts/getDetail', body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}' };
const DDS = {
  service: 'huawei-dds',
  path: '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes/520c58ba00a3497e97ce0b9604874dd6no02/session',
  body: '{"sessions":["34631","34703"]}',
};

type Target = typeof NCP;
type Signing =
  | { signer: 'ncp-apigw-v2' | 'huawei-aksk'; secret?: string; accessKey?: string; at?: number }
  | { signer: 'huawei-token'; token: string }
  | { signer: 'none' };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ verifyAuth: true, credentials: ENV, now: () => NOW });
});
afterAll(() => mock?.close());

/** Signs with the same signer a live run uses, with credentials and clock the case may get wrong on purpose. */
function authHeaders(target: Target, signing: Signing, headers: Record<string, string>): Record<string, string> {
  const request = { method: 'POST', origin: mock.url, pathWithQuery: target.path, headers, body: target.body };
  switch (signing.signer) {
    case 'none':
      return {};
    case 'huawei-token':
      return SIGNERS['huawei-token'].sign(request, { token: signing.token }, NOW);
    case 'ncp-apigw-v2':
      return SIGNERS['ncp-apigw-v2'].sign(
        request,
        { accessKey: signing.accessKey ?? ENV.NCP_ACCESS_KEY, secretKey: signing.secret ?? ENV.NCP_SECRET_KEY },
        signing.at ?? NOW,
      );
    case 'huawei-aksk':
      return SIGNERS['huawei-aksk'].sign(
        request,
        { accessKey: signing.accessKey ?? ENV.HUAWEI_AK, secretKey: signing.secret ?? ENV.HUAWEI_SK },
        signing.at ?? NOW,
      );
  }
}

interface Case {
  name: string;
  target: Target;
  signing: Signing;
  want: { status: number; message?: RegExp };
}

const cases: Case[] = [
  { name: 'NCP: correctly signed', target: NCP, signing: { signer: 'ncp-apigw-v2' }, want: { status: 200 } },
  {
    name: 'NCP: signed 4 minutes ago is inside the window',
    target: NCP,
    signing: { signer: 'ncp-apigw-v2', at: NOW - 4 * MINUTE },
    want: { status: 200 },
  },
  {
    name: 'NCP: wrong secret',
    target: NCP,
    signing: { signer: 'ncp-apigw-v2', secret: 'wrong' },
    want: {
      status: 401,
      message: /^authentication failed: signature does not match the string to sign "POST \/api\/v2\/accounts\/getDetail\\n/,
    },
  },
  {
    name: 'NCP: unknown access key',
    target: NCP,
    signing: { signer: 'ncp-apigw-v2', accessKey: 'SOMEONEELSESKEY1' },
    want: { status: 401, message: /access key SOME\*\*\*KEY1 is not known/ },
  },
  {
    name: 'NCP: timestamp 6 minutes behind',
    target: NCP,
    signing: { signer: 'ncp-apigw-v2', at: NOW - 6 * MINUTE },
    want: { status: 401, message: /x-ncp-apigw-timestamp is 360 s behind the server clock \(allowed: 300 s\)/ },
  },
  {
    name: 'NCP: no signature headers',
    target: NCP,
    signing: { signer: 'none' },
    want: { status: 401, message: /^authentication failed: request has no x-ncp-apigw-timestamp header$/ },
  },
  { name: 'Huawei: AK/SK correctly signed', target: DDS, signing: { signer: 'huawei-aksk' }, want: { status: 200 } },
  {
    name: 'Huawei: AK/SK wrong secret',
    target: DDS,
    signing: { signer: 'huawei-aksk', secret: 'wrong' },
    want: { status: 401, message: /signature does not match; canonicalRequest: POST\|\/v3\/619d3e78f61b4be68bc5aa0b59edcf7b\/nodes/ },
  },
  {
    name: 'Huawei: X-Sdk-Date 16 minutes ahead',
    target: DDS,
    signing: { signer: 'huawei-aksk', at: NOW + 16 * MINUTE },
    want: { status: 401, message: /x-sdk-date is 960 s ahead of the server clock/ },
  },
  {
    name: 'Huawei: the configured token',
    target: DDS,
    signing: { signer: 'huawei-token', token: ENV.HUAWEI_AUTH_TOKEN },
    want: { status: 200 },
  },
  {
    name: 'Huawei: another token',
    target: DDS,
    signing: { signer: 'huawei-token', token: 'stolen' },
    want: { status: 401, message: /X-Auth-Token is not a token this server accepts/ },
  },
  {
    name: 'Huawei: no credentials at all',
    target: DDS,
    signing: { signer: 'none' },
    want: {
      status: 401,
      message: /request carries no credentials; expected Huawei Cloud AK\/SK \(SDK-HMAC-SHA256\) or Huawei Cloud IAM token/,
    },
  },
];

describe('--verify-auth', () => {
  it.each(cases)('$name', async ({ target, signing, want }) => {
    const headers = { 'content-type': 'application/json' };
    const reply = await send(`${mock.url}${target.path}`, {
      headers: { ...headers, ...authHeaders(target, signing, headers) },
      body: target.body,
    });
    expect(reply.status).toBe(want.status);
    expect(SECRETS.filter((secret) => reply.text.includes(secret))).toEqual([]);
    if (want.message) {
      const service = services.find((s) => s.id === target.service);
      const body = errorEnvelope(service as (typeof services)[number], reply) as Record<string, unknown>;
      const message = String((body.error as { message?: string } | undefined)?.message ?? body.error_msg);
      expect(message).toMatch(want.message);
    }
  });

  it('answers a refused NCP signature in <ErrorResponse> when XML is accepted', async () => {
    const reply = await send(`${mock.url}${NCP.path}`, {
      headers: { 'content-type': 'application/json', accept: 'application/xml' },
      body: NCP.body,
    });
    expect({ status: reply.status, body: errorEnvelope(services[0] as (typeof services)[number], reply) }).toEqual({
      status: 401,
      body: {
        root: 'ErrorResponse',
        value: { message: 'authentication failed: request has no x-ncp-apigw-timestamp header', success: false },
      },
    });
  });
});

describe('--verify-auth without credentials', () => {
  const cases: { name: string; services: string[]; env: Record<string, string>; want: string }[] = [
    {
      name: 'NCP without keys',
      services: ['ncp-dataforest'],
      env: {},
      want: '--verify-auth for ncp-dataforest needs NCP_ACCESS_KEY and NCP_SECRET_KEY (ncp-apigw-v2) in the environment, or leave the service out with --service',
    },
    {
      name: 'Huawei with neither AK/SK nor token',
      services: ['huawei-dcs'],
      env: {},
      want: '--verify-auth for huawei-dcs needs HUAWEI_AK and HUAWEI_SK (huawei-aksk), or HUAWEI_AUTH_TOKEN (huawei-token) in the environment, or leave the service out with --service',
    },
    {
      name: 'Huawei AK without SK, even with a token',
      services: ['huawei-dds'],
      env: { HUAWEI_AK: 'AK', HUAWEI_AUTH_TOKEN: 'token' },
      want: '--verify-auth for huawei-dds: huawei-aksk needs HUAWEI_SK in the environment',
    },
  ];
  it.each(cases)('$name: refuses to start, naming the variable', async ({ services: ids, env, want }) => {
    await expect(startMock({ verifyAuth: true, services: ids, credentials: env })).rejects.toMatchObject({
      code: 'CONFIG_MISSING_CREDENTIALS',
      message: want,
    });
  });

  it('exits 2 from the command line', async () => {
    const stderr: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => stderr.push(text), cwd: process.cwd(), env: {} };
    expect(await main(['mock', '--verify-auth', '--port', '0', '--service', 'ncp-dataforest'], io)).toBe(2);
    expect(stderr.join('')).toMatchInlineSnapshot(`
      "api-contracts mock: --verify-auth for ncp-dataforest needs NCP_ACCESS_KEY and NCP_SECRET_KEY (ncp-apigw-v2) in the environment, or leave the service out with --service
      "
    `);
  });
});
