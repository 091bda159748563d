import { describe, expect, it } from 'vitest';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import type { Format } from '../format.ts';
import { DRIFTS, exampleOf, operationOf, type Served, serve } from '../support/drifts.ts';
import { checkResponse } from './check-response.ts';
import type { ValuePolicy } from './values.ts';

const EXACT: ValuePolicy = { mode: 'exact' };
const SHAPE: ValuePolicy = { mode: 'shape' };

function check(operationId: string, exampleName: string, format: Format, served: Served, values: ValuePolicy = EXACT) {
  const operation = operationOf(ncpDataforest, operationId);
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

function faithful(operationId: string, exampleName: string, format: Format): Served {
  const operation = operationOf(ncpDataforest, operationId);
  const { response } = exampleOf(operation, exampleName);
  return serve(operation, format, response.status, response.body);
}

function drifted(
  operationId: string,
  exampleName: string,
  change: (body: Record<string, unknown>) => void,
  format: Format = 'json',
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
