import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { send, waitFor } from '../../contract-tests/mock/testing.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import type { StandIn } from '../../contract-tests/support/stand-in.ts';
import { main } from '../cli.ts';

/** `proxy --resign` signs with the team's keys: it is no open relay, in front of the NCP stand-in. */

const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

let standIn: StandIn;
let cwd: string;
beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-safety-'));
});
afterAll(async () => {
  await standIn?.close();
  await rm(cwd, { recursive: true, force: true });
});

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** One request through `proxy --resign` (plus `argv`): what the caller got, what reached the stand-in, the report's findings. */
async function through(argv: string[], path: string, body: string) {
  const out: string[] = [];
  const stop = new AbortController();
  const exit = main(
    ['proxy', '--port', '0', '--upstream', `ncp-dataforest=${standIn.url}`, '--resign', '--report', 'json=r.json', ...argv],
    {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      cwd,
      env,
      signal: stop.signal,
    },
  );
  const url = await waitFor(() => /Proxy listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1]);
  const before = standIn.calls.length;
  const reply = await send(`${url}${path}`, { headers: JSON_HEADERS, body });
  // The exchange's line (`✓ ncp-dataforest …`, unindented unlike the listing of upstreams) once it is checked.
  await waitFor(() => (/^\S+ ncp-dataforest /m.test(out.join('')) ? true : undefined));
  stop.abort();
  const code = await exit;
  const report = JSON.parse(await readFile(join(cwd, 'r.json'), 'utf8')) as {
    results: { findings: { rule: string; message: string }[] }[];
  };
  return {
    code,
    status: reply.status,
    reply: JSON.parse(reply.text) as unknown,
    reachedUpstream: standIn.calls.length - before,
    rules: report.results.flatMap((r) => r.findings.map((f) => f.rule)),
  };
}

describe('proxy --resign forwards only documented operations, and unsafe ones only with --allow-unsafe', () => {
  const DELETE = ['/api/v2/notebooks/delete', '{"id":"7kHeVWhiRsxdRl0nXz04ri"}'] as const;
  const UNDOCUMENTED = ['/api/v2/accounts/getEverything', '{}'] as const;
  const READ = ['/api/v2/accounts/getDetail', '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'] as const;
  test.each([
    ['a read operation: forwarded', [], READ, { code: 0, status: 200, reachedUpstream: 1, rules: [] }],
    ['a destructive operation: refused', [], DELETE, { code: 1, status: 403, reachedUpstream: 0, rules: ['proxy-refused'] }],
    [
      'a destructive operation with --allow-unsafe: forwarded',
      ['--allow-unsafe'],
      DELETE,
      { code: 0, status: 200, reachedUpstream: 1, rules: [] },
    ],
    [
      'an undocumented path: refused, even with --allow-unsafe',
      ['--allow-unsafe'],
      UNDOCUMENTED,
      { code: 1, status: 403, reachedUpstream: 0, rules: ['proxy-refused'] },
    ],
  ] as const)('%s', async (_name, argv, [path, body], want) => {
    const { reply, ...seen } = await through([...argv], path, body);
    expect(seen).toEqual(want);
    if (want.status === 403) {
      // The refusal comes in NCP's own error envelope, so the caller's client reads it as any other error.
      expect(reply).toMatchObject({ error: { message: expect.stringMatching(/^api-contracts proxy: not forwarded: /) } });
    }
  });
});

test('--resign with a --host other machines reach: refused unless --allow-remote, one line, exit 2', async () => {
  const err: string[] = [];
  const code = await main(['proxy', '--upstream', standIn.url, '--resign', '--host', '0.0.0.0'], {
    stdout: () => {},
    stderr: (t) => err.push(t),
    cwd,
    env,
  });
  expect({ code, err: err.join('') }).toEqual({
    code: 2,
    err: 'api-contracts proxy: --host 0.0.0.0 with --resign would sign, with your keys, the requests of anyone who reaches the port; --allow-remote if that is meant\n',
  });
});
