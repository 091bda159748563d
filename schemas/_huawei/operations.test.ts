import type { ParameterObject } from 'openapi3-ts/oas31';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { buildDocument } from '../../contract-tests/spec/document.ts';
import type { AnyExample, Operation } from '../_shared/operation.ts';
import { HangUpKillAllClientsRequest } from '../huawei-dcs/clients/hang-up-kill-all-clients.ts';
import { NodeId as DcsNodeId, JobId } from '../huawei-dcs/common.ts';
import { huaweiDcs } from '../huawei-dcs/index.ts';
import { InstanceId as DdsInstanceId, NodeId as DdsNodeId } from '../huawei-dds/common.ts';
import { huaweiDds } from '../huawei-dds/index.ts';
import { ListInstancesQuery } from '../huawei-dds/instances/list-instances.ts';
import { ListSessionsQuery } from '../huawei-dds/sessions/list-sessions.ts';
import { HuaweiError, huaweiErrorEnvelope } from './common.ts';

const services = [huaweiDcs, huaweiDds];

describe('the operations of both services', () => {
  test('are exactly the eight the kill workflows need', () => {
    const table = services.flatMap((s) => s.operations.map((op) => [s.id, op.operationId, op.method.toUpperCase(), op.path, op.safety]));
    expect(table).toEqual([
      ['huawei-dcs', 'showNodesInformation', 'GET', '/v2/{project_id}/instances/{instance_id}/logical-nodes', 'read'],
      ['huawei-dcs', 'scanClients', 'POST', '/v2/{project_id}/instances/{instance_id}/clients', 'read'],
      ['huawei-dcs', 'listClients', 'GET', '/v2/{project_id}/instances/{instance_id}/clients', 'read'],
      ['huawei-dcs', 'hangUpKillAllClients', 'POST', '/v2/{project_id}/instances/{instance_id}/clients/kill-all', 'destructive'],
      ['huawei-dcs', 'showJobInfo', 'GET', '/v2/{project_id}/jobs/{job_id}', 'read'],
      ['huawei-dds', 'listInstances', 'GET', '/v3/{project_id}/instances', 'read'],
      ['huawei-dds', 'listSessions', 'GET', '/v3/{project_id}/nodes/{node_id}/sessions', 'read'],
      ['huawei-dds', 'deleteSession', 'POST', '/v3/{project_id}/nodes/{node_id}/session', 'destructive'],
    ]);
  });

  test('answer JSON only and document 400, 401, 403, 404 and 500 in the Huawei error body', () => {
    for (const service of services) {
      expect(service.mediaTypes).toEqual(['application/json']);
      for (const op of service.operations) {
        const errors = op.responses.filter((r) => r.status >= 400);
        expect(
          errors.map((r) => r.status),
          op.operationId,
        ).toEqual([400, 401, 403, 404, 500]);
        expect(
          errors.every((r) => r.body?.schema === HuaweiError),
          op.operationId,
        ).toBe(true);
      }
    }
  });
});

const cases = services.flatMap((s) =>
  s.operations.flatMap((op) => op.examples.map((example) => [`${op.operationId} ${example.name}`, op, example] as const)),
);

function expectParses(schema: z.ZodType | undefined, value: unknown, where: string): void {
  if (value === undefined) {
    return;
  }
  expect(schema, `${where} has a schema`).toBeDefined();
  const result = schema?.safeParse(value);
  expect(result?.success, `${where}: ${result?.error?.message}`).toBe(true);
}

/** A query object as it arrives over the wire: every value a string, read back through URLSearchParams. */
function overTheWire(query: object): Record<string, string> {
  const pairs = Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]);
  return Object.fromEntries(new URLSearchParams(pairs));
}

describe.each(cases)('example %s', (_, op: Operation, example: AnyExample) => {
  test('request and response parse with their schemas', () => {
    const { request, response } = example;
    expectParses(op.request.params, request.params, 'params');
    expectParses(op.request.query, request.query, 'query');
    expectParses(op.request.headers, request.headers, 'headers');
    expectParses(op.request.body?.schema, request.body, 'request body');
    expectParses(op.responses.find((r) => r.status === response.status)?.body?.schema, response.body, `${response.status} body`);
    expect(request.xml ?? response.xml, 'Huawei documents no XML').toBeUndefined();
  });

  test('its query parses to the same values from a decoded query string', () => {
    const query = op.request.query;
    if (!query || !example.request.query) {
      return;
    }
    expect(query.parse(overTheWire(example.request.query))).toEqual(query.parse(example.request.query));
  });
});

describe('integer query parameters', () => {
  test.each([
    ['a number', { limit: 20 }, 20],
    ['digits', { limit: '20' }, 20],
    ['left out', {}, 10],
  ])('accept %s', (_, query, limit) => {
    expect(ListSessionsQuery.parse(query).limit).toBe(limit);
  });

  test.each([
    ['letters', 'ten'],
    ['a fraction', '1.5'],
    ['an empty value', ''],
    ['null', null],
    ['above the documented maximum', '101'],
    ['below the minimum', '0'],
  ])('reject %s', (_, limit) => {
    expect(ListSessionsQuery.safeParse({ limit }).success).toBe(false);
  });

  test.each(services.map((s) => [s.id, buildDocument(s)] as const))(
    'are published by %s as required-or-not integers, never nullable',
    (_, doc) => {
      const integers = Object.values(doc.paths ?? {})
        .flatMap((item) => Object.values(item as Record<string, { parameters?: ParameterObject[] }>))
        .flatMap((op) => op.parameters ?? [])
        .filter((p) => ['offset', 'limit', 'cost_time'].includes(p.name))
        .map((p) => [p.name, p.schema && 'type' in p.schema ? p.schema.type : undefined, p.required]);
      expect(integers.length).toBeGreaterThan(0);
      expect(integers.every(([, type, required]) => type === 'integer' && required === false)).toBe(true);
    },
  );
});

describe('ids', () => {
  test.each([
    ['DDS instance, Huawei suffix', DdsInstanceId, 'da304cd5bbb944de828759bc7be3d3fein01', true],
    ['DDS instance, OTC suffix', DdsInstanceId, '8436a91546294036b75931e879882200in02', true],
    ['DDS instance given a node id', DdsInstanceId, '520c58ba00a3497e97ce0b9604874dd6no02', false],
    ['DDS node', DdsNodeId, '520c58ba00a3497e97ce0b9604874dd6no02', true],
    ['DDS node, upper-case hex', DdsNodeId, '520C58BA00A3497E97CE0B9604874DD6no02', false],
    ['DCS node from the node list', DcsNodeId, '8a2c26c17f4d6516017f4d7b77940030', true],
    ['DCS node from the kill-all example', DcsNodeId, '8f7ee181-88e2-49b7-a4bf-81f18f93a135', true],
    ['DCS node, 31 characters', DcsNodeId, '8a2c26c17f4d6516017f4d7b7794003', false],
    ['DCS job', JobId, 'ff8080818822bbf70188235afc24141a', true],
    ['DCS job given a UUID', JobId, '8f7ee181-88e2-49b7-a4bf-81f18f93a135', false],
  ])('%s', (_, schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });
});

describe('request rules the pages state', () => {
  test.each([
    ['kill all nodes', { kill_all_nodes: true }, true],
    ['kill one node', { node_id: '8a2c26c17f4d6516017f4d7b77940030', kill_all_nodes: false }, true],
    ['an empty body (server behaviour undocumented)', {}, true],
    ['one node without saying which', { kill_all_nodes: false }, false],
  ])('kill-all: %s', (_, body, valid) => {
    expect(HangUpKillAllClientsRequest.safeParse(body).success).toBe(valid);
  });

  test.each([
    ['a fuzzy name', { name: '*orders' }, true],
    ['a lone *', { name: '*' }, false],
    ['two tags, one with an empty value', { tags: 'env=prod,team=' }, true],
    ['a tag without a key', { tags: '=prod' }, false],
    ['an unknown instance type', { mode: 'Cluster' }, false],
  ])('listInstances: %s', (_, query, valid) => {
    expect(ListInstancesQuery.safeParse(query).success).toBe(valid);
  });
});

test('the error body the mock makes for a bad signature is the gateway one', () => {
  const body = huaweiErrorEnvelope.make(401, 'Incorrect IAM authentication information: verify aksk signature fail');
  expect(HuaweiError.parse(body)).toMatchInlineSnapshot(`
    {
      "error_code": "APIGW.0301",
      "error_msg": "Incorrect IAM authentication information: verify aksk signature fail",
    }
  `);
});
