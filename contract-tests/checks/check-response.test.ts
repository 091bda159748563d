import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, type Operation } from '../../schemas/_shared/operation.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import type { BodyFormat } from '../format.ts';
import { DRIFTS, exampleOf, operationOf, type Served, serve } from '../support/drifts.ts';
import { checkResponse } from './check-response.ts';
import type { Finding } from './finding.ts';
import type { ValuePolicy } from './values.ts';

const EXACT: ValuePolicy = { mode: 'exact' };
const SHAPE: ValuePolicy = { mode: 'shape' };

function check(operationId: string, exampleName: string, format: BodyFormat, served: Served, values: ValuePolicy = EXACT) {
  return checkOperation(operationOf(ncpDataforest, operationId), exampleName, format, served, values);
}

function checkOperation(operation: Operation, exampleName: string, format: BodyFormat, served: Served, values: ValuePolicy = EXACT) {
  return checkResponse({
    service: ncpDataforest,
    operation,
    example: exampleOf(operation, exampleName),
    format,
    response: { status: served.status, headers: { 'content-type': served.contentType }, body: Buffer.from(served.body) },
    values,
    signer: 'ncp-apigw-v2',
  });
}

function faithful(operationId: string, exampleName: string, format: BodyFormat): Served {
  const operation = operationOf(ncpDataforest, operationId);
  const { response } = exampleOf(operation, exampleName);
  return serve(operation, format, response.status, response.body);
}

function drifted(
  operationId: string,
  exampleName: string,
  change: (body: Record<string, unknown>) => void,
  format: BodyFormat = 'json',
): Served {
  const operation = operationOf(ncpDataforest, operationId);
  const { response } = exampleOf(operation, exampleName);
  const body = structuredClone(response.body) as Record<string, unknown>;
  change(body);
  return serve(operation, format, response.status, body);
}

describe('checkResponse', () => {
  it.each([
    ['accountsGetDetail', 'default', 'json'],
    ['accountsGetDetail', 'default', 'xml'],
    ['accountsGetDetail', 'schema-sample', 'xml'],
    ['accountsGetDetail', 'not-allowed', 'json'],
    ['accountsGetDetail', 'not-allowed', 'xml'],
    ['appsGetDetail', 'no-such-app', 'xml'],
  ] as const)('a faithful %s [%s] %s response has no finding', (operationId, example, format) => {
    expect(check(operationId, example, format, faithful(operationId, example, format))).toEqual([]);
  });

  it.each(DRIFTS.map((d) => [`${d.name} (${d.format})`, d] as const))('%s is reported as its rule, at its pointer', (_, drift) => {
    const operation = operationOf(ncpDataforest, drift.operationId);
    const { response } = exampleOf(operation, drift.example);
    const served = drift.respond(operation, structuredClone(response.body) as Record<string, unknown>, response.status);
    const findings = check(drift.operationId, drift.example, drift.format, served, SHAPE);
    expect(findings.map((f) => ({ rule: f.rule, severity: f.severity, pointer: f.pointer }))).toContainEqual(drift.expect);
    expect(findings.filter((f) => f.severity === 'error').length > 0).toBe(drift.expect.severity === 'error');
  });

  describe('array shape changes, JSON and XML', () => {
    const rules = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.pointer}`);
    const detail = operationOf(ncpDataforest, 'accountsGetDetail');
    const { response } = exampleOf(detail, 'default');
    const json = (change: (body: Record<string, unknown>) => void): Served => {
      const body = structuredClone(response.body) as Record<string, unknown>;
      change(body);
      return serve(detail, 'json', 200, body);
    };
    const xml = (change: (text: string) => string): Served => {
      const served = serve(detail, 'xml', 200, response.body);
      return { ...served, body: change(served.body) };
    };
    const quotaRun = /(?:<quotas>.*?<\/quotas>)+/s;
    const first = (body: Record<string, unknown>) => (body.quotas as unknown[])[0];

    it.each([
      ['removed', 'json', json((b) => delete b.quotas), ['error response-missing-field /quotas']],
      ['removed', 'xml', xml((t) => t.replace(quotaRun, '')), ['error response-missing-field /quotas']],
      [
        'renamed',
        'json',
        json((b) => {
          b.quota = b.quotas;
          delete b.quotas;
        }),
        ['error response-missing-field /quotas', 'warning response-unexpected-field /quota'],
      ],
      ['renamed', 'xml', xml((t) => t.replaceAll('quotas>', 'quota>')), ['error xml-shape /quotas']],
      [
        'under a new wrapper',
        'json',
        json((b) => {
          b.quotasList = { quotas: b.quotas };
          delete b.quotas;
        }),
        ['error response-missing-field /quotas', 'warning response-unexpected-field /quotasList'],
      ],
      [
        'under a new wrapper',
        'xml',
        xml((t) => t.replace(quotaRun, (run) => `<quotasList>${run}</quotasList>`)),
        ['error xml-shape /quotas'],
      ],
      ['wrapped in its own name', 'json', json((b) => (b.quotas = { quota: b.quotas })), ['error response-type-changed /quotas']],
      [
        'wrapped in its own name',
        'xml',
        xml((t) => t.replace(quotaRun, (run) => `<quotas>${run.replaceAll('quotas>', 'quota>')}</quotas>`)),
        ['error xml-shape /quotas'],
      ],
      ['one-item array', 'json', json((b) => (b.quotas = [first(b)])), []],
      ['one-item array', 'xml', xml((t) => t.replace(/(<quotas>.*?<\/quotas>)<quotas>.*?<\/quotas>/s, '$1')), []],
      ['one-item array written as its item', 'json', json((b) => (b.quotas = first(b))), ['error response-type-changed /quotas']],
      [
        'extra element in an item',
        'json',
        json((b) => ((first(b) as Record<string, unknown>).replicas = 3)),
        ['warning response-unexpected-field /quotas/0/replicas'],
      ],
      [
        'extra element in an item',
        'xml',
        xml((t) => t.replace('</quotas>', '<replicas>3</replicas></quotas>')),
        ['warning response-unexpected-field /quotas/0/replicas'],
      ],
      [
        'extra element beside the array',
        'xml',
        xml((t) => t.replace('<quotas>', '<quotaPolicy>strict</quotaPolicy><quotas>')),
        ['warning response-unexpected-field /quotaPolicy'],
      ],
    ] as const)('%s (%s)', (_, format, served, expected) => {
      expect(rules(checkOperation(detail, 'default', format, served, SHAPE))).toEqual(expected);
    });

    // No vendor operation wraps its arrays (`xml.wrapped`): a made-up one shows the same rules the other way round.
    const Tagged = z
      .object({ success: z.boolean(), tags: z.array(z.string().meta({ xml: { name: 'tag' } })).meta({ xml: { wrapped: true } }) })
      .meta({ xml: { name: 'GetTagsResponse' } });
    const getTags = defineOperation({
      operationId: 'tagsGet',
      method: 'post',
      path: '/api/v2/tags/get',
      summary: 'Get tags',
      description: 'Tags, in a wrapped XML array.',
      tags: ['Tags'],
      docUrl: 'https://example.test/tags/get',
      safety: 'read',
      request: {},
      responses: { 200: { description: 'The tags.', body: Tagged } },
      examples: [
        { name: 'default', summary: 'Two tags', request: {}, response: { status: 200, body: { success: true, tags: ['a', 'b'] } } },
      ],
    });
    const tagsXml = (tags: string): Served => ({
      status: 200,
      contentType: 'application/xml',
      body: `<GetTagsResponse><success>true</success>${tags}</GetTagsResponse>`,
    });

    it.each([
      ['faithful', tagsXml('<tags><tag>a</tag><tag>b</tag></tags>'), []],
      ['unwrapped', tagsXml('<tag>a</tag><tag>b</tag>'), ['error xml-shape /tags']],
      ['unwrapped, items named as the wrapper', tagsXml('<tags>a</tags><tags>b</tags>'), ['error xml-shape /tags']],
      ['items renamed', tagsXml('<tags><item>a</item><item>b</item></tags>'), ['error xml-shape /tags']],
      ['removed', tagsXml(''), ['error response-missing-field /tags']],
      [
        'extra element inside the wrapper',
        tagsXml('<tags><tag>a</tag><tag>b</tag><count>2</count></tags>'),
        ['warning response-unexpected-field /tags/count'],
      ],
    ] as const)('wrapped array %s (xml)', (_, served, expected) => {
      expect(rules(checkOperation(getTags, 'default', 'xml', served, SHAPE))).toEqual(expected);
    });

    it('says which layout it found and which is documented', () => {
      const [shape] = checkOperation(
        detail,
        'default',
        'xml',
        xml((t) => t.replaceAll('quotas>', 'quota>')),
        SHAPE,
      );
      expect(shape).toMatchInlineSnapshot(`
        {
          "actual": "<quota> repeated once per item, no wrapper",
          "expected": "<quotas> repeated once per item, no wrapper",
          "message": "/quotas: the array is written as <quota> repeated once per item, no wrapper; the documented form is <quotas> repeated once per item, no wrapper",
          "pointer": "/quotas",
          "rule": "xml-shape",
          "severity": "error",
        }
      `);
    });
  });

  it('reports a renamed JSON field as missing, and its new name as additive', () => {
    const served = drifted('accountsGetDetail', 'default', (body) => {
      body.succeeded = body.success;
      delete body.success;
    });
    expect(check('accountsGetDetail', 'default', 'json', served)).toMatchInlineSnapshot(`
      [
        {
          "actual": "undefined",
          "expected": "boolean",
          "message": "/success: required field is missing",
          "pointer": "/success",
          "rule": "response-missing-field",
          "severity": "error",
        },
        {
          "actual": "present",
          "expected": "undefined",
          "message": "/succeeded: field is not in the schema (additive drift)",
          "pointer": "/succeeded",
          "rule": "response-unexpected-field",
          "severity": "warning",
        },
      ]
    `);
  });

  it('compares values exactly against the mock and by shape against live, ignoring ids and timestamps', () => {
    const served = drifted('accountsGetDetail', 'default', (body) => {
      body.name = 'renamed-account';
      body.id = 'Zz9Zz9Zz9Zz9Zz9Zz9Zz9Z';
      body.createdAt = '2031-01-01T00:00:00+09:00';
    });
    expect(check('accountsGetDetail', 'default', 'json', served, EXACT)).toEqual([
      expect.objectContaining({ rule: 'response-value-mismatch', pointer: '/name', actual: '"renamed-account"' }),
    ]);
    expect(check('accountsGetDetail', 'default', 'json', served, SHAPE)).toEqual([]);
  });

  it('names the documented values of an enum and the received one', () => {
    const served = drifted('accountsGetDetail', 'default', (body) => {
      body.status = 'SUSPENDED';
    });
    expect(check('accountsGetDetail', 'default', 'json', served)).toMatchInlineSnapshot(`
      [
        {
          "actual": ""SUSPENDED"",
          "expected": ""ACCEPTED" | "RUNNING" | "CHANGING"",
          "message": "/status: "SUSPENDED" is not one of the documented values",
          "pointer": "/status",
          "rule": "response-enum-value",
          "severity": "error",
        },
      ]
    `);
  });

  it('reports a value breaking a documented constraint', () => {
    const served = drifted('accountsGetDetail', 'default', (body) => {
      body.id = 'not a base62 id!';
    });
    expect(check('accountsGetDetail', 'default', 'json', served, SHAPE)).toEqual([
      expect.objectContaining({ rule: 'response-constraint', pointer: '/id', actual: '"not a base62 id!"' }),
    ]);
  });

  it('reports the XML root element by name', () => {
    const served = faithful('accountsGetDetail', 'default', 'xml');
    const renamed = { ...served, body: served.body.replaceAll('GetAccountDetailResponse>', 'AccountDetail>') };
    expect(check('accountsGetDetail', 'default', 'xml', renamed)).toEqual([
      expect.objectContaining({ rule: 'xml-root', expected: '<GetAccountDetailResponse>', actual: '<AccountDetail>' }),
    ]);
  });

  it.each([
    ['a body that is not JSON', { status: 200, contentType: 'application/json', body: '{"success": tru' }, 'body-decode'],
    ['an empty body', { status: 200, contentType: 'application/json', body: '' }, 'body-decode'],
    ['XML with a DTD', { status: 200, contentType: 'application/xml', body: '<!DOCTYPE x [<!ENTITY a "b">]><x/>' }, 'content-type'],
  ] as const)('reports %s', (_, served, rule) => {
    expect(check('accountsGetDetail', 'default', 'json', served).map((f) => f.rule)).toEqual([rule]);
  });

  it('refuses a DTD instead of expanding it', () => {
    const served = { status: 200, contentType: 'application/xml', body: '<!DOCTYPE x [<!ENTITY a "b">]><GetAccountDetailResponse/>' };
    expect(check('accountsGetDetail', 'default', 'xml', served)).toEqual([
      expect.objectContaining({ rule: 'body-decode', actual: 'XML_DTD_FORBIDDEN' }),
    ]);
  });

  describe('an example declaring equivalent statuses (appsGetDetail [no-such-app]: 403 or 404)', () => {
    const gateway = { error: { errorCode: '10002', requestId: 'r-1', message: "resource ('x') is not allowed or not exists" } };
    const appsGetDetail = operationOf(ncpDataforest, 'appsGetDetail');
    it.each([
      ['the documented 404', faithful('appsGetDetail', 'no-such-app', 'json'), []],
      ['the gateway 403 in its envelope, JSON', serve(appsGetDetail, 'json', 403, gateway), []],
      ['the gateway 403 in its envelope, XML', serve(appsGetDetail, 'xml', 403, gateway), []],
      ['a 403 outside the envelope', { status: 403, contentType: 'application/json', body: '{"code":403}' }, ['auth']],
      ['a 404 outside the envelope', { status: 404, contentType: 'application/json', body: '{"code":404}' }, ['error-envelope']],
      ['a 200', faithful('appsGetDetail', 'default', 'json'), ['status-code']],
    ] as const)('%s', (_, served, rules) => {
      const format = served.contentType === 'application/xml' ? 'xml' : 'json';
      expect(check('appsGetDetail', 'no-such-app', format, served, SHAPE).map((f) => f.rule)).toEqual(rules);
    });

    it('names every accepted status when another comes back', () => {
      const [status] = check('appsGetDetail', 'no-such-app', 'json', { status: 500, contentType: 'application/json', body: '' });
      expect(status?.message).toBe('expected HTTP 403 or 404, got 500');
    });
  });

  describe('authentication refusals are reported as auth, not drift', () => {
    const gateway401 = {
      status: 401,
      contentType: 'application/json',
      body: '{"error":{"errorCode":"200","message":"Authentication Failed"}}',
    };
    const gateway403 = {
      status: 403,
      contentType: 'application/json',
      body: '{"error":{"errorCode":"210","message":"Permission Denied"}}',
    };
    it.each([
      ['a 401 where 200 is documented', 'default', gateway401, ['auth']],
      ['a 403 in the gateway envelope', 'default', gateway403, ['auth']],
      ['a 403 in the gateway envelope where the example expects 403', 'not-allowed', gateway403, ['auth']],
      ['the documented 403 where 200 is expected', 'default', faithful('accountsGetDetail', 'not-allowed', 'json'), ['status-code']],
    ] as const)('%s', (_, example, served, rules) => {
      expect(check('accountsGetDetail', example, 'json', served).map((f) => f.rule)).toEqual(rules);
    });

    it('gives a hint and what the server said', () => {
      const [auth] = check('accountsGetDetail', 'default', 'json', gateway401);
      expect(auth?.message).toMatchInlineSnapshot(
        `"authentication failed (401): check NCP_ACCESS_KEY and NCP_SECRET_KEY (a key pair of this account), and that this machine clock is within 5 minutes of real time (x-ncp-apigw-timestamp); the server said: {"error":{"errorCode":"200","message":"Authentication Failed"}}"`,
      );
    });
  });
});
