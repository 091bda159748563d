import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type AnyExample, dependsOnState, isSuccess, type Operation } from '../../schemas/_shared/operation.ts';
import { services } from '../../schemas/index.ts';
import { resolveValues } from '../runner/request-values.ts';
import { type RunningMock, startMock } from './server.ts';
import { type BodyFormat, replyValue, sendExample } from './testing.ts';

/** One row per service × operation × example × format the service speaks: the table the contract suite runs. */
const rows = services.flatMap((service) =>
  service.operations.flatMap((op) =>
    op.examples.flatMap((example) =>
      (service.mediaTypes.includes('application/xml') ? (['json', 'xml'] as const) : (['json'] as const)).map((format: BodyFormat) => ({
        label: `${service.id} ${op.operationId} [${example.name}] ${format}`,
        service,
        op,
        example,
        format,
      })),
    ),
  ),
);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.close());

function acceptFor(op: Operation, example: AnyExample, format: BodyFormat): string {
  const response = op.responses.find((r) => r.status === example.response.status);
  return response?.contentType ?? (format === 'xml' ? 'application/xml' : 'application/json');
}

/** What the mock must answer for an example: its status, and its body in the format asked for. */
async function expectExampleReply(op: Operation, example: AnyExample, format: BodyFormat, prefer: boolean) {
  const reply = await sendExample(mock.url, op, example, format, {
    accept: acceptFor(op, example, format),
    ...(prefer ? { prefer: `example=${example.name}` } : {}),
  });
  expect({ status: reply.status, example: reply.headers['x-mock-example'] }).toEqual({
    status: example.response.status,
    example: example.name,
  });
  const response = op.responses.find((r) => r.status === example.response.status);
  if (response?.body === undefined || example.response.body === undefined) {
    expect(reply.bytes.length).toBe(0);
    return;
  }
  if (response.contentType === 'application/octet-stream') {
    expect({ type: reply.headers['content-type'], body: reply.text }).toEqual({
      type: 'application/octet-stream',
      body: example.response.body,
    });
    return;
  }
  expect(reply.headers['content-type']).toBe(format === 'xml' ? 'application/xml' : 'application/json');
  const value = replyValue(reply, response.body.xmlSchema);
  if (format === 'json') {
    expect(value).toEqual(example.response.body);
    expect(response.body.schema.safeParse(value).success).toBe(true);
  } else {
    const want = response.body.xmlSchema.parse(response.body.fromJson(response.body.schema.parse(example.response.body)));
    expect(response.body.xmlSchema.parse(value)).toEqual(want);
  }
}

describe('every example of every operation, in every format its service speaks', () => {
  it.each(rows)('$label', ({ op, example, format }) => expectExampleReply(op, example, format, true));
});

/**
 * Without `Prefer`, the mock answers the first example whose request equals the one sent, so an example is
 * reachable this way unless an earlier example documents the same request.
 */
function parsedRequest(op: Operation, example: AnyExample): unknown {
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    const result = schema?.safeParse(value);
    return result === undefined || result.success ? result?.data : { invalid: value };
  };
  return [
    parse(op.request.params, example.request.params ?? {}),
    parse(op.request.query, example.request.query ?? {}),
    parse(op.request.body?.schema, example.request.body),
  ];
}

const reachable = rows.filter(({ op, example }) => {
  const first = op.examples.find(
    (other) => !dependsOnState(other) && isDeepStrictEqual(parsedRequest(op, other), parsedRequest(op, example)),
  );
  return first === example;
});

describe('without Prefer, the example whose request matches', () => {
  it.each(reachable)('$label', ({ op, example, format }) => expectExampleReply(op, example, format, false));
});

/** A mock has no account state: the request of an example whose answer depends on it gets a success. */
const stateDependent = rows.filter(({ example, format }) => dependsOnState(example) && format === 'json');

describe('without Prefer, the request of a state-dependent example', () => {
  it('is one of these', () => {
    expect(stateDependent.map((row) => row.label)).toEqual([
      'ncp-dataforest accountsCreate [one-account-per-user] json',
      'ncp-dataforest notebooksCheckAvailableName [not-allowed] json',
      'ncp-dataforest appsCreate [quota-exceeded] json',
      'ncp-dataforest aiWorkspacesCreate [quota-exceeded] json',
      'huawei-dcs listClients [not-supported] json',
      'huawei-dcs hangUpKillAllClients [task-state] json',
    ]);
  });
  it.each(stateDependent)('$label is answered with a success', async ({ op, example, format }) => {
    const reply = await sendExample(mock.url, op, example, format, { accept: 'application/json' });
    const answered = op.examples.find((other) => other.name === reply.headers['x-mock-example']);
    expect({ status: reply.status, success: answered !== undefined && isSuccess(answered.response.status) }).toEqual({
      status: answered?.response.status,
      success: true,
    });
  });
});

/**
 * A faithful vendor answers an id it never issued with its documented not-found (or not-allowed) error, not a
 * success: the request a live run sends for such an example (a fresh id in the documented format) gets that
 * example's answer, or an earlier example's about the same field.
 */
const unknownIdRows = rows.flatMap((row) => {
  const { outcome } = row.example;
  const pointer = outcome?.from === 'request' ? outcome.nonexistent : undefined;
  if (pointer === undefined) {
    return [];
  }
  const first = row.op.examples.find((e) => e.outcome?.from === 'request' && e.outcome.nonexistent === pointer) as AnyExample;
  return [{ ...row, label: `${row.label} ${pointer}`, answeredBy: first.name }];
});

describe('without Prefer, an id no example documents', () => {
  it('covers every operation that documents such an error', () => {
    expect(new Set(unknownIdRows.map((row) => row.op.operationId)).size).toBeGreaterThanOrEqual(20);
  });
  it.each(unknownIdRows)('$label gets the documented error', async ({ service, op, example, format, answeredBy }) => {
    const { request } = resolveValues({ service, operation: op, example, format }, true, {});
    const reply = await sendExample(mock.url, op, { ...example, request }, format, { accept: acceptFor(op, example, format) });
    expect({ status: reply.status, example: reply.headers['x-mock-example'] }).toEqual({
      status: example.response.status,
      example: answeredBy,
    });
  });
  it('while a documented id still gets the success', async () => {
    const op = services.flatMap((s) => s.operations).find((o) => o.operationId === 'accountsGetDetail') as Operation;
    const success = op.examples[0] as AnyExample;
    const reply = await sendExample(mock.url, op, success, 'json', { accept: 'application/json' });
    expect({ status: reply.status, example: reply.headers['x-mock-example'] }).toEqual({ status: 200, example: success.name });
  });
});
