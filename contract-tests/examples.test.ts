import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../schemas/index.ts';
import { type Client, createClient } from './client/client.ts';
import { MEDIA_TYPE } from './format.ts';
import { type RunningMock, startMock } from './mock/server.ts';
import { executeCase } from './runner/execute.ts';
import { planCases } from './runner/plan.ts';
import { mockTarget } from './runner/targets.ts';

/**
 * Every documented example, in every format its service speaks, against the in-process mock: the same
 * requests and checks as `api-contracts test`, one named row each, so a failure names its example.
 */
const cases = planCases(services).map((item) => ({
  name: `${item.service.id} ${item.operation.operationId} [${item.example.name}] ${MEDIA_TYPE[item.format]}`,
  item,
}));

let mock: RunningMock;
let client: Client;

beforeAll(async () => {
  mock = await startMock();
  client = createClient();
});

afterAll(async () => {
  await client?.close();
  await mock?.close();
});

describe('every example against the mock', () => {
  it.each(cases)('$name', async ({ item }) => {
    const target = await mockTarget(item.service, mock.url, {});
    const result = await executeCase(item, { target, client, strict: true, allowUnsafe: false });
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ status: 'passed', httpStatus: item.example.response.status, attempts: 1, valuesFrom: 'example' });
  });
});
