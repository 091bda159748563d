import { describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { type Case, parseShard, planCases } from './plan.ts';

const names = (cases: Case[]) => cases.map((c) => `${c.service.id} ${c.operation.operationId} [${c.example.name}] ${c.format}`);

describe('planCases', () => {
  it('runs every example of an operation in every format its service speaks', () => {
    const cases = planCases(services, { operations: ['accountsGetDetail', 'listClients'] });
    const ncp = services[0]?.operations.find((op) => op.operationId === 'accountsGetDetail');
    const dcs = services[1]?.operations.find((op) => op.operationId === 'listClients');
    expect(names(cases)).toEqual([
      ...(ncp?.examples ?? []).flatMap((e) => [
        `ncp-dataforest accountsGetDetail [${e.name}] json`,
        `ncp-dataforest accountsGetDetail [${e.name}] xml`,
      ]),
      ...(dcs?.examples ?? []).map((e) => `huawei-dcs listClients [${e.name}] json`),
    ]);
  });

  it('selects an operation by its path as well', () => {
    const byPath = planCases(services, { operations: ['/api/v2/accounts/getDetail'], format: 'xml' });
    expect(names(byPath)).toEqual(names(planCases(services, { operations: ['accountsGetDetail'], format: 'xml' })));
  });

  it('leaves out the services that do not speak the format', () => {
    expect(new Set(planCases(services, { format: 'xml' }).map((c) => c.service.id))).toEqual(new Set(['ncp-dataforest']));
  });

  it('splits the operations into disjoint shards that cover the whole run', () => {
    const all = names(planCases(services));
    const shards = [1, 2, 3].map((index) => planCases(services, { shard: { index, count: 3 } }));
    expect(shards.flatMap(names).sort()).toEqual([...all].sort());
    const operationsPerShard = shards.map((cases) => new Set(cases.map((c) => c.operation)));
    const [a, b, c] = operationsPerShard as [Set<unknown>, Set<unknown>, Set<unknown>];
    expect([...a].some((op) => b.has(op) || c.has(op))).toBe(false);
  });

  it.each([
    [
      { services: ['ncp-dataforst'] },
      'unknown service "ncp-dataforst" (did you mean ncp-dataforest?); services: ncp-dataforest, huawei-dcs, huawei-dds',
    ],
    [
      { operations: ['accountsGetDetial'] },
      'unknown operation "accountsGetDetial" in ncp-dataforest, huawei-dcs, huawei-dds (did you mean accountsGetDetail?)',
    ],
    [{ services: ['huawei-dcs'], operations: ['accountsGetDetail'] }, 'unknown operation "accountsGetDetail" in huawei-dcs'],
  ])('refuses %o naming what is wrong', (selection, message) => {
    expect(() => planCases(services, selection)).toThrow(message);
  });
});

describe('parseShard', () => {
  it.each(['1/1', '2/4', '4/4'])('reads %s', (text) => {
    const [index, count] = text.split('/').map(Number);
    expect(parseShard(text)).toEqual({ index, count });
  });

  it.each(['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', '-1/2'])('refuses %s', (text) => {
    expect(() => parseShard(text)).toThrow(`--shard ${text}: expected I/N with 1 <= I <= N, e.g. 1/4`);
  });
});
