import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { services } from '../schemas/index.ts';
import { ncpDataforest } from '../schemas/ncp-dataforest/index.ts';
import { main } from '../scripts/cli.ts';
import type { Report, Result } from './report/report.ts';
import { runWithEmbeddedMock } from './runner/embedded.ts';
import { runContracts } from './runner/run.ts';
import { parseValuesFile } from './runner/values-file.ts';
import { startNcpStandIn } from './support/ncp-stand-in.ts';
import { type Account, freshAccount, type StandIn } from './support/stand-in.ts';

/**
 * Issue 11, tried as a new user would: a Data Forest that checks the documented NCP signature, whose account
 * holds ids of its own (the docs' ids answer 403 "not allowed or not exists", as the gateway answers for a
 * resource that is not yours) and that throttles the first call of every operation with 429 and
 * `Retry-After: 1`. The ids must come from the account itself: by chaining the list reads, or from a values file.
 */
const credentials = { accessKey: 'LIVEACCOUNTACCESSKEY1', secretKey: 'live-account-secret-0123456789ab' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };
const mine = freshAccount(ncpDataforest);
const other = freshAccount(ncpDataforest);
const own = (account: Account, field: string) => account.fields.get(field) as string;
const DOCUMENTED_ACCOUNT = 'ArvQ8mZ2cLp4sWd7Tkfn';

let standIn: StandIn;
beforeEach(async () => {
  // A stand-in per test: each throttles the first call of every operation anew.
  standIn = await startNcpStandIn(credentials, { accounts: [mine, other], throttleFirstCall: { retryAfter: '1' } });
});
afterEach(async () => {
  await standIn?.close();
});

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Waits recorded instead of slept: the run is as throttled as a real one, without the seconds. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const reads = ncpDataforest.operations.filter((op) => op.safety === 'read');
const needingIds = reads.filter((op) => op.inputs.length > 0);
const succeeds = (r: Result) =>
  ncpDataforest.operations.find((op) => op.operationId === r.operationId)?.examples.find((e) => e.name === r.example)?.response.status ===
  200;
const findingsOf = (report: Report) =>
  report.results.flatMap((r) => r.findings.map((f) => ({ ...f, of: `${r.operationId} [${r.example}] ${r.format}` })));

describe('a live Data Forest account', () => {
  it('answers the documented ids with 403 "not allowed or not exists", in the gateway envelope', async () => {
    const report = await runContracts({
      baseUrls: [standIn.url],
      operations: ['accountsGetDetail'],
      format: 'json',
      env,
      values: parseValuesFile(`accountsGetDetail:\n  body: { id: ${DOCUMENTED_ACCOUNT} }`, 'values.yaml', services),
      client: { sleep: recordedSleep().sleep },
    });
    const result = report.results.find((r) => r.example === 'default');
    expect(result).toMatchObject({ status: 'failed', httpStatus: 403, valuesFrom: 'values' });
    expect(result?.findings[0]?.message).toContain(`{"error":{"errorCode":"10002","requestId":`);
    expect(result?.findings[0]?.message).toContain(`"message":"resource ('${DOCUMENTED_ACCOUNT}') is not allowed or not exists"`);
  });

  it('without a values file, the reads that need ids pass by chaining, in JSON and XML, and no 429 is drift', async () => {
    const sleeper = recordedSleep();
    const report = await runContracts({
      baseUrls: [standIn.url],
      services: ['ncp-dataforest'],
      env,
      concurrency: 8,
      client: { sleep: sleeper.sleep },
    });

    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    for (const operation of needingIds) {
      const results = report.results.filter((r) => r.operationId === operation.operationId && succeeds(r));
      expect(results.map((r) => `${r.example} ${r.format} ${r.status}`).sort(), operation.operationId).toEqual(
        operation.examples
          .filter((e) => e.response.status === 200)
          .flatMap((e) => [`${e.name} json passed`, `${e.name} xml passed`])
          .sort(),
      );
      expect(
        results.every((r) => r.valuesFrom.startsWith('chained:')),
        `${operation.operationId} chained`,
      ).toBe(true);
    }
    // The ids went out as the account holds them, never as the docs print them.
    const sentIds = standIn.calls.filter((c) => c.operationId === 'appsGetDetail' && c.status === 200).map((c) => c.body);
    expect(new Set(sentIds.map((body) => JSON.stringify(body)))).toEqual(
      new Set([JSON.stringify({ id: own(mine, 'appsGetDetail /body/id') })]),
    );

    // Throttling is a transport fact: every read's first call was answered 429, waited out and retried.
    expect(findingsOf(report).filter((f) => f.actual.includes('429') || f.message.includes('429'))).toEqual([]);
    const retried = report.results.filter((r) => r.attempts === 2).map((r) => r.operationId);
    expect(retried.sort()).toEqual(reads.map((op) => op.operationId).sort());
    expect(sleeper.waits).toEqual(reads.map(() => 1000));
  });
});

describe('the command line, with a values file naming another account', () => {
  async function cli(argv: string[], files: Record<string, string>, signal?: AbortSignal, onOutput?: (text: string) => void) {
    const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-live-'));
    dirs.push(cwd);
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(cwd, name), text);
    }
    let stdout = '';
    let stderr = '';
    const code = await main(['test', '--base-url', `ncp-dataforest=${standIn.url}`, '--report', 'json=report.json', ...argv], {
      stdout: (text) => {
        stdout += text;
        onOutput?.(text);
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd,
      env,
      ...(signal ? { signal } : {}),
    });
    const report = JSON.parse(await readFile(join(cwd, 'report.json'), 'utf8')) as Report;
    return { code, stdout, stderr, report };
  }

  const selection = ['accountsGetDetail', 'appsGetList', 'appsGetDetail'].flatMap((op) => ['--operation', op]);

  it('sends that account and what it holds, and passes, waiting out the real Retry-After', async () => {
    const account = own(other, 'accountsGetDetail /body/id');
    const values = `# another account of mine\n"*":\n  accountId: ${account}\naccountsGetDetail:\n  body:\n    id: ${account}\n`;
    const { code, stderr, report } = await cli([...selection, '--values', 'values.yaml', '--concurrency', '12'], { 'values.yaml': values });
    expect([code, stderr]).toEqual([0, '']);
    expect(report.results.map((r) => `${r.operationId} [${r.example}] ${r.format} ${r.status} ${r.valuesFrom}`)).toEqual([
      'accountsGetDetail [default] json passed values',
      'accountsGetDetail [default] xml passed values',
      'accountsGetDetail [schema-sample] json passed values',
      'accountsGetDetail [schema-sample] xml passed values',
      'accountsGetDetail [not-allowed] json passed fresh',
      'accountsGetDetail [not-allowed] xml passed fresh',
      'appsGetList [default] json passed values',
      'appsGetList [default] xml passed values',
      'appsGetList [schema-sample] json passed values',
      'appsGetList [schema-sample] xml passed values',
      'appsGetList [not-allowed] json passed fresh',
      'appsGetList [not-allowed] xml passed fresh',
      'appsGetDetail [default] json passed chained:appsGetList',
      'appsGetDetail [default] xml passed chained:appsGetList',
      'appsGetDetail [schema-sample] json passed chained:appsGetList',
      'appsGetDetail [schema-sample] xml passed chained:appsGetList',
      'appsGetDetail [no-such-app] json passed fresh',
      'appsGetDetail [no-such-app] xml passed fresh',
    ]);
    const sent = (operationId: string) =>
      new Set(standIn.calls.filter((c) => c.operationId === operationId && c.status === 200).map((c) => JSON.stringify(c.body)));
    expect(sent('accountsGetDetail')).toEqual(new Set([JSON.stringify({ id: account })]));
    expect(sent('appsGetList')).toEqual(new Set([JSON.stringify({ search: { accountId: account } })]));
    expect(sent('appsGetDetail')).toEqual(new Set([JSON.stringify({ id: own(other, 'appsGetDetail /body/id') })]));
    expect(
      report.results
        .filter((r) => r.attempts === 2)
        .map((r) => r.operationId)
        .sort(),
    ).toEqual(['accountsGetDetail', 'appsGetDetail', 'appsGetList']);
  });

  it.each([
    [
      'an operation that does not exist',
      'appsGetDetial:\n  body: { id: x }\n',
      'appsGetDetial: no such operation (did you mean appsGetDetail?)',
    ],
    [
      'a field the operation does not have',
      'appsGetList:\n  body: { accountId: x }\n',
      'appsGetList.body.accountId: appsGetList has no body field accountId',
    ],
  ])('a values file naming %s is a usage error (exit 2) naming it', async (_, values, message) => {
    const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-live-'));
    dirs.push(cwd);
    await writeFile(join(cwd, 'values.yaml'), values);
    let stderr = '';
    const code = await main(['test', '--base-url', `ncp-dataforest=${standIn.url}`, '--values', 'values.yaml'], {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      cwd,
      env,
    });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(standIn.signed).toBe(0);
  });

  it('Ctrl-C stops the run cleanly and still writes the report of what completed', async () => {
    const interrupt = new AbortController();
    // Pressed once the first result is out (the start line comes before any).
    const { code, stderr, report } = await cli([], {}, interrupt.signal, (text) => text.startsWith('running ') || interrupt.abort());
    expect(code).toBe(130);
    expect(report.summary.interrupted).toBe(true);
    expect(stderr).toBe('api-contracts test: interrupted; the reports hold the results completed so far\n');
    const planned = ncpDataforest.operations.reduce((n, op) => n + op.examples.length * 2, 0);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.length).toBeLessThan(planned);
    expect(report.summary.passed + report.summary.failed + report.summary.skipped).toBe(report.results.length);
    for (const result of report.results.filter((r) => r.findings[0]?.rule === 'interrupted')) {
      expect(result.status).toBe('skipped');
    }
  });
});

describe('the same runner against the mock', () => {
  it('sends the examples as written, once each, whatever the environment holds', async () => {
    const report = await runWithEmbeddedMock({ env: { HUAWEI_PROJECT_ID: 'aaaabbbbccccddddeeeeffff00001111' } });
    const expected = services.reduce((n, s) => n + s.operations.reduce((m, op) => m + op.examples.length * s.mediaTypes.length, 0), 0);
    expect(report.summary).toMatchObject({ passed: expected, failed: 0, skipped: 0, planned: expected, interrupted: false });
    expect(new Set(report.results.map((r) => `${r.valuesFrom} ${r.attempts}`))).toEqual(new Set(['example 1']));
  });
});
