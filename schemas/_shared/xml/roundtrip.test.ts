import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryOf } from './arbitrary.ts';
import { decodeXml, encodeXml } from './index.ts';

const RUNS = 200;

const ListResponse = z
  .object({
    success: z.boolean(),
    message: z.string().optional(),
    total: z.number().int().min(0),
    contents: z.array(
      z.object({
        id: z.string().regex(/^[0-9A-Za-z]{1,22}$/),
        name: z.string().min(3).max(15),
        state: z.enum(['ACCEPTED', 'RUNNING', 'CHANGING']),
        disabled: z.boolean().optional(),
        lifetimeMillis: z.number().int().optional(),
        startedAt: z.iso.datetime({ offset: true }).optional(),
      }),
    ),
  })
  .meta({ xml: { name: 'GetAppListResponse' } });

const Workspace = z.object({
  configuration: z.object({
    data: z.object({
      input: z.array(z.object({ hdfs: z.string(), path: z.string() })).optional(),
      output: z.array(z.object({ hdfs: z.string(), overwrite: z.boolean(), path: z.string() })).optional(),
    }),
    docker: z.object({
      image: z.string(),
      env: z.record(z.string(), z.string()).optional(),
      images: z.record(z.string(), z.array(z.string())).optional(),
      exposeTcpPorts: z.array(z.number().int().min(1).max(65535)).optional(),
    }),
    resource: z.object({ cpuCount: z.number().int(), gpuModel: z.enum(['T4', 'V100']).default('T4') }).partial(),
  }),
  labels: z.array(z.string()).default([]),
});

const Shapes = z.object({
  id: z.string().meta({ xml: { attribute: true } }),
  revision: z
    .number()
    .int()
    .optional()
    .meta({ xml: { attribute: true } }),
  title: z.string().meta({ xml: { name: 'Title' } }),
  tags: z
    .array(z.string())
    .optional()
    .meta({ xml: { wrapped: true } }),
  ports: z.array(z.number()).meta({ xml: { wrapped: true, name: 'portList' } }),
  hosts: z.array(z.object({ name: z.string() }).meta({ xml: { name: 'host' } })).optional(),
  matrix: z.array(z.array(z.number())).optional(),
});

const Nulls = z.object({
  count: z.number().nullable(),
  note: z.string().nullable(),
  flag: z.boolean().nullable().optional(),
  items: z.array(z.string()).nullable().optional(),
  cells: z.array(z.number().nullable()).optional(),
  words: z.array(z.string().nullable()).optional(),
  child: z.object({ a: z.string().optional() }).nullable().optional(),
  either: z.union([z.string(), z.null()]).optional(),
});

const Scalars = z.object({
  text: z.string(),
  real: z.number(),
  big: z.bigint().optional(),
  kind: z.literal(['a', 'b']).optional(),
  numberOrFlag: z.union([z.number(), z.boolean()]).optional(),
  payload: z.unknown().optional(),
  email: z.email().optional(),
  uuid: z.uuid().optional(),
});

const ErrorResponse = z
  .union([
    z.object({ message: z.string(), success: z.literal(false) }),
    z.object({ errorCode: z.string(), requestId: z.string(), message: z.string() }),
  ])
  .meta({ xml: { name: 'ErrorResponse' } });

const RootList = z.array(z.object({ key: z.string(), value: z.number() }).meta({ xml: { name: 'entry' } }));

describe('encode → decode gives back the value (property)', () => {
  it.each([
    ['a Data Forest list response', ListResponse],
    ['nested objects, maps, maps of lists, defaults', Workspace],
    ['attributes, renamed, wrapped and nested arrays', Shapes],
    ['null in every position', Nulls],
    ['scalars, unions of scalars, unknown, string formats', Scalars],
    ['a union of objects (the NCP error body)', ErrorResponse],
    ['an array as the document', RootList],
  ])('%s', (_name, schema) => {
    fc.assert(
      fc.property(arbitraryOf(schema), fc.boolean(), (value, pretty) => {
        expect(schema.safeParse(value).success).toBe(true);
        const xml = encodeXml(schema, value, 'Root', { pretty });
        const decoded = decodeXml(schema, xml);
        expect(decoded.unknown).toEqual([]);
        expect(decoded.shape).toEqual([]);
        expect(decoded.value).toEqual(value);
      }),
      { numRuns: RUNS },
    );
  });

  it('an empty optional list is the one lossy case: [] and "absent" are the same document', () => {
    const schema = z.object({ tags: z.array(z.string()).optional() });
    expect(decodeXml(schema, encodeXml(schema, { tags: [] }, 'Root')).value).toEqual({});
  });
});
