import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, waitFor } from '../../contract-tests/mock/testing.ts';
import { DRIFTS, type Drift } from '../../contract-tests/support/drifts.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import { injecting, type StandIn } from '../../contract-tests/support/stand-in.ts';
import { main } from '../cli.ts';

const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

let standIn: StandIn;
const dirs: string[] = [];

beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
});
afterAll(async () => {
  await standIn?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs `api-contracts proxy` until it exits, sending `traffic` once it listens; returns its exit code, output and reports. */
async function proxyRun(
  argv: string[],
  environment: Record<string, string>,
  traffic: (url: string) => Promise<void>,
  stop?: AbortController,
) {
  const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-proxy-'));
  dirs.push(cwd);
  const out: string[] = [];
  const reports = ['--report', 'json=r/report.json', '--report', 'junit=r/junit.xml', '--report', 'md=r/report.md'];
  const exit = main(['proxy', '--port', '0', ...argv, ...reports], {
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
    cwd,
    env: environment,
    ...(stop ? { signal: stop.signal } : {}),
  });
  const url = await waitFor(() => /Proxy listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1]);
  await traffic(url);
  stop?.abort();
  const code = await exit;
  const files = await readdir(join(cwd, 'r')).catch(() => []);
  const written = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(join(cwd, 'r', file), 'utf8')])));
  return {
    code,
    output: out.join('').replaceAll(url, 'http://127.0.0.1:PORT').replaceAll(standIn.url, 'http://STAND-IN'),
    reports: written,
  };
}

const DETAIL = '/api/v2/accounts/getDetail';
const BODY = {
  json: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}',
  xml: '<GetAccountDetailRequest><id>ArvQ8mZ2cLp4sWd7Tkfn</id></GetAccountDetailRequest>',
};
const getDetail = (url: string, format: 'json' | 'xml') =>
  send(`${url}${DETAIL}`, { headers: { 'content-type': `application/${format}`, accept: `application/${format}` }, body: BODY[format] });

describe('api-contracts proxy', () => {
  it('--resign, --max-exchanges: unsigned callers are signed for, a drift fails the run, the reports are written, no secret anywhere', async () => {
    standIn.drift = injecting(DRIFTS.find((d) => d.name === 'new enum value' && d.service === 'ncp-dataforest') as Drift);
    try {
      const { code, output, reports } = await proxyRun(
        ['--upstream', `ncp-dataforest=${standIn.url}`, '--resign', '--max-exchanges', '2'],
        env,
        async (url) => {
          expect((await getDetail(url, 'xml')).status).toBe(200);
          expect((await getDetail(url, 'json')).status).toBe(200);
        },
      );
      expect(code).toBe(1);
      expect(output.replace(/ \d+ms/g, ' Nms')).toMatchInlineSnapshot(`
        "Proxy listening on http://127.0.0.1:PORT; re-signing each request (ncp-apigw-v2). Ctrl-C stops it and writes the reports.
          ncp-dataforest → http://STAND-IN
        ✓ ncp-dataforest accountsGetDetail xml 200 Nms
        ✗ ncp-dataforest accountsGetDetail json 200 Nms
            ✗ response-enum-value: /status: "SUSPENDED" is not one of the documented values

        2 exchanges: 1 passed, 1 failed; 1 of 51 operations seen, through http://STAND-IN
        json report: r/report.json
        junit report: r/junit.xml
        md report: r/report.md
        "
      `);
      expect(Object.keys(reports).sort()).toEqual(['junit.xml', 'report.json', 'report.md']);
      expect(JSON.parse(reports['report.json'] as string).exchanges).toEqual({ total: 2, passed: 1, failed: 1 });
      for (const text of [output, ...Object.values(reports)]) {
        expect(text).not.toContain(credentials.secretKey);
        expect(text).not.toContain(credentials.accessKey);
      }
    } finally {
      standIn.drift = () => undefined;
    }
  });

  it('Ctrl-C stops it: exit 0 when every exchange passed, warnings allowed; 1 with --strict', async () => {
    for (const [argv, exit] of [
      [[], 0],
      [['--strict'], 1],
    ] as const) {
      const { code, output } = await proxyRun(
        ['--upstream', `ncp-dataforest=${standIn.url}`, ...argv],
        {},
        async (url) => {
          // Undocumented, unsigned: the stand-in refuses it, the proxy passes the refusal on and names the path.
          expect((await send(`${url}/api/v2/accounts/getEverything`, { body: '{}' })).status).toBe(401);
        },
        new AbortController(),
      );
      expect(output).toContain('undocumented-operation');
      expect(code).toBe(exit);
    }
  });

  const usageCases: { name: string; argv: string[]; env?: Record<string, string>; want: RegExp }[] = [
    { name: 'no upstream', argv: [], want: /^api-contracts proxy: --upstream is required: / },
    {
      name: 'an unknown service',
      argv: ['--upstream', 'nope=http://127.0.0.1:1'],
      want: /^api-contracts proxy: --upstream nope=http:\/\/127.0.0.1:1: unknown service "nope"; services: ncp-dataforest, huawei-dcs, huawei-dds$/,
    },
    {
      name: 'a URL that is not one',
      argv: ['--upstream', 'df.apigw.ntruss.com'],
      want: /^api-contracts proxy: --upstream df.apigw.ntruss.com: not a URL/,
    },
    {
      name: 'a port out of range',
      argv: ['--upstream', 'http://127.0.0.1:1', '--port', '70000'],
      want: /^api-contracts proxy: --port must be an integer from 0 to 65535, not "70000"$/,
    },
    {
      name: 'no exchange to wait for',
      argv: ['--upstream', 'http://127.0.0.1:1', '--max-exchanges', '0'],
      want: /^api-contracts proxy: --max-exchanges must be an integer from 1 to/,
    },
    {
      name: 'an unknown report kind',
      argv: ['--upstream', 'http://127.0.0.1:1', '--report', 'html=r.html'],
      want: /^api-contracts proxy: --report html=r.html: expected KIND=FILE with KIND one of json, junit, md$/,
    },
    {
      name: 'an unknown flag',
      argv: ['--upstream', 'http://127.0.0.1:1', '--resgin'],
      want: /^api-contracts proxy: Unknown option '--resgin' \(see `api-contracts proxy --help`\)$/,
    },
    {
      name: '--resign without credentials',
      argv: ['--upstream', 'ncp-dataforest=http://127.0.0.1:1', '--resign'],
      want: /^api-contracts proxy: ncp-dataforest at http:\/\/127.0.0.1:1: .*NCP_ACCESS_KEY.*NCP_SECRET_KEY/,
    },
  ];
  it.each(usageCases)('$name: exit 2, one line', async ({ argv, want }) => {
    const err: string[] = [];
    const code = await main(['proxy', ...argv], { stdout: () => undefined, stderr: (text) => err.push(text), cwd: process.cwd(), env: {} });
    expect(code).toBe(2);
    expect(err.join('').trimEnd()).toMatch(want);
    expect(err.join('').trimEnd().split('\n')).toHaveLength(1);
  });
});
