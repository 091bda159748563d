import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from '../../contract-tests/client/client.ts';
import { MEDIA_TYPE } from '../../contract-tests/format.ts';
import { type RunningMock, startMock } from '../../contract-tests/mock/server.ts';
import { executeCase } from '../../contract-tests/runner/execute.ts';
import { planCases } from '../../contract-tests/runner/plan.ts';
import { mockTarget } from '../../contract-tests/runner/targets.ts';
import { services } from '../../schemas/index.ts';
import { Traffic } from './report.ts';
import { type Exchange, type RunningProxy, startProxy } from './server.ts';

/**
 * The proxy in front of the embedded mock, with the contract runner as its caller: every documented example, in
 * every format its service speaks, goes through it. The runner still sees exactly the mock's answers (its own checks
 * pass, values compared exactly), and the proxy finds nothing wrong with any exchange.
 */
const cases = planCases(services).map((item) => ({
  name: `${item.service.id} ${item.operation.operationId} [${item.example.name}] ${MEDIA_TYPE[item.format]}`,
  item,
}));

let mock: RunningMock;
let proxy: RunningProxy;
let client: Client;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  mock = await startMock();
  proxy = await startProxy({ upstreams: [mock.url], onExchange: (exchange) => exchanges.push(exchange) });
  client = createClient();
});

afterAll(async () => {
  await client?.close();
  await proxy?.close();
  await mock?.close();
});

describe('the proxy in front of the mock', () => {
  it.each(cases)('$name', async ({ item }) => {
    const seen = exchanges.length;
    const target = await mockTarget(item.service, proxy.url, {});
    const result = await executeCase(item, { target, client, strict: true, allowUnsafe: false });
    await proxy.checked();
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('passed');
    expect(exchanges.slice(seen)).toEqual([
      {
        service: item.service.id,
        operationId: item.operation.operationId,
        method: item.operation.method.toUpperCase(),
        path: item.operation.path,
        format: item.format,
        status: item.example.response.status,
        durationMs: expect.any(Number),
        findings: [],
      },
    ]);
  });

  it('saw every operation, and the strict report of all that traffic passes', () => {
    const traffic = new Traffic(proxy.operations, true);
    for (const exchange of exchanges) {
      traffic.add(exchange);
    }
    const report = traffic.report(mock.url);
    expect(report.exchanges).toEqual({ total: cases.length, passed: cases.length, failed: 0 });
    expect(report.operations.filter((op) => op.exchanges === 0)).toEqual([]);
    expect(report.summary.failed).toBe(0);
  });
});
