import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningMock, startMock } from '../../contract-tests/mock/server.ts';
import { send } from '../../contract-tests/mock/testing.ts';
import { MOCK_HEADER, PROBE_HEADER } from '../../contract-tests/mock-identity.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import type { StandIn } from '../../contract-tests/support/stand-in.ts';
import { main } from '../cli.ts';
import { type Exchange, startProxy } from './server.ts';

/**
 * `test --base-url` asks once whether a mock answers (an unsigned GET marked with PROBE_HEADER). Through the proxy
 * that question is the tool's own: forwarded, so the mock's identity comes back, but never signed, refused or
 * recorded, so `proxy --strict -- api-contracts test --base-url $API_CONTRACTS_PROXY_URL` is not failed by it.
 */

const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const keys = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };
const BIN = resolve(import.meta.dirname, '../../bin/api-contracts.js');

let mock: RunningMock;
let standIn: StandIn;
let cwd: string;
beforeAll(async () => {
  mock = await startMock({ services: ['ncp-dataforest'] });
  standIn = await startNcpStandIn(credentials);
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-probe-'));
});
afterAll(async () => {
  await mock?.close();
  await standIn?.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('the probe through the proxy', () => {
  test.each([
    ['in front of the mock: the mock answers, its header comes back', false, () => mock.url, { status: 404, mockHeader: true }],
    // Unsigned, the stand-in refuses it (401, not the proxy's own 403): "not a mock", and no key was used.
    [
      '--resign, in front of a signature-checking upstream: forwarded unsigned',
      true,
      () => standIn.url,
      { status: 401, mockHeader: false },
    ],
  ] as const)('%s; no exchange recorded', async (_name, resign, upstream, want) => {
    const exchanges: Exchange[] = [];
    const signedBefore = standIn.signed;
    const proxy = await startProxy({
      upstreams: [`ncp-dataforest=${upstream()}`],
      resign,
      env: keys,
      onExchange: (e) => exchanges.push(e),
    });
    try {
      const reply = await send(`${proxy.url}/`, { method: 'GET', headers: { [PROBE_HEADER]: '1' } });
      await proxy.checked();
      expect({ status: reply.status, mockHeader: reply.headers[MOCK_HEADER] !== undefined }).toEqual(want);
      expect({ exchanges, signed: standIn.signed - signedBefore }).toEqual({ exchanges: [], signed: 0 });
    } finally {
      await proxy.close();
    }
  });
});

test('the probe header does not take a documented operation past the checks: it is recorded as any call', async () => {
  const dcs = await startMock({ services: ['huawei-dcs'] });
  const exchanges: Exchange[] = [];
  const proxy = await startProxy({ upstreams: [`huawei-dcs=${dcs.url}`], onExchange: (e) => exchanges.push(e) });
  try {
    const path = '/v2/0605767a8d80d5762f34c00fe0a6ab5e/instances/7a1f8bb4-2b5b-4f23-8e47-5a6d1c2b3e4f/clients';
    await send(`${proxy.url}${path}?node_id=8a2c26c17f4d6516017f4d7b77940030`, { method: 'GET', headers: { [PROBE_HEADER]: '1' } });
    await proxy.checked();
    expect(exchanges.map((e) => e.operationId)).toEqual(['listClients']);
  } finally {
    await proxy.close();
    await dcs.close();
  }
});

describe('proxy --strict -- api-contracts test --base-url $API_CONTRACTS_PROXY_URL, in front of the mock', () => {
  test.each([
    ['callers signatures passed through', []],
    // In mock mode `test` sends every example, writes too: --allow-unsafe lets the re-signing proxy forward them.
    ['--resign --allow-unsafe', ['--resign', '--allow-unsafe']],
  ])('%s: exit 0, every exchange an example of the run', async (_name, argv) => {
    const out: string[] = [];
    const err: string[] = [];
    const script = `exec "$0" "$1" test --base-url "$API_CONTRACTS_PROXY_URL" --service ncp-dataforest --format json`;
    const code = await main(
      [
        'proxy',
        '--port',
        '0',
        '--upstream',
        `ncp-dataforest=${mock.url}`,
        '--strict',
        ...argv,
        '--report',
        'json=proxy.json',
        '--',
        'sh',
        '-c',
        script,
        process.execPath,
        BIN,
      ],
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: { PATH: process.env.PATH ?? '', ...keys } },
    );
    const report = JSON.parse(await readFile(join(cwd, 'proxy.json'), 'utf8')) as {
      exchanges: { total: number; failed: number };
      results: { findings: { rule: string }[] }[];
    };
    const ran = /(\d+) passed/.exec(out.join(''))?.[1];
    expect({ code, stderr: err.join(''), rules: report.results.flatMap((r) => r.findings.map((f) => f.rule)) }).toEqual({
      code: 0,
      stderr: '',
      rules: [],
    });
    expect(report.exchanges.failed).toBe(0);
    expect(String(report.exchanges.total)).toBe(ran);
  });
});
