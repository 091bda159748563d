import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileParamsReader } from './params.ts';

const read = compileParamsReader(
  z.object({
    limit: z.number().int().optional(),
    verbose: z.boolean().default(false),
    kind: z.literal(3).optional(),
    ids: z.array(z.number()).optional(),
    name: z.string().optional(),
    offset: z.preprocess((v) => v, z.number()).optional(),
  }),
);

describe('compileParamsReader', () => {
  const cases: { name: string; query: string; want: Record<string, unknown> }[] = [
    { name: 'numbers and booleans by schema', query: 'limit=10&verbose=true&kind=3', want: { limit: 10, verbose: true, kind: 3 } },
    { name: 'strings stay strings', query: 'name=10', want: { name: '10' } },
    {
      name: 'a number that is not one stays text for Zod to name',
      query: 'limit=0x1f&verbose=yes',
      want: { limit: '0x1f', verbose: 'yes' },
    },
    { name: 'an empty value is not 0', query: 'limit=', want: { limit: '' } },
    { name: 'arrays collect every value', query: 'ids=1&ids=2', want: { ids: [1, 2] } },
    { name: 'an array given once is still an array', query: 'ids=1', want: { ids: [1] } },
    { name: 'a scalar given twice reaches Zod as an array', query: 'limit=1&limit=2', want: { limit: [1, 2] } },
    { name: 'preprocessed fields convert by their inner type', query: 'offset=5', want: { offset: 5 } },
    { name: 'unknown keys pass as text', query: 'other=1', want: { other: '1' } },
    { name: '__proto__ is only a key', query: '__proto__=1', want: { ['__proto__']: '1' } },
  ];
  it.each(cases)('$name', ({ query, want }) => {
    expect({ ...read(new URLSearchParams(query)) }).toEqual(want);
  });
});
