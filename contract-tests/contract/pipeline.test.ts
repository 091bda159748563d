import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../schemas/_shared/operation.ts';
import { defineService, errorResponses } from '../../schemas/_shared/service.ts';
import { compileMock } from '../mock/server.ts';
import { respond, route } from './pipeline.ts';
import type { Reply } from './replies.ts';

/**
 * A made-up service, so the generic pipeline is tested on features no vendor operation uses yet (documented
 * headers, a body that may be left out) and without depending on vendor data.
 */
const ThingFields = z.object({ name: z.string(), size: z.number().int().optional() });
const Thing = ThingFields.meta({ id: 'Thing', xml: { name: 'Thing' } });
const Things = z.object({ things: z.array(ThingFields.meta({ id: 'ThingItem' })) }).meta({ id: 'Things', xml: { name: 'Things' } });
const Filter = z.object({ tag: z.string().optional() }).meta({ id: 'Filter', xml: { name: 'Filter' } });
const Problem = z.object({ code: z.number(), text: z.string() }).meta({ id: 'Problem', xml: { name: 'Problem' } });
const problems = errorResponses({ schema: Problem }, { 400: 'Bad request.', 404: 'Not found.' });

const getThing = defineOperation({
  operationId: 'getThing',
  method: 'get',
  path: '/things/{id}',
  summary: 'Get a thing',
  description: 'One thing.',
  tags: ['Things'],
  docUrl: 'https://example.test/things/get',
  safety: 'read',
  request: { params: z.object({ id: z.string().regex(/^t\d+$/, 't and digits') }), headers: z.object({ 'X-Tenant': z.string() }) },
  responses: { 200: { description: 'The thing.', body: Thing }, ...problems },
  examples: [
    {
      name: 'default',
      summary: 'A thing',
      request: { params: { id: 't1' }, headers: { 'X-Tenant': 'a' } },
      response: { status: 200, body: { name: 'one' } },
    },
    {
      name: 'gone',
      summary: 'No such thing',
      outcome: { from: 'request', why: 'the id names no thing', nonexistent: '/params/id' },
      request: { params: { id: 't9' }, headers: { 'X-Tenant': 'a' } },
      response: { status: 404, body: { code: 404, text: 'no thing t9' } },
    },
  ],
});

const findThings = defineOperation({
  operationId: 'findThings',
  method: 'post',
  path: '/things/find',
  summary: 'Find things',
  description: 'Things with a tag; all of them without a body.',
  tags: ['Things'],
  docUrl: 'https://example.test/things/find',
  safety: 'read',
  request: { body: Filter },
  responses: { 200: { description: 'The things.', body: Things }, ...problems },
  examples: [
    {
      name: 'default',
      summary: 'Everything',
      request: {},
      response: { status: 200, body: { things: [{ name: 'one' }, { name: 'two' }] } },
    },
    {
      name: 'red',
      summary: 'Red things',
      request: { body: { tag: 'red' } },
      response: { status: 200, body: { things: [{ name: 'two', size: 2 }] } },
    },
  ],
});

const toy = defineService({
  id: 'toy',
  title: 'Toy',
  version: '1',
  description: 'A service for tests.',
  docUrl: 'https://example.test',
  servers: [{ url: 'https://example.test' }],
  securitySchemes: {},
  security: [],
  signers: [],
  mediaTypes: ['application/json', 'application/xml'],
  tags: [{ name: 'Things' }],
  errors: { body: Problem, make: (status, text) => ({ code: status, text }) },
  docNotes: [],
  operations: [getThing, findThings],
});

const { app } = compileMock({}, [toy]);

function call(method: string, url: string, headers: Record<string, string>, body = ''): { status: number; example?: string; body: string } {
  const routed = route(app, { method, url, headers });
  const reply: Reply = 'reply' in routed ? routed.reply : respond(app, routed.context, Buffer.from(body));
  return { status: reply.status, example: reply.headers['x-mock-example'], body: reply.body.toString() };
}

const JSON_IN = { 'content-type': 'application/json' };
const XML_IN = { 'content-type': 'application/xml', accept: 'application/xml' };

describe('pipeline on a made-up service', () => {
  const cases: {
    name: string;
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    want: ReturnType<typeof call>;
  }[] = [
    {
      name: 'documented header present',
      method: 'GET',
      url: '/things/t1',
      headers: { 'x-tenant': 'a' },
      want: { status: 200, example: 'default', body: '{"name":"one"}' },
    },
    {
      name: 'path parameter picks its example',
      method: 'GET',
      url: '/things/t9',
      headers: { 'x-tenant': 'a' },
      want: { status: 404, example: 'gone', body: '{"code":404,"text":"no thing t9"}' },
    },
    {
      name: 'documented header missing',
      method: 'GET',
      url: '/things/t1',
      headers: {},
      want: {
        status: 400,
        body: '{"code":400,"text":"invalid request to getThing: header X-Tenant: Invalid input: expected string, received undefined"}',
      },
    },
    {
      name: 'bad path parameter, error in XML',
      method: 'GET',
      url: '/things/x%201',
      headers: { 'x-tenant': 'a', accept: 'application/xml' },
      want: {
        status: 400,
        body: '<?xml version="1.0" encoding="UTF-8"?><Problem><code>400</code><text>invalid request to getThing: path parameter id: t and digits</text></Problem>',
      },
    },
    {
      name: 'a body that may be left out',
      method: 'POST',
      url: '/things/find',
      headers: {},
      want: { status: 200, example: 'default', body: '{"things":[{"name":"one"},{"name":"two"}]}' },
    },
    {
      name: 'an empty object is the same request',
      method: 'POST',
      url: '/things/find',
      headers: JSON_IN,
      body: '{}',
      want: { status: 200, example: 'default', body: '{"things":[{"name":"one"},{"name":"two"}]}' },
    },
    {
      name: 'JSON body picks its example',
      method: 'POST',
      url: '/things/find',
      headers: JSON_IN,
      body: '{"tag":"red"}',
      want: { status: 200, example: 'red', body: '{"things":[{"name":"two","size":2}]}' },
    },
    {
      name: 'XML body picks the same example, answered in XML',
      method: 'POST',
      url: '/things/find',
      headers: XML_IN,
      body: '<Filter><tag>red</tag></Filter>',
      want: {
        status: 200,
        example: 'red',
        body: '<?xml version="1.0" encoding="UTF-8"?><Things><things><name>two</name><size>2</size></things></Things>',
      },
    },
    {
      name: 'an unmatched valid request gets the first example',
      method: 'POST',
      url: '/things/find',
      headers: JSON_IN,
      body: '{"tag":"blue"}',
      want: { status: 200, example: 'default', body: '{"things":[{"name":"one"},{"name":"two"}]}' },
    },
  ];
  it.each(cases)('$name', ({ method, url, headers, body, want }) => {
    expect(call(method, url, headers, body)).toEqual(want);
  });
});
