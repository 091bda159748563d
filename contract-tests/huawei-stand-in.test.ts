import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { huaweiDcs } from '../schemas/huawei-dcs/index.ts';
import { huaweiDds } from '../schemas/huawei-dds/index.ts';
import { services } from '../schemas/index.ts';
import { main } from '../scripts/cli.ts';
import type { Report } from './report/report.ts';
import { runContracts } from './runner/run.ts';
import { parseValuesFile } from './runner/values-file.ts';
import { HUAWEI_DRIFTS } from './support/drifts.ts';
import { FAULTS, howReported } from './support/faults.ts';
import { huaweiGateway, type IamUser, startHuaweiStandIn } from './support/huawei-stand-in.ts';
import { type Account, faulting, freshAccount, injecting, type StandIn } from './support/stand-in.ts';

/**
 * Tried as a new user would: the runner pointed at a stand-in DCS and DDS that check AK/SK signatures and the
 * tokens their IAM endpoint issues, hold a project, instances, nodes and sessions of their own, and answer as the
 * docs say, first faithfully, then drifting one way at a time.
 */
const credentials = { accessKey: 'HUAWEISTANDINAK00001', secretKey: 'huawei-stand-in-secret-0123456789abcdef' };
const PROJECT = '7d2f4c1a9b8e4f6a8c3d5e7f9a1b2c3d';
const iam: IamUser = { user: 'contract-bot', password: 'iam-password-never-printed', domain: 'acme', projectId: PROJECT };
const accounts: Record<string, Account> = {
  'huawei-dcs': freshAccount(huaweiDcs, { project_id: PROJECT }),
  'huawei-dds': freshAccount(huaweiDds, { project_id: PROJECT }),
};
const own = (service: string, field: string) => accounts[service]?.fields.get(field) as string;
const INSTANCE = own('huawei-dcs', 'showNodesInformation /params/instance_id');
const JOB = own('huawei-dcs', 'showJobInfo /params/job_id');
const VALUES = `# what no operation lists\n"*":\n  instance_id: ${INSTANCE}\n  job_id: ${JOB}\n`;
const values = parseValuesFile(VALUES, 'values.yaml', services);
const aksk = { HUAWEI_AK: credentials.accessKey, HUAWEI_SK: credentials.secretKey, HUAWEI_PROJECT_ID: PROJECT };

let dcs: StandIn;
let dds: StandIn;
beforeAll(async () => {
  // One IAM for both services, served by each stand-in: a token it issues is good for either.
  const gateway = huaweiGateway(iam);
  dcs = await startHuaweiStandIn(huaweiDcs, credentials, { accounts: [accounts['huawei-dcs'] as Account], gateway });
  dds = await startHuaweiStandIn(huaweiDds, credentials, { accounts: [accounts['huawei-dds'] as Account], gateway });
});
afterEach(() => {
  for (const standIn of [dcs, dds]) {
    standIn.drift = () => undefined;
    standIn.fault = () => undefined;
  }
});
afterAll(async () => {
  await Promise.all([dcs?.close(), dds?.close()]);
});

const baseUrls = () => [`huawei-dcs=${dcs.url}`, `huawei-dds=${dds.url}`];
const run = (options: Partial<Parameters<typeof runContracts>[0]> = {}): Promise<Report> =>
  runContracts({ baseUrls: baseUrls(), env: aksk, values, ...options });

const reads = [huaweiDcs, huaweiDds].flatMap((service) => service.operations.filter((op) => op.safety === 'read'));
const rows = (report: Report) => report.results.map((r) => `${r.operationId} [${r.example}] ${r.status} ${r.valuesFrom}`);

describe('against faithful stand-ins of DCS and DDS', () => {
  it.each([
    ['AK/SK signing', aksk],
    [
      'an IAM token',
      { HUAWEI_IAM_USER: iam.user, HUAWEI_IAM_PASSWORD: iam.password, HUAWEI_IAM_DOMAIN: iam.domain, HUAWEI_PROJECT_ID: PROJECT },
    ],
  ])('with %s, every read operation passes, nothing fails; kills and state-dependent answers are skipped', async (_, env) => {
    // Each stand-in is also the IAM endpoint of its own service's runs (the runner asks IAM once per identity).
    const report = await run({ env: { ...env, HUAWEI_IAM_ENDPOINT: dds.url } });
    expect(rows(report)).toEqual([
      'showNodesInformation [default] passed values',
      'showNodesInformation [no-such-instance] passed fresh',
      'scanClients [default] passed chained:showNodesInformation',
      'scanClients [clean-cache] passed chained:showNodesInformation',
      'scanClients [wrong-node] passed fresh',
      'listClients [default] passed chained:showNodesInformation',
      'listClients [query-string] passed chained:showNodesInformation',
      'listClients [not-supported] skipped example',
      'hangUpKillAllClients [default] skipped example',
      'hangUpKillAllClients [one-node] skipped example',
      'hangUpKillAllClients [task-state] skipped example',
      'showJobInfo [default] passed values',
      'showJobInfo [kill-running] passed values',
      'showJobInfo [invalid-parameter] passed fresh',
      'listInstances [default] passed values',
      'listInstances [clusters-by-name] passed values',
      'listInstances [duplicate-tag-key] passed values',
      'listSessions [default] passed chained:listInstances',
      'listSessions [slow-collection-scans] passed chained:listInstances',
      'listSessions [cluster-shard-prefix] passed chained:listInstances',
      'listSessions [no-such-node] passed fresh',
      'deleteSession [default] skipped example',
      'deleteSession [cluster-session] skipped example',
      'deleteSession [no-such-node] skipped example',
    ]);
    expect(new Set(report.results.filter((r) => r.status === 'passed').map((r) => r.operationId))).toEqual(
      new Set(reads.map((op) => op.operationId)),
    );
    const skipped = report.results
      .filter((r) => r.status === 'skipped')
      .map((r) => `${r.operationId} [${r.example}] ${r.findings[0]?.rule}`);
    expect(skipped).toContain('listClients [not-supported] state-dependent');
    expect(skipped).toContain('hangUpKillAllClients [task-state] state-dependent');
    expect(skipped).toContain('deleteSession [no-such-node] unsafe-skipped');
    // The requests named the account's own project, instance and nodes, never the documented ones.
    const listed = dcs.calls.filter((c) => c.operationId === 'listClients').map((c) => c.query as { node_id: string });
    expect(new Set(listed.map((q) => q.node_id))).toEqual(new Set([own('huawei-dcs', 'listClients /query/node_id')]));
    const sessions = dds.calls.filter((c) => c.operationId === 'listSessions' && c.status === 200).map((c) => c.params);
    expect(new Set(sessions.map((p) => JSON.stringify(p)))).toEqual(
      new Set([JSON.stringify({ project_id: PROJECT, node_id: own('huawei-dds', 'listSessions /params/node_id') })]),
    );
  });

  it('no write or destructive operation is sent without --allow-unsafe, and they are with it', async () => {
    const sent = () => [...dcs.calls, ...dds.calls].map((c) => c.operationId);
    const kills = ['hangUpKillAllClients', 'deleteSession'];
    const report = await run({ operations: kills });
    expect(new Set(report.results.map((r) => `${r.status} ${r.findings[0]?.rule}`))).toEqual(
      new Set(['skipped unsafe-skipped', 'skipped state-dependent']),
    );
    expect(sent().filter((operationId) => kills.includes(operationId))).toEqual([]);
    const unsafe = await run({ operations: kills, allowUnsafe: true });
    expect(new Set(sent().filter((operationId) => kills.includes(operationId)))).toEqual(new Set(kills));
    // Writes never chain: the documented node and sessions are not the account's, and DDS says the node does not exist.
    expect(unsafe.results.find((r) => r.operationId === 'deleteSession' && r.example === 'default')).toMatchObject({
      status: 'failed',
      httpStatus: 404,
    });
  });

  it('the account holds its own project, instance, nodes and sessions', () => {
    const dds = accounts['huawei-dds'] as Account;
    const renamed = ['619d3e78f61b4be68bc5aa0b59edcf7b', '520c58ba00a3497e97ce0b9604874dd6no02', '34631', 'shard_1:7201646'].map((id) => [
      id,
      dds.names.get(id),
    ]);
    expect(renamed.map(([id, own]) => typeof own === 'string' && own !== id)).toEqual([true, true, true, true]);
    expect(dds.names.get('619d3e78f61b4be68bc5aa0b59edcf7b')).toBe(PROJECT);
    expect(dds.names.get('520c58ba00a3497e97ce0b9604874dd6no02')).toMatch(/^[0-9a-f]{32}no\d{2}$/);
  });

  it('without the values file, the DCS reads that need an instance are skipped with the reason, and their errors are not verified', async () => {
    const report = await run({ services: ['huawei-dcs'], baseUrls: [`huawei-dcs=${dcs.url}`], values: undefined });
    // Their error examples got the documented answer, but with no success sent nothing proves the path reached
    // the operation: could not verify, never a pass and never drift.
    expect(report.summary).toMatchObject({ drift: 0, couldNotVerify: 2 });
    expect(
      report.results.filter((r) => r.status === 'failed').map((r) => `${r.operationId} [${r.example}] ${r.findings[0]?.rule}`),
    ).toEqual(['showNodesInformation [no-such-instance] reach-unproven', 'showJobInfo [invalid-parameter] reach-unproven']);
    const missing = report.results.filter((r) => r.findings[0]?.rule === 'values-missing');
    expect(missing.map((r) => `${r.operationId} [${r.example}]`)).toContain('showNodesInformation [default]');
    expect(missing[0]?.findings[0]?.message).toContain('path.instance_id must come from the values file');
  });
});

describe('against drifting stand-ins', () => {
  it.each(HUAWEI_DRIFTS.map((d) => [`${d.service} ${d.name}`, d] as const))('%s', async (_, drift) => {
    const standIn = drift.service === 'huawei-dcs' ? dcs : dds;
    standIn.drift = injecting(drift);
    const report = await run({ operations: [drift.operationId] });
    const result = report.results.find((r) => r.example === drift.example);
    expect(result?.status).toBe('failed');
    expect(result?.findings.map((f) => ({ rule: f.rule, severity: f.severity, pointer: f.pointer }))).toContainEqual(drift.expect);
  });
});

describe('against stand-ins behind a failing gateway or network', () => {
  // Short bounds, so a fault that never answers costs 3 × 500 ms; each example of the faulted read sends its own request.
  const client = { timeoutMs: 500, minRetryDelayMs: 1, maxRetryDelayMs: 5 };
  const faulted = 'listInstances';
  const results = (report: Report) =>
    report.results.map((r) => `${r.operationId} [${r.example}]: ${r.status} ${r.attempts} ${r.findings.map((f) => f.rule)}`);

  it.each(FAULTS)('%s on every attempt: could not verify, never drift; report.md and JUnit say so', async (fault) => {
    dds.fault = faulting(fault, { operationId: faulted });
    const report = await run({ operations: ['showNodesInformation', faulted], client });
    expect(results(report)).toEqual([
      'showNodesInformation [default]: passed 1 ',
      'showNodesInformation [no-such-instance]: passed 1 ',
      'listInstances [default]: failed 3 transport',
      'listInstances [clusters-by-name]: failed 3 transport',
      'listInstances [duplicate-tag-key]: failed 3 transport',
    ]);
    expect(report.summary).toMatchObject({ passed: 2, failed: 3 });
    expect(howReported(report)).toEqual({
      drift: 0,
      couldNotVerify: 3,
      headline: '## API contracts: ❌ 3 cases could not be verified (no drift found in the rest)',
      junit: Array(3).fill('error transport'),
    });
  });

  it.each(FAULTS)('%s on the first 2 attempts: the read is retried through it and passes', async (fault) => {
    dds.fault = faulting(fault, { operationId: faulted, attempts: 2 });
    const report = await run({ operations: [faulted], client });
    expect(results(report)).toEqual([
      'listInstances [default]: passed 3 ',
      'listInstances [clusters-by-name]: passed 3 ',
      'listInstances [duplicate-tag-key]: passed 3 ',
    ]);
    expect(report.summary).toMatchObject({ passed: 3, failed: 0, drift: 0, couldNotVerify: 0 });
  });
});

describe('authentication', () => {
  it.each([
    ['a wrong secret key', { ...aksk, HUAWEI_SK: 'not-the-secret-key' }],
    ['a token IAM did not issue', { HUAWEI_AUTH_TOKEN: 'MIIforged-token', HUAWEI_PROJECT_ID: PROJECT }],
  ])('%s is an authentication failure with a hint, not drift', async (_, env) => {
    const report = await run({ operations: ['listInstances'], env });
    expect(report.results.length).toBeGreaterThan(0);
    for (const result of report.results) {
      expect(result).toMatchObject({ status: 'failed', httpStatus: 401 });
      expect(result.findings.map((f) => f.rule)).toEqual(['auth']);
      expect(result.findings[0]?.message).toContain('APIGW.0301');
    }
  });

  it('a wrong IAM password after a right one, same user and endpoint, exits 2 before anything is sent, naming the problem', async () => {
    const right = {
      HUAWEI_IAM_USER: iam.user,
      HUAWEI_IAM_PASSWORD: iam.password,
      HUAWEI_IAM_DOMAIN: iam.domain,
      HUAWEI_PROJECT_ID: PROJECT,
      HUAWEI_IAM_ENDPOINT: dds.url,
    };
    expect((await run({ operations: ['listInstances'], env: right })).summary).toMatchObject({ passed: 3, failed: 0 });
    const signed = dcs.signed + dds.signed;
    const wrong = 'wrong-iam-password-never-printed';
    const out: string[] = [];
    const argv = ['test', ...baseUrls().flatMap((url) => ['--base-url', url])];
    const env = { ...right, HUAWEI_IAM_PASSWORD: wrong };
    const code = await main(argv, { stdout: (text) => out.push(text), stderr: (text) => out.push(text), cwd: tmpdir(), env });
    expect([code, out.join('')]).toEqual([
      2,
      `api-contracts test: huawei-dcs: IAM token request to ${dds.url}: HTTP 401: The username or password is wrong.\n`,
    ]);
    expect(dcs.signed + dds.signed).toBe(signed);
  });
});

describe('the command line, end to end', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const removedField = HUAWEI_DRIFTS.find((d) => d.name === 'missing field');
  it.each([
    ['faithful', 0, aksk, undefined],
    ['a removed response field', 1, aksk, removedField],
    ['a wrong secret', 1, { ...aksk, HUAWEI_SK: 'wrong-secret-must-not-print-either' }, undefined],
  ])('%s: exit %d, and no secret in any output or report', async (_, exit, env, drift) => {
    if (drift) {
      dcs.drift = injecting(drift);
    }
    const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-huawei-'));
    dirs.push(cwd);
    await writeFile(join(cwd, 'values.yaml'), VALUES);
    const out: string[] = [];
    const argv = ['test', ...baseUrls().flatMap((url) => ['--base-url', url]), '--values', 'values.yaml', '--report', 'json=report.json'];
    const code = await main(argv, { stdout: (text) => out.push(text), stderr: (text) => out.push(text), cwd, env });
    const output = out.join('') + (await readFile(join(cwd, 'report.json'), 'utf8'));
    expect(code).toBe(exit);
    for (const secret of [env.HUAWEI_SK, credentials.secretKey]) {
      expect(output).not.toContain(secret);
    }
  });
});
