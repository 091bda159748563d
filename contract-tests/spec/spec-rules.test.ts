import type { SchemaObject } from 'openapi3-ts/oas31';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../schemas/_shared/operation.ts';
import { allowedValues, inexpressible, requiredWhen } from '../../schemas/_shared/spec-rules.ts';
import { services } from '../../schemas/index.ts';
import { buildDocument, proseRulesReport, publishServiceRules } from './document.ts';

const ncp = services.find((s) => s.id === 'ncp-dataforest') as (typeof services)[number];
const dcs = services.find((s) => s.id === 'huawei-dcs') as (typeof services)[number];

const property = (schema: SchemaObject, name: string) => schema.properties?.[name] as SchemaObject;

/** A component schema; `if`/`then` are JSON Schema 2020-12 keywords openapi3-ts does not type. */
function component(service: (typeof services)[number], name: string): SchemaObject & { if?: unknown; then?: unknown } {
  return buildDocument(service).components?.schemas?.[name] as SchemaObject;
}

/** A made-up operation on the NCP service, so rules no vendor operation has yet are shown too. */
function withOperation(body: z.ZodType) {
  const op = defineOperation({
    operationId: 'testsRule',
    method: 'post',
    path: '/api/v2/tests/rule',
    summary: 'A rule',
    description: 'An operation made up for this test.',
    tags: ['Accounts'],
    docUrl: 'https://example.test/rule',
    safety: 'read',
    request: { body },
    responses: {
      200: { description: 'Fine.', body: z.object({ success: z.boolean() }).meta({ id: 'TestRuleResponse', xml: { name: 'R' } }) },
    },
    examples: [],
  });
  return { ...ncp, operations: [op] };
}

describe('every check a schema enforces is in the spec', () => {
  test.each<[string, () => unknown, unknown]>([
    [
      'accounts setQuota spaceTb: multipleOf, int32 bounds',
      () => component(ncp, 'SetAccountQuotaRequest').properties?.spaceTb,
      expect.objectContaining({ type: 'integer', format: 'int32', minimum: 200, maximum: 500, multipleOf: 100 }),
    ],
    [
      'notebooks create storageGB: a range and two sizes as anyOf',
      () => component(ncp, 'CreateNotebookRequest').properties?.storageGB,
      expect.objectContaining({ minimum: 100, maximum: 6000, anyOf: [{ minimum: 100, maximum: 2000 }, { enum: [4000, 6000] }] }),
    ],
    [
      'notebooks create: storageGB required when addStorage is true',
      () => {
        const { if: condition, then } = component(ncp, 'CreateNotebookRequest');
        return { if: condition, then };
      },
      {
        if: { properties: { addStorage: { const: true } }, required: ['addStorage'] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
        then: { properties: { storageGB: {} }, required: ['storageGB'] },
      },
    ],
    [
      'accounts create password: each pattern (letter, digit, special character, forbidden characters)',
      () => {
        const { pattern, allOf } = property(component(ncp, 'CreateAccountRequest'), 'password');
        return { pattern, allOf };
      },
      { pattern: '[A-Za-z]', allOf: [{ pattern: '[0-9]' }, { pattern: '[^A-Za-z0-9]' }, { pattern: '^[^\'"\\\\/&`\\s₩¥]*$' }] },
    ],
    [
      'accounts resetPassword password: the same patterns',
      () => (property(component(ncp, 'ResetAccountPasswordRequest'), 'password').allOf ?? []).length,
      3,
    ],
    [
      'apps setContainerCount containerCount: a vendor Integer is int32, not unbounded',
      () => component(ncp, 'SetAppContainerCountRequest').properties?.containerCount,
      expect.objectContaining({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }),
    ],
    [
      'DCS kill-all: node_id required when kill_all_nodes is false',
      () => {
        const { if: condition, then } = component(dcs, 'HangUpKillAllClientsRequest');
        return { if: condition, then };
      },
      {
        if: { properties: { kill_all_nodes: { const: false } }, required: ['kill_all_nodes'] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
        then: { properties: { node_id: {} }, required: ['node_id'] },
      },
    ],
    [
      'DCS listClients limit and offset: int32 bounds keep the default the wrapper gives (10, 0)',
      () => {
        const listClients = buildDocument(dcs).paths?.['/v2/{project_id}/instances/{instance_id}/clients']?.get;
        const schemaOf = (name: string) =>
          (listClients?.parameters ?? []).find((p) => 'name' in p && p.name === name) as { schema: SchemaObject };
        return [schemaOf('limit').schema, schemaOf('offset').schema];
      },
      [
        expect.objectContaining({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, default: 10 }),
        expect.objectContaining({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, default: 0 }),
      ],
    ],
    [
      'a response integer without a vendor bound still says what Zod accepts (safe integers)',
      () => (component(ncp, 'GetAccountListResponse').properties?.total as SchemaObject | undefined) ?? {},
      expect.objectContaining({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 }),
    ],
  ])('%s', (_name, read, expected) => {
    expect(read()).toEqual(expected);
  });

  test('a rule no JSON Schema keyword can say is in the description and x-inexpressible, and generate lists it', () => {
    const Body = z
      .object({
        day: inexpressible(z.string(), (day) => day !== 'yesterday', {
          rule: 'day is not in the past',
          why: 'it depends on the clock when the request arrives',
        }).meta({ description: 'A day.' }),
      })
      .meta({ id: 'TestInexpressible', xml: { name: 'T' } });
    const service = withOperation(Body);
    const day = property(buildDocument(service).components?.schemas?.TestInexpressible as SchemaObject, 'day');
    expect(day).toEqual({
      type: 'string',
      description:
        'A day. Also: day is not in the past (not expressible in JSON Schema: it depends on the clock when the request arrives).',
      'x-inexpressible': [{ rule: 'day is not in the past', why: 'it depends on the clock when the request arrives' }],
    });
    const rules = publishServiceRules(service);
    expect(proseRulesReport(rules)).toMatchInlineSnapshot(`
      "Rules the spec states only in prose and x-inexpressible (no JSON Schema keyword can say them): 1
        ncp-dataforest testsRule request.body /day: day is not in the past (it depends on the clock when the request arrives)"
    `);
  });

  test('today no rule of the catalog is left to prose', () => {
    expect(proseRulesReport(services.flatMap(publishServiceRules))).toBe(
      'Rules the spec states only in prose (no JSON Schema keyword can say them): none',
    );
  });

  test('a bare refine() the spec cannot see stops generation, naming where it is', () => {
    const Body = z.object({ size: z.number().refine((n) => n % 2 === 0, 'even') }).meta({ id: 'TestBare', xml: { name: 'T' } });
    expect(() => buildDocument(withOperation(Body))).toThrowError(
      'ncp-dataforest testsRule: request.body: the schema at /size has a refinement the spec cannot see: write it with allowedValues, requiredWhen or inexpressible (schemas/_shared/spec-rules.ts)',
    );
  });

  test('the helpers give Zod the same rule they give the spec', () => {
    const Size = allowedValues(z.int32(), [[1, 3], 10], 'size is 1-3 or 10');
    expect([0, 1, 3, 4, 9, 10, 11].map((n) => Size.safeParse(n).success)).toEqual([false, true, true, false, false, true, false]);
    const Kill = requiredWhen(
      z.object({ node: z.string().optional(), all: z.boolean().optional() }),
      'node',
      { field: 'all', equals: false },
      'node is required',
    );
    expect([{}, { all: true }, { all: false }, { all: false, node: 'n' }].map((body) => Kill.safeParse(body).success)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(Kill.safeParse({ all: false }).error?.issues).toMatchObject([{ path: ['node'], message: 'node is required' }]);
  });
});
