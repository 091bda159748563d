import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIFTS, type Drift } from '../../contract-tests/support/drifts.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import { injecting, type StandIn } from '../../contract-tests/support/stand-in.ts';
import { main } from '../cli.ts';

/** `proxy … -- COMMAND`: a real child command that calls the API through the proxy, then exits with its own code. */

const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const env = { PATH: process.env.PATH ?? '', NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

// Reads API_CONTRACTS_PROXY_URL as a team's integration test would, makes one documented call, exits with argv[1].
const CLIENT = `
const response = await fetch(process.env.API_CONTRACTS_PROXY_URL + '/api/v2/accounts/getDetail', {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}',
});
console.log('client got', response.status);
process.exit(Number(process.argv[1]));
`;

let standIn: StandIn;
let cwd: string;
beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-wrap-'));
});
afterAll(async () => {
  await standIn?.close();
  await rm(cwd, { recursive: true, force: true });
});

async function wrap(command: string[], drift?: string) {
  standIn.drift = drift ? injecting(DRIFTS.find((d) => d.name === drift && d.service === 'ncp-dataforest') as Drift) : () => undefined;
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['proxy', '--port', '0', '--upstream', `ncp-dataforest=${standIn.url}`, '--resign', '--report', 'json=report.json', '--', ...command],
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env },
  );
  const report = JSON.parse(await readFile(join(cwd, 'report.json'), 'utf8')) as { exchanges: { passed: number; failed: number } };
  return { code, client: /client got \d+/.exec(out.join(''))?.[0], exchanges: report.exchanges, stderr: err.join('') };
}

describe('proxy -- COMMAND: the proxy runs as long as the command, and the exit code is the verdict', () => {
  test.each([
    ['the command passes and so does the traffic', ['0'], undefined, { code: 0, failed: 0, stderr: '' }],
    [
      'the command fails: its own exit code',
      ['3'],
      undefined,
      { code: 3, failed: 0, stderr: `api-contracts proxy: ${process.execPath} exited with code 3\n` },
    ],
    ['the traffic drifted: 1, though the command passed', ['0'], 'new enum value', { code: 1, failed: 1, stderr: '' }],
  ])('%s', async (_name, args, drift, want) => {
    const run = await wrap([process.execPath, '--input-type=module', '-e', CLIENT, ...args], drift);
    expect(run.client).toBe('client got 200');
    expect({ code: run.code, failed: run.exchanges.failed, stderr: run.stderr }).toEqual(want);
    expect(run.exchanges.passed + run.exchanges.failed).toBe(1);
  });

  test('a command that does not exist: 127, one line, the reports still written', async () => {
    const run = await wrap(['api-contracts-no-such-command']);
    expect({ code: run.code, stderr: run.stderr, exchanges: run.exchanges }).toMatchObject({
      code: 127,
      stderr: 'api-contracts proxy: api-contracts-no-such-command: command not found\n',
      exchanges: { passed: 0, failed: 0 },
    });
  });

  test('-- with nothing after it is a usage error', async () => {
    const err: string[] = [];
    const code = await main(['proxy', '--upstream', standIn.url, '--'], { stdout: () => {}, stderr: (t) => err.push(t), cwd, env });
    expect({ code, err: err.join('') }).toEqual({
      code: 2,
      err: 'api-contracts proxy: -- must be followed by the command to run through the proxy\n',
    });
  });
});
