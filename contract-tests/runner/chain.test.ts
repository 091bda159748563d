import { describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import type { Client, SendOptions } from '../client/client.ts';
import type { PreparedRequest } from '../client/request.ts';
import type { Result } from '../report/report.ts';
import { planCases } from './plan.ts';
import { executeAll } from './run.ts';
import type { Target } from './targets.ts';
import { parseValuesFile } from './values-file.ts';

/**
 * Chained reads through executeAll with a scripted client: each path answers what a real account would, and
 * every request is recorded, so what was sent, how often and in which order can be checked.
 */

const PROJECT = 'aaaabbbbccccddddeeeeffff00001111';
const NODE = '0f0e0d0c0b0a09080706050403020100no02';
const DCS_INSTANCE = '2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f';
const DCS_NODE = 'ffeeddccbbaa99887766554433221100';

type Answer = { status: number; body?: unknown; headers?: Record<string, string>; attempts?: number };

function scriptedClient(
  answer: (path: string, request: PreparedRequest) => Answer,
): Client & { sent: PreparedRequest[]; retried: boolean[] } {
  const sent: PreparedRequest[] = [];
  const retried: boolean[] = [];
  return {
    sent,
    retried,
    async send(request: PreparedRequest, options: SendOptions) {
      sent.push(request);
      retried.push(options.retry);
      const { status, body, headers = {}, attempts = 1 } = answer(request.pathWithQuery.split('?')[0] ?? '', request);
      const text = body === undefined ? '' : JSON.stringify(body);
      return {
        response: { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(text) },
        attempts,
        waitedMs: 0,
      };
    },
    close: async () => {},
  };
}

function exampleBody(operationId: string, name = 'default'): Record<string, unknown> {
  const operation = services.flatMap((s) => s.operations).find((op) => op.operationId === operationId);
  return structuredClone(operation?.examples.find((e) => e.name === name)?.response.body) as Record<string, unknown>;
}

/** listInstances as an account with one replica set whose first node is NODE. */
function instances(nodes: string[]): Answer {
  const body = exampleBody('listInstances');
  const [instance] = body.instances as { groups: { nodes: { id: string }[] }[] }[];
  const group = instance?.groups[0];
  if (group) {
    group.nodes = group.nodes.slice(0, nodes.length).map((node, index) => ({ ...node, id: nodes[index] as string }));
  }
  return { status: 200, body };
}

const live = (kind: Target['kind'] = 'live'): Target => ({
  kind,
  baseUrl: 'https://api.example',
  signing: undefined,
  signer: 'huawei-aksk',
});

async function run(
  operations: string[],
  answer: (path: string) => Answer,
  options: { kind?: Target['kind']; values?: string; examples?: string[] } = {},
) {
  const client = scriptedClient(answer);
  const cases = planCases(services, { operations, format: 'json' }).filter(
    (c) => options.examples === undefined || options.examples.includes(c.example.name),
  );
  const emitted: Result[] = [];
  const results = await executeAll(cases, {
    targetOf: () => live(options.kind),
    client,
    strict: false,
    allowUnsafe: false,
    concurrency: 4,
    values: {
      env: { project_id: PROJECT },
      ...(options.values ? { file: parseValuesFile(options.values, 'values.yaml', services) } : {}),
    },
    onResult: (result) => emitted.push(result),
  });
  return { results, emitted, client, paths: client.sent.map((r) => r.pathWithQuery) };
}

const byName = (results: Result[]) => Object.fromEntries(results.map((r) => [`${r.operationId} [${r.example}]`, r]));

describe('DDS: listSessions takes its node from listInstances', () => {
  const account = (path: string): Answer =>
    path.endsWith('/instances') ? instances([NODE]) : { status: 200, body: exampleBody('listSessions') };

  it('sends listInstances first, once, and the node it lists', async () => {
    const { results, paths } = await run(['listSessions'], account, { examples: ['default', 'slow-collection-scans'] });
    expect(paths.sort()).toEqual([
      `/v3/${PROJECT}/instances`,
      `/v3/${PROJECT}/nodes/${NODE}/sessions?offset=0&limit=10`,
      `/v3/${PROJECT}/nodes/${NODE}/sessions?plan_summary=COLLSCAN&cost_time=1000000&limit=20`,
    ]);
    // The source was not selected: it is read, not reported.
    expect(results.map((r) => [r.operationId, r.example, r.status, r.valuesFrom])).toEqual([
      ['listSessions', 'default', 'passed', 'chained:listInstances'],
      ['listSessions', 'slow-collection-scans', 'passed', 'chained:listInstances'],
    ]);
  });

  it('a source in the plan is the one its dependents read, and results keep the plan order', async () => {
    const { results, emitted, paths } = await run(['listInstances', 'listSessions'], account, { examples: ['default'] });
    expect(paths.filter((p) => p.endsWith('/instances'))).toHaveLength(1);
    expect(results.map((r) => r.operationId)).toEqual(['listInstances', 'listSessions']);
    expect(emitted).toEqual(results);
  });

  it.each([
    ['answers 500', { status: 500, body: { error_code: 'DBS.200001', error_msg: 'Internal error.' } }, 'gave no 200 body (HTTP 500'],
    ['lists no instance', { status: 200, body: { instances: [], total_count: 0 } }, 'has no value at /instances/0/groups/0/nodes/0/id'],
  ])('when listInstances %s, the sessions are skipped, not failed', async (_, source, reason) => {
    const { results } = await run(['listSessions'], (path) => (path.endsWith('/instances') ? source : account(path)), {
      examples: ['default'],
    });
    expect(results[0]).toMatchObject({ status: 'skipped', httpStatus: null, attempts: 0 });
    expect(results[0]?.findings[0]?.rule).toBe('chain-skipped');
    expect(results[0]?.findings[0]?.message).toContain(reason);
  });

  it('against the mock, the examples go as written and nothing is chained', async () => {
    const { results, paths } = await run(['listSessions'], account, { kind: 'mock', examples: ['default'] });
    expect(paths).toEqual(['/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes/520c58ba00a3497e97ce0b9604874dd6no02/sessions?offset=0&limit=10']);
    expect(results[0]?.valuesFrom).toBe('example');
  });
});

describe('DCS: no operation lists instances', () => {
  const account = (path: string): Answer => {
    if (path.endsWith('/logical-nodes')) {
      const body = exampleBody('showNodesInformation');
      (body.nodes as { node_id: string }[])[0] = { ...(body.nodes as { node_id: string }[])[0], node_id: DCS_NODE };
      return { status: 200, body: { ...body, instance_id: DCS_INSTANCE } };
    }
    return { status: 200, body: exampleBody('listClients') };
  };

  it('without the instance in the values file, listClients is skipped, saying where to put it', async () => {
    const { results, paths } = await run(['listClients'], account, { examples: ['default'] });
    expect(paths).toEqual([]);
    expect(results[0]?.findings[0]).toMatchObject({
      rule: 'values-missing',
      message:
        'not sent: path.instance_id must come from the values file (no operation of this catalog lists DCS instances); add it under "listClients" or "*"',
    });
  });

  it('with it, the nodes of that instance are read and the first one is listed', async () => {
    const values = `"*": { instance_id: ${DCS_INSTANCE} }`;
    const { results, paths } = await run(['listClients'], account, { examples: ['default'], values });
    expect(paths).toEqual([
      `/v2/${PROJECT}/instances/${DCS_INSTANCE}/logical-nodes`,
      `/v2/${PROJECT}/instances/${DCS_INSTANCE}/clients?node_id=${DCS_NODE}&offset=0&limit=10`,
    ]);
    expect(results[0]).toMatchObject({ status: 'passed', valuesFrom: 'chained:showNodesInformation' });
  });
});

describe('throttling is a transport fact, never drift', () => {
  it.each([
    ['a read, once its retries are spent', 'listInstances', true],
    ['a write, never retried', 'hangUpKillAllClients', false],
  ])('%s: still 429 is a transport failure', async (_, operationId, retried) => {
    const client = scriptedClient(() => ({ status: 429, headers: { 'retry-after': '30' }, attempts: retried ? 3 : 1 }));
    const [item] = planCases(services, { operations: [operationId] });
    const [result] = await executeAll(item ? [item] : [], {
      targetOf: () => live(),
      client,
      strict: false,
      allowUnsafe: true,
      concurrency: 1,
      values: { env: { project_id: PROJECT }, file: parseValuesFile(`"*": { instance_id: ${DCS_INSTANCE} }`, 'v', services) },
    });
    expect(client.retried).toEqual([retried]);
    expect(result).toMatchObject({ status: 'failed', httpStatus: 429, attempts: retried ? 3 : 1 });
    expect(result?.findings.map((f) => f.rule)).toEqual(['transport']);
    expect(result?.findings[0]?.message).toBe(
      `still HTTP 429 (Retry-After: 30) after ${retried ? '3 attempts' : '1 attempt'}: the server is throttling or unavailable, so nothing was checked`,
    );
  });
});

describe('executeAll', () => {
  it('sends each case once, even when several dependents need the same source', async () => {
    const { paths } = await run(['listSessions'], (path) =>
      path.endsWith('/instances') ? instances([NODE]) : { status: 200, body: exampleBody('listSessions') },
    );
    expect(paths.filter((p) => p.endsWith('/instances'))).toHaveLength(1);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('reports results in plan order', async () => {
    const { results } = await run(['accountsGetList', 'accountsGetDetail'], () => ({ status: 404 }));
    expect(results.map((r) => `${r.operationId} [${r.example}]`)).toEqual(
      planCases(services, { operations: ['accountsGetList', 'accountsGetDetail'], format: 'json' }).map(
        (c) => `${c.operation.operationId} [${c.example.name}]`,
      ),
    );
    expect(byName(results)['accountsGetDetail [default]']?.findings[0]?.rule).toBe('chain-skipped');
  });
});

describe('an error example passes only where a success of its operation came back in the run', () => {
  const notFound: Answer = { status: 404, body: exampleBody('listSessions', 'no-such-node') };
  const sessions: Answer = { status: 200, body: exampleBody('listSessions') };
  const cases: [name: string, answer: (path: string) => Answer, verdict: string][] = [
    [
      'its success came back: the 404 is the operation answering',
      (path) => (path.endsWith('/instances') ? instances([NODE]) : path.includes(NODE) ? sessions : notFound),
      'passed',
    ],
    ['every request gets the 404 (a wrong base path): nothing proves the operation was reached', () => notFound, 'failed reach-unproven'],
    [
      'its success drifted but came back with its status: reached',
      (path) =>
        path.endsWith('/instances') ? instances([NODE]) : path.includes(NODE) ? { status: 200, body: { sessions: 'none' } } : notFound,
      'passed',
    ],
  ];
  it.each(cases)('%s', async (_, answer, verdict) => {
    const { results } = await run(['listSessions'], answer, { examples: ['no-such-node'] });
    const result = byName(results)['listSessions [no-such-node]'];
    expect([result?.status, result?.findings[0]?.rule].filter(Boolean).join(' ')).toBe(verdict);
  });
});
