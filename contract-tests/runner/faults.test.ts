import { afterEach, describe, expect, it } from 'vitest';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { failureKind } from '../report/report.ts';
import { FAULTS, type FaultServer, startFaultServer } from '../support/faults.ts';
import { runContracts } from './run.ts';

/**
 * Live runs against a 127.0.0.1 server that fails the way networks and gateways do: every sent case must come
 * back `transport` (could not verify), retried as a read, and nothing may read as drift.
 */
const env = { NCP_ACCESS_KEY: 'FAULTACCESSKEY000001', NCP_SECRET_KEY: 'fault-secret' };
const FAST = { timeoutMs: 200, minRetryDelayMs: 1, maxRetryDelayMs: 5 };

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const run = (url: string) =>
  runContracts({ baseUrls: [url], services: ['ncp-dataforest'], operations: ['accountsGetList'], env, client: FAST });

describe('faults on the way are not drift', () => {
  it.each(FAULTS)('%s: every sent case could not be verified, after 3 attempts', async (fault) => {
    const server = await startFaultServer(() => fault);
    servers.push(server);
    const report = await run(server.url);
    const sent = report.results.filter((r) => r.status !== 'skipped');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(
      sent.map((r) => `${r.example} ${r.format}: ${r.status} ${failureKind(r)} ${r.attempts} ${r.findings.map((f) => f.rule)}`),
    ).toEqual(sent.map((r) => `${r.example} ${r.format}: failed could-not-verify 3 transport`));
    expect(report.summary).toMatchObject({ drift: 0, couldNotVerify: sent.length, failed: sent.length, interrupted: false });
    const documented200 = report.coverage.filter((row) => row.httpStatus === 200);
    expect(documented200.map((row) => `${row.format} ${row.state} ${row.rule}`)).toEqual([
      'json could-not-verify transport',
      'xml could-not-verify transport',
    ]);
  });

  // Retried like any 502, then judged: the service's own envelope means the service answered.
  it("a 502 in the service's own error envelope is the service's answer: drift", async () => {
    const server = await startFaultServer(
      () => undefined,
      (_, res) =>
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify(ncpDataforest.errors.make(502, 'Bad Gateway'))),
    );
    servers.push(server);
    const report = await run(server.url);
    const sent = report.results.filter((r) => r.status !== 'skipped');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(new Set(sent.map((r) => `${failureKind(r)} ${r.attempts} ${r.findings.map((f) => f.rule)}`))).toEqual(
      new Set(['drift 3 status-code']),
    );
    expect(report.summary).toMatchObject({ drift: sent.length, couldNotVerify: 0 });
  });
});
