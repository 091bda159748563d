import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNERS } from '../schemas/_shared/signing/index.ts';
import { encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { ncpDataforest } from '../schemas/ncp-dataforest/index.ts';
import { main } from '../scripts/cli.ts';
import { failureKind, type Report } from './report/report.ts';
import { runContracts } from './runner/run.ts';
import { DRIFTS, type Drift } from './support/drifts.ts';
import { FAULTS, howReported } from './support/faults.ts';
import { startNcpStandIn } from './support/ncp-stand-in.ts';
import { faulting, injecting, type StandIn } from './support/stand-in.ts';

/**
 * Tried as a new user would: the runner pointed at a stand-in Data Forest that checks the documented NCP
 * signature, first faithful, then drifting one way at a time.
 */
const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
});
afterEach(() => {
  standIn.drift = () => undefined;
  standIn.fault = () => undefined;
});
afterAll(async () => {
  await standIn?.close();
});

const run = (options: Partial<Parameters<typeof runContracts>[0]> = {}): Promise<Report> =>
  runContracts({ baseUrls: [standIn.url], services: ['ncp-dataforest'], env, ...options });

const reads = ncpDataforest.operations.filter((op) => op.safety === 'read');

/** What a clean run against a faithful Data Forest must look like, however the gateway answers unknown ids. */
function expectClean(report: Report) {
  expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  const passed = report.results.filter((r) => r.status === 'passed');
  expect(new Set(passed.map((r) => r.operationId))).toEqual(new Set(reads.map((op) => op.operationId)));
  expect(new Set(passed.map((r) => r.format))).toEqual(new Set(['json', 'xml']));
  // Every example of a read is sent unless its answer depends on the account's state.
  const skipped = report.results.filter((r) => r.status === 'skipped');
  expect(new Set(skipped.map((r) => r.findings[0]?.rule))).toEqual(new Set(['unsafe-skipped', 'state-dependent']));
  expect(skipped.every((r) => r.httpStatus === null && r.findings.length === 1)).toBe(true);
  const stateDependent = skipped
    .filter((r) => r.findings[0]?.rule === 'state-dependent')
    .map((r) => `${r.operationId} [${r.example}] ${r.format}`);
  expect(stateDependent).toEqual(
    [
      'accountsCreate [one-account-per-user]',
      'notebooksCheckAvailableName [not-allowed]',
      'appsCreate [quota-exceeded]',
      'aiWorkspacesCreate [quota-exceeded]',
    ].flatMap((name) => [`${name} json`, `${name} xml`]),
  );
  expect(report.summary).toMatchObject({ passed: passed.length, failed: 0, skipped: skipped.length, drift: 0, couldNotVerify: 0 });
  return passed;
}

describe('against a faithful stand-in', () => {
  it('every read operation passes in JSON and XML, nothing fails; the others are skipped with the reason', async () => {
    const passed = expectClean(await run());
    // The errors that follow from the request were reproduced with ids generated for the run, never documented ones.
    const fresh = passed.filter((r) => r.valuesFrom === 'fresh').map((r) => `${r.operationId} [${r.example}] ${r.format} ${r.httpStatus}`);
    expect(fresh).toContain('appsGetDetail [no-such-app] xml 404');
    expect(fresh).toContain('accountsGetDetail [not-allowed] json 403');
    const sentIds = standIn.calls
      .filter((c) => c.operationId === 'appsGetDetail' && c.status === 404)
      .map((c) => (c.body as { id: string }).id);
    expect(sentIds).toHaveLength(2);
    expect(sentIds).not.toContain('ZU0bnYbeokqeKVwdus92nH');
  });

  it('a gateway that refuses unknown ids with 403 instead of 404 is as clean: both statuses are the documented outcome', async () => {
    const refusing = await startNcpStandIn(credentials, { unknownIds: 'refused' });
    try {
      const report = await runContracts({ baseUrls: [refusing.url], services: ['ncp-dataforest'], env });
      expectClean(report);
      // The gateway checks resource ids, not catalog values: an app type that does not exist is still the service's 404.
      const fresh = report.results.filter((r) => r.valuesFrom === 'fresh');
      expect(new Set(fresh.filter((r) => r.operationId !== 'appsGetAppTypeTemplate').map((r) => r.httpStatus))).toEqual(new Set([403]));
    } finally {
      await refusing.close();
    }
  });

  it('--allow-unsafe sends the write and destructive operations too', async () => {
    const report = await run({ operations: ['appsKillMaster'], allowUnsafe: true });
    expect(report.results.map((r) => r.status)).toEqual(report.results.map(() => 'passed'));
  });
});

describe('against a drifting stand-in', () => {
  it.each(DRIFTS.map((d) => [`${d.name} (${d.format})`, d] as const))('%s', async (_, drift) => {
    standIn.drift = injecting(drift);
    for (const strict of [false, true]) {
      const report = await run({ operations: [drift.operationId], format: drift.format, strict });
      const result = report.results.find((r) => r.example === drift.example);
      const failed = drift.expect.severity === 'error' || strict;
      expect(result?.status).toBe(failed ? 'failed' : 'passed');
      expect(result?.findings.map((f) => ({ rule: f.rule, severity: f.severity, pointer: f.pointer }))).toContainEqual(drift.expect);
      // An example sending the same request (a schema sample, its id chained) gets the same drifted answer.
      const others = report.results.filter((r) => r !== result && failureKind(r) === 'drift');
      for (const other of others) {
        expect(other.findings.map((f) => ({ rule: f.rule, severity: f.severity, pointer: f.pointer }))).toContainEqual(drift.expect);
      }
      // Once no success came back (another status), an error example's answer proves nothing: could not verify.
      const unproven = report.results.filter((r) => failureKind(r) === 'could-not-verify');
      expect(unproven.map((r) => r.findings[0]?.rule)).toEqual(unproven.map(() => 'reach-unproven'));
      expect(unproven.length > 0).toBe(drift.expect.rule === 'status-code' && failed);
    }
  });
});

describe('against a stand-in behind a failing gateway or network', () => {
  // Short bounds, so a fault that never answers costs 3 × 500 ms; each example of the faulted read sends its own request.
  const client = { timeoutMs: 500, minRetryDelayMs: 1, maxRetryDelayMs: 5 };
  const faulted = 'accountsCheckAvailableName';
  const rows = (report: Report) =>
    report.results.map((r) => `${r.operationId} [${r.example}] ${r.format}: ${r.status} ${r.attempts} ${r.findings.map((f) => f.rule)}`);

  it.each(FAULTS)('%s on every attempt: could not verify, never drift; report.md and JUnit say so', async (fault) => {
    standIn.fault = faulting(fault, { operationId: faulted });
    const report = await run({ operations: [faulted, 'accountsGetList'], client });
    expect(rows(report)).toEqual([
      'accountsCheckAvailableName [default] json: failed 3 transport',
      'accountsCheckAvailableName [default] xml: failed 3 transport',
      'accountsCheckAvailableName [schema-sample] json: failed 3 transport',
      'accountsCheckAvailableName [schema-sample] xml: failed 3 transport',
      'accountsGetList [default] json: passed 1 ',
      'accountsGetList [default] xml: passed 1 ',
      'accountsGetList [schema-sample] json: passed 1 ',
      'accountsGetList [schema-sample] xml: passed 1 ',
    ]);
    expect(report.summary).toMatchObject({ passed: 4, failed: 4 });
    expect(howReported(report)).toEqual({
      drift: 0,
      couldNotVerify: 4,
      headline: '## API contracts: ❌ 4 cases could not be verified (no drift found in the rest)',
      junit: Array(4).fill('error transport'),
    });
  });

  it.each(FAULTS)('%s on the first 2 attempts: the read is retried through it and passes', async (fault) => {
    standIn.fault = faulting(fault, { operationId: faulted, attempts: 2 });
    const report = await run({ operations: [faulted], client });
    expect(rows(report)).toEqual([
      'accountsCheckAvailableName [default] json: passed 3 ',
      'accountsCheckAvailableName [default] xml: passed 3 ',
      'accountsCheckAvailableName [schema-sample] json: passed 3 ',
      'accountsCheckAvailableName [schema-sample] xml: passed 3 ',
    ]);
    expect(report.summary).toMatchObject({ passed: 4, failed: 0, drift: 0, couldNotVerify: 0 });
  });
});

describe('requests, read as the vendor reads them', () => {
  /** Sends an XML body to a Data Forest path, signed as the runner signs, and returns the status and body. */
  async function sendXml(path: string, xml: string): Promise<{ status: number; text: string }> {
    const headers = { 'content-type': 'application/xml', accept: 'application/xml' };
    const signed = SIGNERS['ncp-apigw-v2'].sign({ method: 'POST', pathWithQuery: path, headers, body: xml }, credentials, Date.now());
    const response = await fetch(`${standIn.url}${path}`, { method: 'POST', headers: { ...headers, ...signed }, body: xml });
    return { status: response.status, text: await response.text() };
  }

  /** The default example's request of an operation, in XML as the codec writes it. */
  function documentedXml(operationId: string): string {
    const operation = ncpDataforest.operations.find((op) => op.operationId === operationId);
    const body = operation?.request.body;
    if (operation === undefined || body === undefined) {
      throw new Error(`${operationId} has no request body`);
    }
    const value = body.fromJson(body.schema.parse(operation.examples[0]?.request.body));
    return encodeXml(body.xmlSchema, value, xmlRootName(body.xmlSchema) as string);
  }

  it('the documented layout is read (the account it names is not this one: no such element)', async () => {
    const { status, text } = await sendXml('/api/v2/notebooks/create', documentedXml('notebooksCreate'));
    expect({ status, text }).toMatchObject({ status: 404, text: expect.stringContaining('no such element') });
  });

  it.each([
    [
      'an array under a wrapper the convention does not have',
      '/api/v2/notebooks/create',
      documentedXml('notebooksCreate')
        .replace('<userConfigurations>', '<userConfigurationsList><userConfigurations>')
        .replace(/(.*<\/userConfigurations>)/s, '$1</userConfigurationsList>'),
      '/userConfigurations',
    ],
    [
      'another root element',
      '/api/v2/accounts/getDetail',
      documentedXml('accountsGetDetail').replaceAll('GetAccountDetailRequest', 'GetAccountRequest'),
      'the root element is &lt;GetAccountRequest&gt;',
    ],
  ])('%s is a 400 naming it', async (_, path, xml, named) => {
    const { status, text } = await sendXml(path, xml);
    expect(status).toBe(400);
    expect(text).toContain('<ErrorResponse>');
    expect(text).toContain(named);
  });
});

describe('authentication', () => {
  it('a wrong secret is an authentication failure with a hint, not drift', async () => {
    const report = await run({ operations: ['accountsGetDetail'], env: { ...env, NCP_SECRET_KEY: 'not-the-secret' } });
    const sent = report.results.filter((r) => r.status !== 'skipped');
    expect(sent.length).toBeGreaterThan(0);
    for (const result of sent) {
      expect(result).toMatchObject({ status: 'failed', httpStatus: 401 });
      expect(result.findings.map((f) => f.rule)).toEqual(['auth']);
    }
    expect(sent[0]?.findings[0]?.message).toContain('check NCP_ACCESS_KEY and NCP_SECRET_KEY');
    // The examples whose id is read from accountsGetList wait for it, and it is refused the same way.
    for (const result of report.results.filter((r) => r.status === 'skipped')) {
      expect(result.findings[0]).toMatchObject({ rule: 'chain-skipped' });
      expect(result.findings[0]?.message).toContain('HTTP 401');
    }
  });
});

describe('the command line, end to end', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function cli(argv: string[], environment: Record<string, string>) {
    const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-stand-in-'));
    dirs.push(cwd);
    const out: string[] = [];
    const reports = ['--report', 'json=r/report.json', '--report', 'junit=r/junit.xml', '--report', 'md=r/report.md'];
    const code = await main(['test', '--base-url', `ncp-dataforest=${standIn.url}`, ...argv, ...reports], {
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      cwd,
      env: environment,
    });
    const files = await readdir(join(cwd, 'r')).catch(() => []);
    for (const file of files) {
      out.push(await readFile(join(cwd, 'r', file), 'utf8'));
    }
    return { code, output: out.join('') };
  }

  it.each([
    ['faithful', 0, [], env],
    ['a wrong secret', 1, [], { ...env, NCP_SECRET_KEY: 'wrong-secret-must-not-print-either' }],
    ['a dry run', 0, ['--dry-run', '--allow-unsafe'], env],
  ] as const)('%s: exit %d, and no secret in any output or report', async (_, exit, argv, environment) => {
    const { code, output } = await cli(['--operation', 'accountsGetDetail', '--operation', 'appsKillMaster', ...argv], environment);
    expect(code).toBe(exit);
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [environment.NCP_SECRET_KEY, credentials.secretKey, environment.NCP_ACCESS_KEY]) {
      expect(output).not.toContain(secret);
    }
  });

  it('an extra field exits 0, and 1 with --strict', async () => {
    const extra = DRIFTS.find((d) => d.expect.rule === 'response-unexpected-field' && d.format === 'json');
    standIn.drift = injecting(extra as Drift);
    expect((await cli(['--operation', 'accountsGetDetail'], env)).code).toBe(0);
    expect((await cli(['--operation', 'accountsGetDetail', '--strict'], env)).code).toBe(1);
  });
});

describe('a run that reached nothing is not green', () => {
  // The base path given twice (`/api` + `/api/v2/…`): every request gets the gateway's 404, which is also what
  // the documented not-allowed example expects.
  it('a wrong base path: the 404 example could not be verified, report.md is red, exit 1', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-stand-in-'));
    const out: string[] = [];
    const argv = ['test', '--base-url', `ncp-dataforest=${standIn.url}/api`, '--operation', 'accountsGetDetail', '--format', 'json'];
    const code = await main([...argv, '--report', 'json=report.json', '--report', 'md=report.md'], {
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      cwd,
      env,
    });
    const report = JSON.parse(await readFile(join(cwd, 'report.json'), 'utf8')) as Report;
    const markdown = await readFile(join(cwd, 'report.md'), 'utf8');
    await rm(cwd, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(report.results.map((r) => `${r.example}: ${r.status} ${r.httpStatus} ${r.findings[0]?.rule}`)).toEqual([
      'default: skipped null chain-skipped',
      'schema-sample: skipped null chain-skipped',
      'not-allowed: failed 404 reach-unproven',
    ]);
    expect(report.summary).toMatchObject({ passed: 0, failed: 1, drift: 0, couldNotVerify: 1, skipped: 2 });
    expect(markdown.split('\n')[0]).toBe('## API contracts: ❌ 1 case could not be verified (no drift found in the rest)');
    expect(out.join('')).toContain('0 passed, 1 failed (1 could not verify), 2 skipped');
  });

  it('every case skipped (a destructive operation, live, without --allow-unsafe): not green, exit 1', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const argv = ['test', '--base-url', `ncp-dataforest=${standIn.url}`, '--operation', 'appsKillMaster', '--format', 'json'];
    const code = await main(argv, { stdout: (text) => out.push(text), stderr: (text) => errors.push(text), cwd: tmpdir(), env });
    expect(out.join('')).toMatch(/\n0 passed, 0 failed, \d+ skipped in \d+ms against /);
    expect([code, errors.join('')]).toEqual([
      1,
      'api-contracts test: not green: no documented success of any selected operation passed, so the run verified nothing\n',
    ]);
  });
});
