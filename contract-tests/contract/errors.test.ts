import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { type RunningMock, startMock } from '../mock/server.ts';
import { errorEnvelope, type MockReply, type SendOptions, send } from '../mock/testing.ts';

const NCP = '/api/v2/accounts/getDetail';
const DCS = '/v2/0123456789abcdef0123456789abcdef/instances/5560df16-cebf-4473-95c4-d1b573c16e79';
const DDS = '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes/520c58ba00a3497e97ce0b9604874dd6no02/session';
const JSON_BODY = { 'content-type': 'application/json' };
const XML_BODY = { 'content-type': 'application/xml', accept: 'application/xml' };

const BROKER =
  '<components><name>broker</name><memoryMb>2048</memoryMb><cpuCount>4</cpuCount><containerCount>1</containerCount></components>';
const createApp = (components: string) =>
  `<CreateAppRequest><accountId>x4hFQJ88q0be79VRB2eK7c</accountId><queueName>longlived</queueName><appTypeId>KAFKA-2.4.0</appTypeId><name>kafka001</name><lifetime>604800</lifetime>${components}</CreateAppRequest>`;

interface Case {
  name: string;
  path: string;
  request: SendOptions;
  want: { status: number; headers?: Record<string, string>; body: unknown };
}

const ncpError = (message: string) => ({ error: { message, success: false } });
const ncpXmlError = (message: string) => ({ root: 'ErrorResponse', value: { message, success: false } });
const huaweiError = (code: string, message: string) => ({ error_code: code, error_msg: message });

const cases: Case[] = [
  {
    name: 'Prefer example picks an error example',
    path: NCP,
    request: { headers: { ...JSON_BODY, prefer: 'example=not-allowed' }, body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: {
      status: 403,
      headers: { 'x-mock-example': 'not-allowed' },
      body: {
        error: {
          errorCode: '10002',
          requestId: '7c56cbaf-fe89-4cce-af58-3238e67f3e90',
          message: "resource ('20nAZnjbUNFdc7RsILlC3A') is not allowed or not exists",
        },
      },
    },
  },
  {
    name: 'Prefer code without an example: the documented status in the envelope',
    path: NCP,
    request: { headers: { ...JSON_BODY, prefer: 'code=500' }, body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: { status: 500, headers: { 'x-mock-example': 'documented-500' }, body: ncpError('Unexpected error.') },
  },
  {
    name: 'Prefer an undocumented code',
    path: NCP,
    request: { headers: { ...JSON_BODY, prefer: 'code=418' }, body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: {
      status: 400,
      body: ncpError('Prefer: code=418 is not a status accountsGetDetail can answer; statuses: 200, 400, 403, 404, 500'),
    },
  },
  {
    name: 'Prefer an unknown example',
    path: NCP,
    request: { headers: { ...JSON_BODY, prefer: 'example=nope' }, body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: {
      status: 400,
      body: ncpError('Prefer: example=nope is not an example of accountsGetDetail; examples: default, schema-sample, not-allowed'),
    },
  },
  {
    name: 'unknown path: 404 in the envelope of the service it looks like',
    path: '/api/v2/accounts/nope',
    request: {},
    want: { status: 404, body: ncpError('no documented operation at /api/v2/accounts/nope') },
  },
  {
    name: 'unknown Huawei path: Huawei envelope',
    path: '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes',
    request: { method: 'GET' },
    want: { status: 404, body: huaweiError('APIGW.0101', 'no documented operation at /v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes') },
  },
  {
    name: 'known path, wrong method: 405 with Allow',
    path: NCP,
    request: { method: 'GET', headers: { accept: 'application/xml' } },
    want: {
      status: 405,
      headers: { allow: 'POST' },
      body: ncpXmlError('GET is not allowed on /api/v2/accounts/getDetail; allowed: POST'),
    },
  },
  {
    name: 'Accept nothing offered: 406 in JSON',
    path: NCP,
    request: { headers: { ...JSON_BODY, accept: 'text/html' }, body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: { status: 406, body: ncpError('Accept text/html matches none of application/json, application/xml for accountsGetDetail') },
  },
  {
    name: 'XML asked of a JSON-only service: 406 in its JSON envelope',
    path: DDS,
    request: { headers: { ...JSON_BODY, accept: 'application/xml' }, body: '{"sessions":["34631"]}' },
    want: { status: 406, body: huaweiError('APIGW.406', 'Accept application/xml matches none of application/json for deleteSession') },
  },
  {
    name: 'body over the limit: 413',
    path: NCP,
    request: { headers: JSON_BODY, body: `{"id":"${'a'.repeat(2 * 1024 * 1024)}"}` },
    want: { status: 413, body: ncpError('request body is 2097161 bytes; the limit is 1048576 bytes') },
  },
  {
    name: 'form content type: 415',
    path: NCP,
    request: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=axE7wU9ERm8fTc7e17vNvu' },
    want: {
      status: 415,
      body: ncpError('Content-Type application/x-www-form-urlencoded is not supported; send application/json or application/xml'),
    },
  },
  {
    name: 'no content type: 415',
    path: NCP,
    request: { body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}' },
    want: { status: 415, body: ncpError('Content-Type is missing; send application/json or application/xml') },
  },
  {
    name: 'XML to a JSON-only service: 415',
    path: DDS,
    request: { headers: { 'content-type': 'application/xml' }, body: '<DeleteSessionRequest/>' },
    want: { status: 415, body: huaweiError('APIGW.415', 'Content-Type application/xml is not supported; send application/json') },
  },
  {
    name: 'malformed JSON',
    path: NCP,
    request: { headers: JSON_BODY, body: '{"id":' },
    want: { status: 400, body: ncpError('request body is not valid JSON: Unexpected end of JSON input') },
  },
  {
    name: 'schema violation names the pointer',
    path: NCP,
    request: { headers: JSON_BODY, body: '{"id":"not base62!"}' },
    want: {
      status: 400,
      body: ncpError('invalid request to accountsGetDetail: body /id: a Base62 id of at most 22 characters'),
    },
  },
  {
    name: 'schema violation deep in a Huawei body',
    path: DDS,
    request: { headers: JSON_BODY, body: '{"sessions":["34631", 7]}' },
    want: {
      status: 400,
      body: huaweiError(
        'APIGW.0201',
        'invalid request to deleteSession: body /sessions/1: Invalid input: expected string, received number',
      ),
    },
  },
  {
    name: 'path parameter violation names the parameter',
    path: '/v3/NOT-HEX/nodes/520c58ba00a3497e97ce0b9604874dd6no02/session',
    request: { headers: JSON_BODY, body: '{"sessions":["34631"]}' },
    want: {
      status: 400,
      body: huaweiError(
        'APIGW.0201',
        'invalid request to deleteSession: path parameter project_id: a 32-character lower-case hex project id',
      ),
    },
  },
  {
    name: 'query parameter violation names the parameter',
    path: `${DCS}/clients?node_id=8f7ee181-88e2-49b7-a4bf-81f18f93a135&limit=abc`,
    request: { method: 'GET' },
    want: {
      status: 400,
      body: huaweiError(
        'APIGW.0201',
        'invalid request to listClients: query parameter limit: Invalid input: expected number, received string',
      ),
    },
  },
  {
    name: 'empty body where one is required',
    path: DDS,
    request: { headers: JSON_BODY },
    want: { status: 400, body: huaweiError('APIGW.0201', 'invalid request to deleteSession: body: missing (send application/json)') },
  },
  {
    name: 'invalid UTF-8',
    path: NCP,
    request: { headers: JSON_BODY, body: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
    want: { status: 400, body: ncpError('request body is not valid UTF-8') },
  },
  {
    name: 'XML error reply in <ErrorResponse> form',
    path: NCP,
    request: { headers: XML_BODY, body: '<GetAccountDetailRequest><id>not base62!</id></GetAccountDetailRequest>' },
    want: { status: 400, body: ncpXmlError('invalid request to accountsGetDetail: body /id: a Base62 id of at most 22 characters') },
  },
  {
    name: 'XXE: a DTD is refused before any entity is read',
    path: NCP,
    request: {
      headers: XML_BODY,
      body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><GetAccountDetailRequest><id>&x;</id></GetAccountDetailRequest>',
    },
    want: {
      status: 400,
      body: ncpXmlError(
        'request body is not acceptable XML (XML_DTD_FORBIDDEN): <!DOCTYPE> is refused: DTDs and entity declarations are not read (line 1, column 22)',
      ),
    },
  },
  {
    name: 'XML nested too deep',
    path: NCP,
    request: { headers: XML_BODY, body: `<GetAccountDetailRequest>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</GetAccountDetailRequest>` },
    want: {
      status: 400,
      body: ncpXmlError('request body is not acceptable XML (XML_TOO_DEEP): elements are nested more than 64 deep (line 1, column 215)'),
    },
  },
  {
    // Unterminated on purpose: a parser would call it invalid JSON, so this answer proves nothing was parsed.
    name: 'JSON nested 100,000 deep is refused before it is parsed',
    path: NCP,
    request: { headers: JSON_BODY, body: `{"id":${'['.repeat(100_000)}` },
    want: { status: 400, body: ncpError('request body is not acceptable JSON: nested more than 64 deep at character 70') },
  },
  {
    name: 'JSON nested too deep, refused in the XML the client accepts',
    path: NCP,
    request: { headers: { ...JSON_BODY, accept: 'application/xml' }, body: `{"id":"x","tags":${'[{"a":'.repeat(40)}` },
    want: { status: 400, body: ncpXmlError('request body is not acceptable JSON: nested more than 64 deep at character 205') },
  },
  {
    name: 'XML with the wrong root element',
    path: NCP,
    request: { headers: XML_BODY, body: '<KillAppMasterRequest><id>axE7wU9ERm8fTc7e17vNvu</id></KillAppMasterRequest>' },
    want: {
      status: 400,
      body: ncpXmlError('XML root element is <KillAppMasterRequest>; accountsGetDetail expects <GetAccountDetailRequest>'),
    },
  },
  {
    name: 'XML without any element of a required array',
    path: '/api/v2/apps/create',
    request: { headers: XML_BODY, body: createApp('') },
    want: {
      status: 400,
      body: ncpXmlError('invalid request to appsCreate: body /components: Invalid input: expected array, received undefined'),
    },
  },
  {
    name: 'XML with a required array under another element name',
    path: '/api/v2/apps/create',
    request: { headers: XML_BODY, body: createApp(BROKER.replaceAll('components>', 'component>')) },
    want: {
      status: 400,
      body: ncpXmlError(
        'invalid request to appsCreate: body /components: the array is written as <component> repeated once per item, no wrapper; the documented form is <components> repeated once per item, no wrapper (line 1, column 178)',
      ),
    },
  },
];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.close());

function serviceOf(path: string) {
  const found = services.find((s) => s.operations.some((op) => path.startsWith(op.path.split('{')[0] as string)));
  return found ?? (services[0] as (typeof services)[number]);
}

function picked(reply: MockReply, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, reply.headers[name]]));
}

describe('errors and negotiation', () => {
  it.each(cases)('$name', async ({ path, request, want }) => {
    const reply = await send(`${mock.url}${path}`, request);
    const body = reply.status < 400 ? JSON.parse(reply.text) : errorEnvelope(serviceOf(path), reply);
    expect({ status: reply.status, headers: picked(reply, Object.keys(want.headers ?? {})), body }).toEqual({
      status: want.status,
      headers: want.headers ?? {},
      body: want.body,
    });
  });
});
