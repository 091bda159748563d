import { describe, expect, it, test } from 'vitest';
import type { Finding } from '../../contract-tests/checks/finding.ts';
import { compileMock } from '../../contract-tests/mock/server.ts';
import { checkSeen, contractOf, exchangeFormat, requestFindings, responseFindings, type SeenExchange } from './check.ts';

const { operations } = compileMock();
function op(operationId: string) {
  const found = operations.find((o) => o.operation.operationId === operationId);
  if (found === undefined) {
    throw new Error(`no operation ${operationId}`);
  }
  return found;
}

const shape = (f: Finding) => `${f.severity} ${f.rule} ${f.pointer}`;

const PROJECT = '619d3e78f61b4be68bc5aa0b59edcf7b';
const JSON_TYPE = { 'content-type': 'application/json' };
const XML_TYPE = { 'content-type': 'application/xml' };

describe('requestFindings: an accepted request against its schema', () => {
  const cases: {
    name: string;
    operationId: string;
    params?: [string, string][];
    query?: string;
    headers?: Record<string, string>;
    body?: string;
    want: string[];
  }[] = [
    { name: 'a valid JSON body', operationId: 'accountsGetDetail', headers: JSON_TYPE, body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}', want: [] },
    {
      name: 'a valid XML body',
      operationId: 'accountsGetDetail',
      headers: XML_TYPE,
      body: '<GetAccountDetailRequest><id>ArvQ8mZ2cLp4sWd7Tkfn</id></GetAccountDetailRequest>',
      want: [],
    },
    {
      name: 'a number where the schema has a string',
      operationId: 'accountsGetDetail',
      headers: JSON_TYPE,
      body: '{"id":5}',
      want: ['error request-invalid /body/id'],
    },
    {
      name: 'a field the schema does not declare',
      operationId: 'accountsGetDetail',
      headers: JSON_TYPE,
      body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn","acountId":"x"}',
      want: ['warning request-unexpected-field /body/acountId'],
    },
    {
      name: 'an XML element the schema does not declare, sent twice: one finding',
      operationId: 'accountsGetDetail',
      headers: XML_TYPE,
      body: '<GetAccountDetailRequest><id>ArvQ8mZ2cLp4sWd7Tkfn</id><acountId>x</acountId><acountId>y</acountId></GetAccountDetailRequest>',
      want: ['warning request-unexpected-field /body/acountId'],
    },
    {
      name: 'text that is not JSON',
      operationId: 'accountsGetDetail',
      headers: JSON_TYPE,
      body: '{"id":',
      want: ['error request-invalid /body'],
    },
    {
      name: 'the wrong XML root element',
      operationId: 'accountsGetDetail',
      headers: XML_TYPE,
      body: '<GetAccountListRequest><id>ArvQ8mZ2cLp4sWd7Tkfn</id></GetAccountListRequest>',
      want: ['error request-invalid /body'],
    },
    {
      name: 'a media type the service does not take',
      operationId: 'accountsGetDetail',
      headers: { 'content-type': 'text/plain' },
      body: 'id',
      want: ['error request-invalid /body'],
    },
    { name: 'no body where one is required', operationId: 'accountsGetDetail', body: '', want: ['error request-invalid /body'] },
    {
      name: 'a path parameter outside its pattern, a query value of the wrong type and an undeclared one',
      operationId: 'listInstances',
      params: [['project_id', 'not-a-project']],
      query: 'limit=x&colour=red',
      want: [
        'error request-invalid /params/project_id',
        'error request-invalid /query/limit',
        'warning request-unexpected-field /query/colour',
      ],
    },
    {
      name: 'a path parameter that is not percent-encoding',
      operationId: 'listInstances',
      params: [['project_id', '%E0%A4%A']],
      want: ['error request-invalid /params'],
    },
    { name: 'valid path and query', operationId: 'listInstances', params: [['project_id', PROJECT]], query: 'limit=10', want: [] },
  ];
  it.each(cases)('$name', ({ operationId, params = [], query = '', headers = {}, body, want }) => {
    const request = { op: op(operationId), params, query, headers, body: body === undefined ? undefined : Buffer.from(body) };
    expect(requestFindings(request, 1024 * 1024).map(shape)).toEqual(want);
  });

  it('says what is wrong where', () => {
    const request = { op: op('accountsGetDetail'), params: [], query: '', headers: JSON_TYPE, body: Buffer.from('{"id":5}') };
    expect(requestFindings(request, 1024 * 1024)[0]?.message).toMatchInlineSnapshot(`"request body: /id: expected string, got number 5"`);
    const xml = '<GetAccountDetailRequest><id>ArvQ8mZ2cLp4sWd7Tkfn</id><acountId>x</acountId></GetAccountDetailRequest>';
    const unknown = { ...request, headers: XML_TYPE, body: Buffer.from(xml) };
    expect(requestFindings(unknown, 1024 * 1024)[0]?.message).toMatchInlineSnapshot(
      `"request body: /acountId: element <acountId> is not in the schema"`,
    );
  });
});

describe('responseFindings: a response against the operation, without an example', () => {
  const envelope = '{"error":{"message":"no such element","success":false}}';
  const cases: { name: string; status: number; type?: string; body: string; want: string[] }[] = [
    { name: 'a documented error status in the envelope', status: 404, type: 'application/json', body: envelope, want: [] },
    {
      name: 'a success body that lost a field',
      status: 200,
      type: 'application/json',
      body: '{"success":true,"id":"ArvQ8mZ2cLp4sWd7Tkfn","name":"df001","createdAt":"2025-02-20T09:32:55+09:00","quotas":[{"namespace":"koya","fileCountMillion":1,"spaceTb":200}]}',
      want: ['error response-missing-field /status'],
    },
    {
      name: 'a status the operation does not document',
      status: 409,
      type: 'application/json',
      body: envelope,
      want: ['error status-code '],
    },
    { name: 'a server failure', status: 500, type: 'application/json', body: envelope, want: ['error transport '] },
    { name: 'a gateway page', status: 502, type: 'text/html', body: '<html>Bad Gateway</html>', want: ['error transport '] },
    { name: 'throttling', status: 429, type: 'application/json', body: '{}', want: ['error transport '] },
    {
      name: 'a refused signature',
      status: 401,
      type: 'application/json',
      body: '{"error":{"errorCode":"200","message":"Authentication Failed"}}',
      want: ['error auth '],
    },
  ];
  it.each(cases)('$name', ({ status, type, body, want }) => {
    const response = { status, headers: type === undefined ? {} : { 'content-type': type }, body: Buffer.from(body) };
    expect(responseFindings(op('accountsGetDetail'), 'json', response, 'ncp-apigw-v2').map(shape)).toEqual(want);
  });

  it('names every documented status when another one comes back', () => {
    const response = { status: 409, headers: { 'content-type': 'application/json' }, body: Buffer.from(envelope) };
    expect(responseFindings(op('accountsGetDetail'), 'json', response, 'ncp-apigw-v2')[0]?.expected).toBe(
      '200 or 400 or 403 or 404 or 500',
    );
  });
});

describe('exchangeFormat: what the response is held to', () => {
  it.each([
    ['XML asked, XML sent', 'application/xml', 'application/json', 'application/xml', 'xml'],
    ['JSON asked, XML sent: held to JSON, so it fails its Content-Type', 'application/json', 'application/json', 'application/xml', 'json'],
    ['no preference: whatever came', undefined, 'application/json', 'application/xml; charset=utf-8', 'xml'],
    ['any: whatever came', '*/*', 'application/xml', 'application/json', 'json'],
    ['a file asked for, the request in XML', 'application/octet-stream', 'application/xml', 'application/octet-stream', 'xml'],
  ] as const)('%s', (_, accept, requestType, responseType, want) => {
    expect(exchangeFormat(op('accountsGetKerberosKeytab'), accept, requestType, responseType)).toBe(want);
  });
});

describe("checkSeen: a 413 or 415 the upstream rightly gave a caller's own mistake is not drift", () => {
  const detail = op('accountsGetDetail');
  const contract = contractOf(operations, [detail.service], 1024);
  const seen = (status: number, contentType: string, requestOverLimit: boolean): SeenExchange => ({
    service: 'ncp-dataforest',
    operationId: 'accountsGetDetail',
    method: 'POST',
    pathname: '/api/v2/accounts/getDetail',
    params: [],
    query: '',
    requestHeaders: { 'content-type': contentType },
    requestBody: requestOverLimit ? undefined : Buffer.from('{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'),
    requestOverLimit,
    status,
    responseHeaders: { 'content-type': 'text/html' },
    responseBody: Buffer.from('<html>refused</html>'),
    responseOverLimit: false,
    error: undefined,
    signer: 'ncp-apigw-v2',
  });
  test.each([
    ['415 for a media type the service does not take', seen(415, 'text/plain', false), ['warning caller-mistake ']],
    [
      '413 for a body over the limit',
      seen(413, 'application/json', true),
      ['warning unchecked-large-body /body', 'warning caller-mistake '],
    ],
    ['415 for a documented media type: drift', seen(415, 'application/json', false), ['error status-code ']],
    ['413 for a small body: drift', seen(413, 'application/json', false), ['error status-code ']],
  ])('%s', (_name, exchange, want) => {
    expect(checkSeen(contract, exchange).findings.map(shape)).toEqual(want);
  });
});
