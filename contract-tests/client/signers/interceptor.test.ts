import { Readable } from 'node:stream';
import { Agent, interceptors } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { credentialsLookup, getSigner, SIGNERS, type SignerId } from '../../../schemas/_shared/signing/index.ts';
import { signingInterceptor } from './interceptor.ts';
import { SIGNING_ENV, startRecordingServer } from './test-server.ts';

const ENV = SIGNING_ENV;
const START = Date.UTC(2025, 1, 20, 9, 0, 0);

/** Steps a second per call, so consecutive signatures are distinguishable. */
function steppingClock(): () => number {
  let now = START;
  return () => {
    now += 1000;
    return now;
  };
}

// Every request is answered 503 once when it asks for it, then 200; retries come from undici's retry interceptor.
const server = await startRecordingServer((request, res, index) => {
  const failFirst = request.headers['x-test-fail-first'] === 'yes' && index === 0;
  res.writeHead(failFirst ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
});
let agent: Agent | undefined;

afterEach(async () => {
  await agent?.close();
  server.received.length = 0;
});
afterAll(() => server.close());

function verifyAll(id: SignerId) {
  const signer = getSigner(id);
  const lookup = credentialsLookup(signer, [signer.credentialsFromEnv(ENV)]);
  return server.received.map((r) => signer.verify(r, lookup, START));
}

describe('signingInterceptor', () => {
  it.each([
    { id: 'ncp-apigw-v2', dated: 'x-ncp-apigw-timestamp', stamps: ['1740042001000', '1740042002000'] },
    { id: 'huawei-aksk', dated: 'x-sdk-date', stamps: ['20250220T090001Z', '20250220T090002Z'] },
    { id: 'huawei-token', dated: 'x-auth-token', stamps: [ENV.HUAWEI_AUTH_TOKEN, ENV.HUAWEI_AUTH_TOKEN] },
  ] as const)('$id: two requests, each signed on its own and accepted', async ({ id, dated, stamps }) => {
    const signer = getSigner(id);
    agent = new Agent();
    const client = agent.compose(signingInterceptor({ signer, credentials: signer.credentialsFromEnv(ENV) }, steppingClock()));
    const headers = Object.freeze({ 'Content-Type': 'application/json' });
    for (const body of ['{"n":1}', '{"n":2}']) {
      const res = await client.request({ origin: server.origin, path: '/api/v2/x?lang=en', method: 'POST', headers, body });
      await res.body.dump();
    }
    expect(server.received.map((r) => r.headers[dated])).toEqual(stamps);
    expect(verifyAll(id)).toEqual([{ ok: true }, { ok: true }]);
    expect(server.received.map((r) => r.body)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it.each([
    { id: 'ncp-apigw-v2', dated: 'x-ncp-apigw-timestamp', stamps: ['1740042001000', '1740042002000'] },
    { id: 'huawei-aksk', dated: 'x-sdk-date', stamps: ['20250220T090001Z', '20250220T090002Z'] },
  ] as const)('$id: a retry is signed again with a fresh timestamp', async ({ id, dated, stamps }) => {
    const signer = getSigner(id);
    agent = new Agent();
    const client = agent.compose(
      signingInterceptor({ signer, credentials: signer.credentialsFromEnv(ENV) }, steppingClock()),
      interceptors.retry({ maxRetries: 1, minTimeout: 1, methods: ['POST'], statusCodes: [503] }),
    );
    const res = await client.request({
      origin: server.origin,
      path: '/v3/p/nodes/n1/session',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-fail-first': 'yes' },
      body: '{"sessions":["34631"]}',
    });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect(server.received.map((r) => r.headers[dated])).toEqual(stamps);
    expect(verifyAll(id)).toEqual([{ ok: true }, { ok: true }]);
  });

  it('accepts headers given as a flat array or as pairs, and sends each once', async () => {
    const signer = SIGNERS['ncp-apigw-v2'];
    agent = new Agent();
    const client = agent.compose(
      signingInterceptor({ signer, credentials: { accessKey: ENV.NCP_ACCESS_KEY, secretKey: ENV.NCP_SECRET_KEY } }),
    );
    for (const headers of [['Accept', 'application/xml'], new Map([['Accept', 'application/xml']])]) {
      await (await client.request({ origin: server.origin, path: '/a', method: 'GET', headers })).body.dump();
    }
    expect(server.received.map((r) => r.headers.accept)).toEqual(['application/xml', 'application/xml']);
  });

  it.each([
    {
      name: 'a streamed body under a signer that covers the body',
      id: 'huawei-aksk',
      options: { body: Readable.from(['{}']) },
      error: { code: 'SIGNING_UNSUPPORTED_BODY', signer: 'huawei-aksk' },
    },
    {
      name: 'a query object, which undici would append after signing',
      id: 'ncp-apigw-v2',
      options: { query: { a: 1 } },
      error: { code: 'SIGNING_UNSUPPORTED_QUERY', signer: 'ncp-apigw-v2' },
    },
  ] as const)('rejects $name without sending it', async ({ id, options, error }) => {
    const signer = getSigner(id);
    agent = new Agent();
    const client = agent.compose(signingInterceptor({ signer, credentials: signer.credentialsFromEnv(ENV) }));
    await expect(client.request({ origin: server.origin, path: '/a', method: 'POST', ...options })).rejects.toMatchObject(error);
    expect(server.received).toEqual([]);
  });
});
