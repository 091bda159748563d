import { expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { defineOperation, type InputDef } from './operation.ts';

const Body = z.object({ id: z.string(), count: z.number().int().optional() });
const Reply = z.object({ status: z.enum(['RUNNING', 'STOPPED']) });

const base = {
  operationId: 'thingsGetDetail',
  method: 'post',
  path: '/things/getDetail',
  summary: 's',
  description: 'd',
  tags: ['Things'],
  docUrl: 'https://example.invalid/doc',
  safety: 'read',
  request: { body: Body },
  responses: { 200: { description: 'ok', body: Reply }, 404: { description: 'missing' } },
} as const;

test('examples are typed from the schemas, so a wrong example does not compile', () => {
  defineOperation({
    ...base,
    examples: [
      { name: 'default', summary: 'ok', request: { body: { id: 'a', count: 2 } }, response: { status: 200, body: { status: 'RUNNING' } } },
    ],
  });
  defineOperation({
    ...base,
    examples: [
      {
        name: 'bad-request',
        summary: 'x',
        // @ts-expect-error count must be a number
        request: { body: { id: 'a', count: '2' } },
        response: { status: 200, body: { status: 'RUNNING' } },
      },
    ],
  });
  defineOperation({
    ...base,
    // @ts-expect-error RUNNIN is not a documented status value
    examples: [{ name: 'bad-enum', summary: 'x', request: { body: { id: 'a' } }, response: { status: 200, body: { status: 'RUNNIN' } } }],
  });
  defineOperation({
    ...base,
    // @ts-expect-error 500 is not a documented response of this operation
    examples: [{ name: 'bad-status', summary: 'x', request: { body: { id: 'a' } }, response: { status: 500 } }],
  });
  expectTypeOf<z.input<typeof Body>>().toEqualTypeOf<{ id: string; count?: number | undefined }>();
});

test('inputs name request fields by typed pointers', () => {
  const Nested = z.object({ search: z.object({ accountId: z.string() }) });
  const op = defineOperation({
    ...base,
    request: { body: Nested },
    examples: [],
    inputs: [{ target: '/body/search/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  });
  expectTypeOf(op.inputs).toEqualTypeOf<InputDef[]>();
  defineOperation({
    ...base,
    request: { body: Nested },
    examples: [],
    // @ts-expect-error the body has no field accountId at its top level
    inputs: [{ target: '/body/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  });
  defineOperation({
    ...base,
    examples: [],
    // @ts-expect-error the operation has no path parameters
    inputs: [{ target: '/params/id', from: { values: 'required', why: 'no list' } }],
  });
});

test('an error example says what decides it; a success example does not', () => {
  const ok = {
    name: 'default',
    summary: 'ok',
    request: { body: { id: 'a' } },
    response: { status: 200, body: { status: 'RUNNING' } },
  } as const;
  const gone = { name: 'gone', summary: 'x', request: { body: { id: 'b' } }, response: { status: 404 } } as const;
  defineOperation({ ...base, examples: [ok, { ...gone, outcome: { from: 'state', why: 'y' } }] });
  defineOperation({
    ...base,
    examples: [ok, { ...gone, outcome: { from: 'request', why: 'y', nonexistent: '/body/id', equivalent: { statuses: [404], why: 'z' } } }],
  });
  // @ts-expect-error a 404 example without an outcome
  defineOperation({ ...base, examples: [ok, gone] });
  // @ts-expect-error a 200 example with an outcome
  defineOperation({ ...base, examples: [{ ...ok, outcome: { from: 'state', why: 'y' } }] });
  // @ts-expect-error the body has no field named thing
  defineOperation({ ...base, examples: [ok, { ...gone, outcome: { from: 'request', why: 'y', nonexistent: '/body/thing' } }] });
  defineOperation({
    ...base,
    examples: [
      ok,
      // @ts-expect-error 403 is not a documented status of this operation
      { ...gone, outcome: { from: 'request', why: 'y', nonexistent: '/body/id', equivalent: { statuses: [403, 404], why: 'z' } } },
    ],
  });
});
