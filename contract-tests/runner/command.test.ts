import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.ts';

const SECRET = 'ncp-secret-that-must-never-print';
const LIVE_ENV = { NCP_ACCESS_KEY: 'NCPACCESSKEY00000001', NCP_SECRET_KEY: SECRET };

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function run(argv: string[], env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-test-'));
  dirs.push(cwd);
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(cwd, name), text);
  }
  let stdout = '';
  let stderr = '';
  const code = await main(['test', ...argv], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env,
  });
  return { code, stdout, stderr, cwd };
}

describe('api-contracts test', () => {
  it.each([
    [['--chek'], "Unknown option '--chek'"],
    [['--shard', '5/4'], '--shard 5/4: expected I/N with 1 <= I <= N, e.g. 1/4'],
    [['--service', 'nope'], 'unknown service "nope"'],
    [['--operation', 'accountsGetDetial'], '(did you mean accountsGetDetail?)'],
    [['--format', 'yaml'], '--format yaml: expected json, xml or both'],
    [['--report', 'pdf=out.pdf'], '--report pdf=out.pdf: expected KIND=FILE with KIND one of json, junit, md'],
    [['--concurrency', '0'], '--concurrency 0: expected a whole number of at least 1'],
    [['--values', 'values.json'], '--values values.json: cannot read the file (ENOENT)'],
    [['--base-url', 'ftp://example.com'], 'only http and https URLs can be tested'],
    [['--base-url', 'nope=https://example.com'], 'unknown service "nope"'],
    [
      ['--base-url', 'https://df.apigw.ntruss.com', '--service', 'ncp-dataforest'],
      'ncp-dataforest at https://df.apigw.ntruss.com: ncp-apigw-v2 needs NCP_ACCESS_KEY, NCP_SECRET_KEY in the environment',
    ],
    [
      ['--base-url', 'huawei-dds=https://dds.example'],
      'huawei-aksk needs HUAWEI_AK, HUAWEI_SK in the environment; or huawei-token needs HUAWEI_AUTH_TOKEN in the environment (or HUAWEI_IAM_USER',
    ],
    [['--base-url', 'huawei-dds=https://dds.example', '--service', 'huawei-dcs'], '--service huawei-dcs has no --base-url'],
  ])('%j is a usage error (exit 2, one line)', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the missing half of a credential pair', async () => {
    const { code, stderr } = await run(['--base-url', 'https://df.apigw.ntruss.com', '--service', 'ncp-dataforest'], {
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
    const { code, stderr } = await run(['--base-url', 'huawei-dds=https://dds.example'], { HUAWEI_AK: 'AK', HUAWEI_SK: 'SK' });
    expect([code, stderr]).toEqual([
      2,
      'api-contracts test: huawei-dds at https://dds.example: the documented project_id belongs to no account; set HUAWEI_PROJECT_ID in the environment (or "*": { "project_id": … } in --values)\n',
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
    expect(stdout).toMatch(/^✓ ncp-dataforest accountsGetDetail default json 200 \d+ms$/m);
    expect(stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped in \d+ms against http:\/\/127\.0\.0\.1:\d+$/m);
    const report = JSON.parse(await readFile(join(cwd, 'reports/report.json'), 'utf8'));
    expect(report.summary).toEqual({ passed: report.results.length, failed: 0, skipped: 0 });
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
});
