import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_CHARS } from '../../contract-tests/report/markdown.ts';
import type { Report } from '../../contract-tests/report/report.ts';
import { startFaultServer } from '../../contract-tests/support/faults.ts';
import { main } from '../cli.ts';

const SECRET = 'ncp-secret-that-must-never-print';
const LIVE_ENV = { NCP_ACCESS_KEY: 'NCPACCESSKEY00000001', NCP_SECRET_KEY: SECRET };

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-test-'));
  dirs.push(cwd);
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(cwd, name), text);
  }
  return cwd;
}

/** Runs `api-contracts test` in a fresh directory; Ctrl-C is pressed as soon as `interruptWhen` holds of the output so far. */
async function run(
  argv: string[],
  env: Record<string, string> = {},
  files: Record<string, string> = {},
  interruptWhen: (stdout: string) => boolean = () => false,
) {
  const cwd = await tempDir(files);
  const ctrlC = new AbortController();
  let stdout = '';
  let stderr = '';
  const watch = () => {
    if (!ctrlC.signal.aborted && interruptWhen(stdout)) {
      ctrlC.abort();
    }
  };
  watch();
  const code = await main(['test', ...argv], {
    stdout: (text) => {
      stdout += text;
      watch();
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env,
    signal: ctrlC.signal,
  });
  return { code, stdout, stderr, cwd };
}

const REPORTS = ['--report', 'json=out/report.json', '--report', 'junit=out/junit.xml', '--report', 'md=out/report.md'];

async function readReports(cwd: string): Promise<{ json: Report; junit: string; md: string }> {
  const read = (name: string) => readFile(join(cwd, 'out', name), 'utf8');
  return { json: JSON.parse(await read('report.json')), junit: await read('junit.xml'), md: await read('report.md') };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('api-contracts test', () => {
  it.each([
    [['--chek'], "Unknown option '--chek'"],
    [['--shard', '5/4'], '--shard 5/4: expected I/N with 1 <= I <= N, e.g. 1/4'],
    [['--shard', '4/3'], '--shard 4/3: expected I/N with 1 <= I <= N, e.g. 1/4'],
    [['--shard', '0/3'], '--shard 0/3: expected I/N with 1 <= I <= N, e.g. 1/4'],
    [['--service', 'huawei-dds', '--operation', 'deleteSession', '--format', 'xml'], 'the selection holds no example to run'],
    [
      ['--service', 'huawei-dds', '--operation', 'deleteSession', '--format', 'xml', '--shard', '1/2'],
      'the selection holds no example to run',
    ],
    [['--service', 'nope'], 'unknown service "nope"'],
    [['--operation', 'accountsGetDetial'], '(did you mean accountsGetDetail?)'],
    [['--format', 'yaml'], '--format yaml: expected json, xml or both'],
    [['--report', 'pdf=out.pdf'], '--report pdf=out.pdf: expected KIND=FILE with KIND one of json, junit, md'],
    [['--concurrency', '0'], '--concurrency 0: expected a whole number of at least 1'],
    [['--timeout', 'soon'], '--timeout soon: expected seconds, more than 0 and at most 600 (e.g. 30 or 2.5)'],
    [['--timeout', '0'], '--timeout 0: expected seconds'],
    [['--timeout=-1'], '--timeout -1: expected seconds'],
    [['--timeout', '30000'], '--timeout 30000: expected seconds'],
    [['--timeout', '1e3'], '--timeout 1e3: expected seconds'],
    [['--report', 'json=.'], '--report json=.: is a directory; name a file in it, e.g. --report json=report.json'],
    [['--report', 'junit=out/'], '--report junit=out/: is a directory; name a file in it, e.g. --report junit=out/report.xml'],
    [
      ['--report', 'md=README.md/report.md'],
      '--report md=README.md/report.md: cannot create the directory README.md (a file is in the way)',
    ],
    [
      ['--report', 'json=r.json', '--report', 'md=./r.json'],
      '--report md=./r.json: --report json=r.json writes the same file; give each report its own',
    ],
    [['--values', 'values.json'], '--values values.json: cannot read the file (ENOENT)'],
    [['--base-url', 'ftp://example.com'], 'only http and https URLs can be tested'],
    [['--base-url', 'nope=https://example.com'], 'unknown service "nope"'],
    [
      ['--base-url', 'http://127.0.0.1:9', '--service', 'ncp-dataforest'],
      'ncp-dataforest at http://127.0.0.1:9: ncp-apigw-v2 needs NCP_ACCESS_KEY, NCP_SECRET_KEY in the environment',
    ],
    [
      ['--base-url', 'huawei-dds=http://127.0.0.1:9'],
      'huawei-aksk needs HUAWEI_AK, HUAWEI_SK in the environment; or huawei-token needs HUAWEI_AUTH_TOKEN in the environment (or HUAWEI_IAM_USER',
    ],
    [['--base-url', 'huawei-dds=https://dds.example', '--service', 'huawei-dcs'], '--service huawei-dcs has no --base-url'],
  ])('%j is a usage error (exit 2, one line)', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, {}, { 'README.md': 'a file' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--shard 100/100 of a smaller selection: an empty shard, green (exit 0), and every report says so', async () => {
    const { code, stdout, stderr, cwd } = await run(['--service', 'huawei-dds', '--shard', '100/100', ...REPORTS]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'nothing to run: this shard holds none of the selected operations (there are fewer of them than shards)',
      '',
      expect.stringMatching(/^0 passed, 0 failed, 0 skipped in \d+ms against nothing: the shard is empty$/),
    ]);
    const { json, md } = await readReports(cwd);
    expect(json.summary).toMatchObject({ planned: 0, passed: 0, failed: 0, interrupted: false });
    expect(md.split('\n')[0]).toBe('## API contracts: ✅ empty shard: no selected operation falls in it, nothing to run');
  });

  it('names the missing half of a credential pair', async () => {
    const { code, stderr } = await run(['--base-url', 'http://127.0.0.1:9', '--service', 'ncp-dataforest'], {
      NCP_ACCESS_KEY: 'x',
    });
    expect([code, stderr]).toEqual([2, 'api-contracts test: ncp-dataforest: ncp-apigw-v2 needs NCP_SECRET_KEY in the environment\n']);
  });

  it('--dry-run prints signed curl commands with the secrets redacted and sends nothing', async () => {
    const { code, stdout, stderr } = await run(
      [
        '--dry-run',
        '--base-url',
        'http://127.0.0.1:9',
        '--operation',
        'accountsGetDetail',
        '--operation',
        'appsKillMaster',
        '--format',
        'xml',
      ],
      LIVE_ENV,
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).not.toContain(SECRET);
    expect(stdout).not.toContain(LIVE_ENV.NCP_ACCESS_KEY);
    const first = stdout.split('\n\n')[0] ?? '';
    const scrubbed = first.replace(/x-ncp-apigw-timestamp: \d+/, 'x-ncp-apigw-timestamp: <now>').replace(/<id>\w+<\/id>/, '<id>…</id>');
    expect(scrubbed).toMatchInlineSnapshot(`
      "# ncp-dataforest accountsGetDetail default xml
      # chained at run time (the example's value shown): body.id ← accountsGetList /contents/0/id
      curl -sS -X POST 'http://127.0.0.1:9/api/v2/accounts/getDetail' \\
        -H 'accept: application/xml' \\
        -H 'content-type: application/xml' \\
        -H 'x-ncp-apigw-timestamp: <now>' \\
        -H 'x-ncp-iam-access-key: NCPA***0001' \\
        -H 'x-ncp-apigw-signature-v2: <redacted>' \\
        --data-binary '<?xml version="1.0" encoding="UTF-8"?><GetAccountDetailRequest><id>…</id></GetAccountDetailRequest>'"
    `);
    expect(stdout).toContain('# skipped: not sent: appsKillMaster is a destructive operation');
    expect(stdout).toMatch(/\n\d+ requests, none sent \(--dry-run\)\n$/);
  });

  it('a live Huawei run without the project is a configuration error naming the variable', async () => {
    const { code, stderr } = await run(['--base-url', 'huawei-dds=http://127.0.0.1:9'], { HUAWEI_AK: 'AK', HUAWEI_SK: 'SK' });
    expect([code, stderr]).toEqual([
      2,
      'api-contracts test: huawei-dds at http://127.0.0.1:9: the documented project_id belongs to no account; set HUAWEI_PROJECT_ID in the environment (or "*": { "project_id": … } in --values)\n',
    ]);
  });

  it("--dry-run with --values sends the values file's ids, and says which values a run would chain", async () => {
    const { code, stdout } = await run(
      [
        '--dry-run',
        '--base-url',
        'http://127.0.0.1:9',
        '--operation',
        'accountsGetDetail',
        '--operation',
        'appsGetDetail',
        '--format',
        'json',
        '--values',
        'values.yaml',
      ],
      LIVE_ENV,
      { 'values.yaml': 'accountsGetDetail:\n  body: { id: Qx7Lm2Vb9Rt4Wy6Zp1Cd }\n' },
    );
    expect(code).toBe(0);
    const heads = stdout
      .split('\n\n')
      .filter((block) => block.includes(' default json'))
      .map((block) => block.split('\n').filter((line) => line.startsWith('#') || line.startsWith('  --data')));
    expect(heads).toEqual([
      ['# ncp-dataforest accountsGetDetail default json', `  --data-binary '{"id":"Qx7Lm2Vb9Rt4Wy6Zp1Cd"}'`],
      [
        '# ncp-dataforest appsGetDetail default json',
        "# chained at run time (the example's value shown): body.id ← appsGetList /contents/0/id",
        `  --data-binary '{"id":"Tb2ziexhg0FcWx5eGUAm9q"}'`,
      ],
    ]);
    // The documented "no such app" is reproduced with an id generated for the request, never the documented one.
    const fresh = stdout.split('\n\n').find((block) => block.startsWith('# ncp-dataforest appsGetDetail no-such-app json')) ?? '';
    expect(fresh).toContain('# generated for this request, an id that names nothing: body.id');
    expect(fresh).toMatch(/--data-binary '\{"id":"[0-9A-Za-z]{22}"\}'/);
    expect(fresh).not.toContain('ZU0bnYbeokqeKVwdus92nH');
  });

  it('runs against the embedded mock, prints progress and writes every report', async () => {
    const { code, stdout, stderr, cwd } = await run([
      '--operation',
      'accountsGetDetail',
      '--report',
      'json=reports/report.json',
      '--report',
      'junit=reports/junit.xml',
      '--report',
      'md=reports/report.md',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')[0]).toMatch(
      /^running 6 cases \(3 examples in json, xml\) against the embedded mock at http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(stdout).toMatch(/^✓ ncp-dataforest accountsGetDetail default json 200 \d+ms$/m);
    expect(stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped in \d+ms against http:\/\/127\.0\.0\.1:\d+$/m);
    const report = JSON.parse(await readFile(join(cwd, 'reports/report.json'), 'utf8'));
    expect(report.summary).toEqual({
      passed: report.results.length,
      failed: 0,
      skipped: 0,
      drift: 0,
      couldNotVerify: 0,
      verifiedSuccesses: report.results.filter((r: { httpStatus: number }) => r.httpStatus < 300).length,
      planned: report.results.length,
      interrupted: false,
      nothingVerified: false,
      emptyShard: false,
    });
    expect(report.results[0]).toMatchObject({
      service: 'ncp-dataforest',
      operationId: 'accountsGetDetail',
      method: 'POST',
      attempts: 1,
      valuesFrom: 'example',
    });
    expect(await readFile(join(cwd, 'reports/junit.xml'), 'utf8')).toContain('<testsuite name="ncp-dataforest"');
    expect(await readFile(join(cwd, 'reports/report.md'), 'utf8')).toContain('## API contracts: ✅ all contracts hold');
  });

  it('every target unreachable: exit 1, "could not verify" apart from drift, a report.md that fits a PR comment', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const env = { ...LIVE_ENV, HUAWEI_AK: 'AK', HUAWEI_SK: 'SK', HUAWEI_PROJECT_ID: 'aaaabbbbccccddddeeeeffff00001111' };
    const { code, stdout, cwd } = await run(['--base-url', url, ...REPORTS], env);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toMatch(new RegExp(`^running \\d+ cases \\(\\d+ examples in json, xml\\) against ${url} \\(live\\)$`));
    const { json, junit, md } = await readReports(cwd);
    expect(json.summary).toMatchObject({ drift: 0, couldNotVerify: json.summary.failed, interrupted: false });
    expect(json.summary.couldNotVerify).toBeGreaterThan(0);
    expect(md.length).toBeLessThan(MAX_MARKDOWN_CHARS);
    expect(md.split('\n')[0]).toBe(
      `## API contracts: ❌ ${json.summary.couldNotVerify} cases could not be verified (no drift found in the rest)`,
    );
    expect(md).toContain(`| transport | ${json.summary.couldNotVerify} |`);
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain(`failures="0" errors="${json.summary.couldNotVerify}"`);
    expect(junit).not.toContain('<failure');
  });
});

describe('--timeout', () => {
  it('bounds each attempt: a server that never finishes its answer is a transport failure, not drift', async () => {
    const server = await startFaultServer(() => 'trickle');
    try {
      const argv = ['--base-url', server.url, '--operation', 'accountsGetList', '--format', 'json', '--timeout', '0.2', ...REPORTS];
      const { code, stdout, cwd } = await run(argv, LIVE_ENV);
      expect(code).toBe(1);
      expect(stdout).toContain('✗ transport: no complete response within 0.2 s');
      const { json } = await readReports(cwd);
      expect(json.summary).toMatchObject({ drift: 0, couldNotVerify: json.summary.failed });
      expect(json.results.map((r) => r.attempts)).toEqual(json.results.map(() => 3));
    } finally {
      await server.close();
    }
  });
});

describe('Ctrl-C at any moment: exit 130, every report written and marked interrupted', () => {
  const SELECTION = [
    '--operation',
    'accountsGetList',
    '--operation',
    'accountsGetDetail',
    '--operation',
    'appsGetList',
    '--concurrency',
    '1',
  ];
  const resultLines = (stdout: string) => stdout.split('\n').filter((line) => /^[✓✗-] /.test(line)).length;

  it.each<[string, (stdout: string) => boolean, (planned: number) => number]>([
    ['before anything started', () => true, () => 0],
    ['at the start line, before the first request', (out) => out.startsWith('running '), () => 0],
    ['after 5 results', (out) => resultLines(out) >= 5, () => 5],
    ['after the last result, as the reports are written', (out) => / passed, /.test(out), (planned) => planned],
  ])('%s', async (_, when, expected) => {
    const { code, stderr, cwd } = await run([...SELECTION, ...REPORTS], {}, {}, when);
    expect(code).toBe(130);
    expect(stderr).toBe('api-contracts test: interrupted; the reports hold the results completed so far\n');
    const { json, junit, md } = await readReports(cwd);
    const { passed, failed, skipped, planned, interrupted } = json.summary;
    expect([interrupted, planned, json.results.length]).toEqual([true, 16, expected(planned)]);
    expect(passed + failed + skipped).toBe(json.results.length);
    expect(md.split('\n')[0]).toBe(`## API contracts: ⚠️ interrupted after ${json.results.length} of ${planned} cases`);
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<error message="interrupted after');
  });

  it('while an IAM token is being obtained: Ctrl-C does not wait for IAM', async () => {
    const ctrlC = new AbortController();
    // Pressed once the token request has arrived, and never answered.
    const iam = await startFaultServer(() => {
      ctrlC.abort();
      return 'hang';
    });
    try {
      const env = {
        HUAWEI_IAM_USER: 'ctrl-c-user',
        HUAWEI_IAM_PASSWORD: 'never-answered',
        HUAWEI_IAM_DOMAIN: 'ctrl-c-domain',
        HUAWEI_IAM_ENDPOINT: iam.url,
        HUAWEI_PROJECT_ID: 'aaaabbbbccccddddeeeeffff00001111',
      };
      const cwd = await tempDir();
      const argv = ['test', '--base-url', `huawei-dds=http://127.0.0.1:${await closedPort()}`, ...REPORTS];
      const code = await main(argv, { stdout: () => {}, stderr: () => {}, cwd, env, signal: ctrlC.signal });
      expect([code, iam.count]).toEqual([130, 1]);
      const { json } = await readReports(cwd);
      expect([json.summary.interrupted, json.results.length, json.summary.planned > 0]).toEqual([true, 0, true]);
    } finally {
      await iam.close();
    }
  });

  it('a real process sent SIGINT mid-run', async () => {
    const cwd = await tempDir();
    const bin = fileURLToPath(new URL('../../bin/api-contracts.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'test', ...SELECTION, ...REPORTS], { cwd, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (resultLines(stdout) === 1) {
        child.kill('SIGINT');
      }
    });
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect([exitCode, signal]).toEqual([130, null]);
    const { json, md } = await readReports(cwd);
    expect(json.summary.interrupted).toBe(true);
    expect(json.results.length).toBeGreaterThanOrEqual(1);
    expect(md.split('\n')[0]).toMatch(/^## API contracts: ⚠️ interrupted after \d+ of 16 cases$/);
  });
});
