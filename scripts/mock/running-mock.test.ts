import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contract-tests/report/report.ts';

/**
 * The flow of a CI service container or docker-compose: `api-contracts mock &`, then `api-contracts test
 * --base-url` at it, each its own process. No credential variable is set unless a case says so.
 */
const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/api-contracts.js');

/** The environment without any credential variable of the parent's, plus `extra`. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NCP_|HUAWEI_)/.test(name)));
  return { ...clean, ...extra };
}

interface Mock {
  url: string;
  child: ChildProcess;
}

/** `api-contracts mock --port 0 …` as a child process, once it says where it listens. */
async function startMockProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<Mock> {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', ...argv], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const listening = /Mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (listening) {
        resolve(listening[1] as string);
      }
    });
    child.once('close', (code) => reject(new Error(`the mock exited with ${code} before listening:\n${out}`)));
  });
  return { url, child };
}

async function stop({ child }: Mock): Promise<void> {
  if (child.exitCode === null) {
    const closed = once(child, 'close');
    child.kill('SIGTERM');
    await closed;
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-contracts-running-mock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `api-contracts test --base-url URL …` as a child process: its exit code, output and JSON report. */
async function testProcess(argv: string[], env: NodeJS.ProcessEnv, name: string) {
  const file = join(dir, `${name}.json`);
  const child = spawn(process.execPath, [bin, 'test', ...argv, '--report', `json=${file}`, '--report', `md=${file}.md`], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const [code] = await once(child, 'close');
  const report = JSON.parse(await readFile(file, 'utf8')) as Report;
  return { code: code as number, output, report, markdown: await readFile(`${file}.md`, 'utf8') };
}

/** What every case of the run came to, grouped: a green run against the mock is one line. */
function verdicts(report: Report): string[] {
  return [
    ...new Set(report.results.map((r) => `${r.status} on the ${r.targetKind}${r.findings.length > 0 ? ` ${r.findings[0]?.rule}` : ''}`)),
  ];
}

describe('test --base-url at a running `api-contracts mock`', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMockProcess([], environment());
  });
  afterAll(() => stop(mock));

  it.each(['json', 'xml'])('--format %s: every example passes, no credentials needed, exit 0', async (format) => {
    const { code, output, report, markdown } = await testProcess(['--base-url', mock.url, '--format', format], environment(), format);
    expect(verdicts(report)).toEqual(['passed on the mock']);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0, planned: report.results.length, interrupted: false });
    expect(report.results.length).toBeGreaterThan(100);
    expect(code).toBe(0);
    expect(output.split('\n')[0]).toMatch(
      new RegExp(`^running \\d+ cases \\(\\d+ examples in ${format}\\) against an api-contracts mock at ${mock.url}$`),
    );
    // report.md says what was verified, and where: on the mock, not live.
    expect(markdown.split('\n').slice(0, 3).join('\n')).toMatch(
      new RegExp(
        `^## API contracts: ✅ all contracts hold\\n\\nTarget: \`${mock.url}\` \\(an api-contracts mock: verified on the mock, not live\\)`,
      ),
    );
    // What no example sends is listed as such, not as "not verified".
    expect([...markdown.matchAll(/<summary>([^<]*)<\/summary>/g)].map(([, title]) => title?.replace(/\d+/, 'N'))).toEqual([
      'Documented without an example (nothing sends them): N operations',
    ]);
  });
});

describe('test --base-url at a running `api-contracts mock --verify-auth`', () => {
  const credentials = {
    NCP_ACCESS_KEY: 'RUNNINGMOCKACCESS001',
    NCP_SECRET_KEY: 'running-mock-secret',
    HUAWEI_AK: 'RUNNINGMOCKHUAWEIAK1',
    HUAWEI_SK: 'running-mock-huawei-sk',
  };
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMockProcess(['--verify-auth'], environment(credentials));
  });
  afterAll(() => stop(mock));

  it('with the same credentials: every example passes, signed, exit 0', async () => {
    const { code, report } = await testProcess(['--base-url', mock.url], environment(credentials), 'signed');
    expect(verdicts(report)).toEqual(['passed on the mock']);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0, planned: report.results.length });
    expect(code).toBe(0);
  });

  it('without credentials: the mock still refuses every request (auth), exit 1', async () => {
    const { code, report } = await testProcess(['--base-url', mock.url, '--service', 'ncp-dataforest'], environment(), 'unsigned');
    expect(verdicts(report)).toEqual(['failed on the mock auth']);
    expect(code).toBe(1);
  });

  it('with another secret: refused too', async () => {
    const wrong = environment({ ...credentials, NCP_SECRET_KEY: 'not-the-mock-secret' });
    const { code, report } = await testProcess(['--base-url', mock.url, '--service', 'ncp-dataforest'], wrong, 'wrong');
    expect(verdicts(report)).toEqual(['failed on the mock auth']);
    expect(code).toBe(1);
  });
});
