import { describe, expect, it } from 'vitest';
import { compareValues, type ValuePolicy } from './values.ts';

const EXACT: ValuePolicy = { mode: 'exact' };
const SHAPE: ValuePolicy = { mode: 'shape' };

type Row = [
  name: string,
  expected: unknown,
  actual: unknown,
  policy: ValuePolicy,
  mismatches: [pointer: string, expected: string, actual: string][],
];

describe('compareValues', () => {
  it.each<Row>([
    ['equal bodies', { a: 1, b: ['x'] }, { a: 1, b: ['x'] }, EXACT, []],
    ['a changed scalar', { name: 'df001' }, { name: 'df002' }, EXACT, [['/name', '"df001"', '"df002"']]],
    ['a field the example has and the response lacks', { name: 'df001' }, {}, EXACT, [['/name', '"df001"', 'undefined']]],
    ['a field only the response has (left to the schema checks)', {}, { name: 'df001' }, EXACT, []],
    ['another item count', { list: [1, 2] }, { list: [1] }, EXACT, [['/list', '2 items', '1 items']]],
    ['an item that differs', { list: [{ n: 1 }, { n: 2 }] }, { list: [{ n: 1 }, { n: 3 }] }, EXACT, [['/list/1/n', '2', '3']]],
    [
      'ids, by name',
      { id: 'a', accountId: 'b', instance_id: 'c', requestId: 'd' },
      { id: 'x', accountId: 'y', instance_id: 'z', requestId: 'w' },
      EXACT,
      [],
    ],
    [
      'timestamps, by name',
      { createdAt: 'x', updated_at: 'y', startTime: 1 },
      { createdAt: 'z', updated_at: 'w', startTime: 2 },
      EXACT,
      [],
    ],
    ['timestamps, by value', { since: '2023-04-20T07:06:56.308Z' }, { since: '2024-01-01T00:00:00Z' }, EXACT, []],
    ['other values, by shape', { name: 'df001', total: 2 }, { name: 'mine', total: 40 }, SHAPE, []],
    ['a type change, by shape', { total: 2 }, { total: '2' }, SHAPE, [['/total', 'number', 'string']]],
    [
      'any number of items, each like the first, by shape',
      { list: [{ n: 1 }] },
      { list: [{ n: 5 }, { n: 'x' }] },
      SHAPE,
      [['/list/1/n', 'number', 'string']],
    ],
    ['an absent optional field, by shape', { name: 'df001' }, {}, SHAPE, []],
    [
      'a field set to shape by name',
      { name: 'df001', total: 2 },
      { name: 'mine', total: 3 },
      { mode: 'exact', fields: { name: 'shape' } },
      [['/total', '2', '3']],
    ],
    [
      'a field set to exact by pointer',
      { list: [{ id: 'a' }] },
      { list: [{ id: 'b' }] },
      { mode: 'shape', fields: { '/list/*/id': 'exact' } },
      [['/list/0/id', '"a"', '"b"']],
    ],
    ['a field ignored by name', { message: 'success' }, { message: 'ok' }, { mode: 'exact', fields: { message: 'ignore' } }, []],
  ])('%s', (_, expected, actual, policy, mismatches) => {
    const findings = compareValues(expected, actual, policy);
    expect(findings.map((f) => [f.pointer, f.expected, f.actual])).toEqual(mismatches);
    expect(findings.every((f) => f.rule === 'response-value-mismatch' && f.severity === 'error')).toBe(true);
  });
});
