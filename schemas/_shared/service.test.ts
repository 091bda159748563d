import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnyExample, Operation } from './operation.ts';
import { defineOperation } from './operation.ts';
import { defineService, errorResponses } from './service.ts';

/** A made-up service, so the definition checks are tested apart from any vendor's data. */
const Thing = z.object({ id: z.string(), name: z.string().optional() }).meta({ id: 'Thing' });
const Problem = z.object({ message: z.string() }).meta({ id: 'Problem' });
const problems = errorResponses({ schema: Problem }, { 400: 'Bad request.', 403: 'Refused.', 404: 'Not found.' });

function thingsGet(examples: AnyExample[]): Operation {
  const op = defineOperation({
    operationId: 'thingsGet',
    method: 'post',
    path: '/things/get',
    summary: 'Get a thing',
    description: 'One thing.',
    tags: ['Things'],
    docUrl: 'https://example.test/things/get',
    safety: 'read',
    request: { body: z.object({ id: z.string() }) },
    responses: { 200: { description: 'The thing.', body: Thing }, ...problems },
    examples: [],
  });
  // Plain objects, as a JavaScript caller (or a cast) could hand over: the runtime check must catch what types would.
  return { ...op, examples };
}

function define(examples: AnyExample[]) {
  return () =>
    defineService({
      id: 'toy',
      title: 'Toy',
      version: '1',
      description: 'A toy service.',
      docUrl: 'https://example.test',
      servers: [],
      securitySchemes: {},
      security: [],
      signers: [],
      mediaTypes: ['application/json'],
      tags: [],
      errors: { body: Problem, make: (_, message) => ({ message }) },
      docNotes: [],
      operations: [thingsGet(examples)],
    });
}

const ok: AnyExample = {
  name: 'default',
  summary: 'A thing',
  request: { body: { id: 't1' } },
  response: { status: 200, body: { id: 't1' } },
};
const refused = (name: string, id: string, outcome?: AnyExample['outcome']): AnyExample => ({
  name,
  summary: 'Refused',
  request: { body: { id } },
  response: { status: 403, body: { message: 'not allowed' } },
  ...(outcome ? { outcome } : {}),
});

describe('defineService refuses examples a live run could not trust', () => {
  const prefix = 'toy thingsGet: example';
  it.each([
    [
      'an error example that does not say what decides it',
      [ok, refused('not-allowed', 't9')],
      `${prefix} "not-allowed" answers 403 but does not say what decides it: add outcome { from: 'request' | 'state', why }`,
    ],
    [
      'a success example with an outcome',
      [{ ...ok, outcome: { from: 'state', why: 'x' } } as AnyExample, refused('gone', 't9', { from: 'request', why: 'x' })],
      `${prefix} "default" answers 200, a success, so it has no outcome to declare`,
    ],
    [
      'a nonexistent field the request does not send',
      [ok, refused('gone', 't9', { from: 'request', why: 'x', nonexistent: '/body/name' })],
      `${prefix} "gone" declares nonexistent /body/name, which is not an id field its request sends`,
    ],
    [
      'a nonexistent field outside the request',
      [ok, refused('gone', 't9', { from: 'request', why: 'x', nonexistent: '/header/id' })],
      `${prefix} "gone" declares nonexistent /header/id, which is not an id field its request sends`,
    ],
    [
      'equivalent statuses without its own',
      [ok, refused('gone', 't9', { from: 'request', why: 'x', equivalent: { statuses: [404], why: 'y' } })],
      `${prefix} "gone" declares equivalent statuses 404: they must include its own 403 and be documented error statuses`,
    ],
    [
      'an undocumented equivalent status',
      [ok, refused('gone', 't9', { from: 'request', why: 'x', equivalent: { statuses: [403, 410], why: 'y' } })],
      `${prefix} "gone" declares equivalent statuses 403, 410: they must include its own 403 and be documented error statuses`,
    ],
    [
      'two examples sending one request with different answers',
      [ok, refused('not-allowed', 't1', { from: 'request', why: 'x' })],
      `toy thingsGet: examples "default" (200) and "not-allowed" (403) send the same request but document different responses; a server can give only one, so all but one must say outcome: { from: 'state', why }`,
    ],
  ])('%s', (_, examples, message) => {
    expect(define(examples)).toThrow(message);
  });

  it.each([
    ['an answer that depends on state, for the request of a success', [ok, refused('not-allowed', 't1', { from: 'state', why: 'x' })]],
    ['two successes for one request (their values differ, not their status)', [ok, { ...ok, name: 'sample', response: { status: 200 } }]],
    [
      'an id that cannot exist, with the statuses that count',
      [ok, refused('gone', 't9', { from: 'request', why: 'x', nonexistent: '/body/id', equivalent: { statuses: [403, 404], why: 'y' } })],
    ],
  ])('accepts %s', (_, examples) => {
    expect(define(examples)).not.toThrow();
  });
});
