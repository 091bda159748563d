import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../contract-tests/mock/testing.ts';
import { runContracts } from '../../contract-tests/runner/run.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import type { StandIn } from '../../contract-tests/support/stand-in.ts';
import { main } from '../cli.ts';

const credentials = { accessKey: 'PROXYHISTORYKEY00001', secretKey: 'proxy-history-secret-0123456789' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

let standIn: StandIn;
let cwd: string;
beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-proxy-history-'));
});
afterAll(async () => {
  await standIn?.close();
  await rm(cwd, { recursive: true, force: true });
});

it('proxy --history appends one record of the session: per operation, format and status, with the answers merged into one shape', async () => {
  const out: string[] = [];
  const stop = new AbortController();
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), cwd, env };
  const exit = main(['proxy', '--port', '0', '--upstream', `ncp-dataforest=${standIn.url}`, '--history', 'h'], {
    ...io,
    signal: stop.signal,
  });
  const url = await waitFor(() => /Proxy listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1]);
  // accountsGetDetail in JSON through the proxy: its list read first, then its examples.
  const run = await runContracts({ baseUrls: [url], operations: ['accountsGetDetail'], format: 'json', env });
  stop.abort();
  expect(await exit).toBe(0);
  expect(out.join('')).toContain('history: h/ncp-dataforest/');
  const [file] = await readdir(join(cwd, 'h', 'ncp-dataforest'));
  const text = await readFile(join(cwd, 'h', 'ncp-dataforest', file as string), 'utf8');
  const record = JSON.parse(text);
  expect(record).toMatchObject({ v: 1, service: 'ncp-dataforest', shard: '1/1', source: 'proxy', target: 'live' });
  const cases = record.cases.map(
    (c: { op: string; fmt: string; ex: string; out: string; n: number }) => `${c.op} ${c.fmt} ${c.ex} ${c.out} ×${c.n}`,
  );
  // One row per status, standing for as many exchanges as the runner sent that got it (plus the list read it chained).
  const sent = run.results.filter((r) => r.httpStatus !== null);
  const count = (status: number) => sent.filter((r) => r.httpStatus === status).length;
  expect(count(200)).toBeGreaterThan(0);
  expect(cases).toEqual([
    `accountsGetDetail json HTTP 200 passed ×${count(200)}`,
    `accountsGetDetail json HTTP 403 passed ×${count(403)}`,
    'accountsGetList json HTTP 200 passed ×1',
  ]);
  const detail = record.cases.find((c: { op: string; http: number }) => c.op === 'accountsGetDetail' && c.http === 200);
  expect(record.shapes[detail.shape].v).toEqual({ '/quotas/*/namespace': ['koya', 'tata'], '/status': ['RUNNING'] });
  for (const secret of [credentials.accessKey, credentials.secretKey, 'ArvQ8mZ2cLp4sWd7Tkfn']) {
    expect(text).not.toContain(secret);
  }
  const history: string[] = [];
  expect(await main(['history', 'h'], { ...io, stdout: (t) => history.push(t) })).toBe(0);
  expect(history.join('')).toMatch(/^ncp-dataforest: 1 run since .*is green \(3 passed/);
});
