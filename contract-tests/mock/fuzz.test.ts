import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { SIGNERS } from '../../schemas/_shared/signing/index.ts';
import { decodeXml } from '../../schemas/_shared/xml/index.ts';
import { services } from '../../schemas/index.ts';
import { type RunningMock, startMock } from './server.ts';
import { exampleBody, fillPath, type MockReply, queryString, send } from './testing.ts';

const NOW = Date.UTC(2025, 1, 20);
const ENV = {
  NCP_ACCESS_KEY: 'NCPACCESSKEY0001',
  NCP_SECRET_KEY: 'ncp-secret',
  HUAWEI_AK: 'HUAWEIAK0001',
  HUAWEI_SK: 'huawei-secret',
  HUAWEI_AUTH_TOKEN: 'token',
};

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ verifyAuth: true, credentials: ENV, now: () => NOW });
});
afterAll(() => mock?.close());

const targets = services.flatMap((service) => service.operations.map((op) => ({ service, op })));

const XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
).join('')}]><lolz>&lol9;</lolz>`;
const XML_PIECES = [
  '<a>',
  '</a>',
  '<b/>',
  '&amp;',
  '&x;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  'text',
  '<?xml version="1.0"?>',
  '<!DOCTYPE a>',
  '<id>',
  '</id>',
  '"',
  '\u0000',
];

/** Hostile and broken bodies, plus valid ones and near misses so that deeper steps (validation, matching) run too. */
function bodies(service: Service, op: Operation): fc.Arbitrary<string | Buffer | undefined> {
  const examples = op.examples.map((example) => ({
    json: exampleBody(op, example, 'json'),
    xml: service.mediaTypes.includes('application/xml') ? exampleBody(op, example, 'xml') : undefined,
  }));
  const valid = fc.constantFrom(...examples.flatMap((e) => [e.json, e.xml]));
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    fc.tuple(valid, fc.nat(), fc.string({ maxLength: 4 })).map(([text, at, insert]) => {
      const base = text ?? '';
      const cut = at % (base.length + 1);
      return `${base.slice(0, cut)}${insert}${base.slice(cut + 1)}`;
    }),
    fc.json({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
    fc.array(fc.constantFrom(...XML_PIECES), { maxLength: 30 }).map((pieces) => pieces.join('')),
    fc.constantFrom(XXE, BILLION_LAUGHS),
    fc.integer({ min: 10, max: 20_000 }).map((depth) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`),
    fc.integer({ min: 10, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"id":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28])])),
    fc.constant(undefined),
  );
}

/** `matching` stands for the type that fits the body, so most requests get past decoding. */
const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant('matching' as const) },
  fc.constantFrom(
    undefined,
    'application/json',
    'application/xml',
    'text/xml; charset=utf-8',
    'application/problem+json',
    'text/plain',
    'application/json; charset=latin1',
    'multipart/form-data; boundary=x',
    '',
  ),
);
const accepts = fc.constantFrom(
  undefined,
  'application/json',
  'application/xml',
  '*/*',
  'text/html',
  'application/octet-stream',
  'application/xml;q=0.5, application/json',
  'garbage',
);
const prefers = fc.constantFrom(undefined, 'example=default', 'example=nope', 'code=404', 'code=500', 'code=999', 'code=abc');
const auths = fc.oneof(
  { weight: 6, arbitrary: fc.constant('valid' as const) },
  fc.constantFrom('wrong-secret', 'skewed', 'missing', 'garbage'),
);

type Auth = 'valid' | 'wrong-secret' | 'skewed' | 'missing' | 'garbage';

function sign(
  service: Service,
  auth: Auth,
  request: { method: string; pathWithQuery: string; headers: Record<string, string>; body: string | Buffer | undefined },
) {
  if (auth === 'missing') {
    return {};
  }
  if (auth === 'garbage') {
    return {
      'x-ncp-apigw-signature-v2': '%%%',
      'x-ncp-apigw-timestamp': 'soon',
      authorization: 'SDK-HMAC-SHA256 nonsense',
      'x-auth-token': '',
    };
  }
  const at = auth === 'skewed' ? NOW - 20 * 60_000 : NOW;
  const secret = (right: string) => (auth === 'wrong-secret' ? `${right}-wrong` : right);
  const signable = { ...request, origin: mock.url, body: request.body ?? undefined };
  return service.signers[0] === 'ncp-apigw-v2'
    ? SIGNERS['ncp-apigw-v2'].sign(signable, { accessKey: ENV.NCP_ACCESS_KEY, secretKey: secret(ENV.NCP_SECRET_KEY) }, at)
    : SIGNERS['huawei-aksk'].sign(signable, { accessKey: ENV.HUAWEI_AK, secretKey: secret(ENV.HUAWEI_SK) }, at);
}

/** A reply is either a documented response of the operation that validates, or the service's documented error envelope. */
function expectDocumented(service: Service, op: Operation, reply: MockReply): void {
  const type = String(reply.headers['content-type'] ?? '');
  const example = reply.headers['x-mock-example'];
  if (reply.status >= 400 && example === undefined) {
    expect(reply.status, `the mock's own error: ${reply.text}`).not.toBe(500);
    const body = service.errors.body;
    const value = type === 'application/xml' ? decodeXml(body.xmlSchema, reply.text).value : JSON.parse(reply.text);
    expect((type === 'application/xml' ? body.xmlSchema : body.schema).safeParse(value).success, reply.text).toBe(true);
    return;
  }
  const response = op.responses.find((r) => r.status === reply.status);
  expect(response, `undocumented status ${reply.status}`).toBeDefined();
  if (response?.body === undefined || response.contentType !== undefined || reply.bytes.length === 0) {
    return;
  }
  const schema = type === 'application/xml' ? response.body.xmlSchema : response.body.schema;
  const value = type === 'application/xml' ? decodeXml(schema, reply.text).value : JSON.parse(reply.text);
  expect(schema.safeParse(value).success, reply.text).toBe(true);
}

describe('fuzz: hostile requests get documented errors', () => {
  it('answers every request with a documented response or error envelope', async () => {
    const request = fc.constantFrom(...targets).chain(({ service, op }) =>
      fc.record({
        service: fc.constant(service),
        op: fc.constant(op),
        example: fc.constantFrom(...op.examples),
        body: bodies(service, op),
        contentType: contentTypes,
        accept: accepts,
        prefer: prefers,
        auth: auths,
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(op.method.toUpperCase()) }, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH')),
        pathSuffix: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, fc.constantFrom('/', '/x', '%zz', '/%E0%A4%A')),
        query: fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const pathWithQuery = `${fillPath(r.op, r.example.request.params)}${r.pathSuffix}${queryString(r.query ?? r.example.request.query)}`;
        const contentType =
          r.contentType === 'matching' ? (String(r.body).startsWith('<') ? 'application/xml' : 'application/json') : r.contentType;
        const headers: Record<string, string> = {
          ...(contentType === undefined ? {} : { 'content-type': contentType }),
          ...(r.accept === undefined ? {} : { accept: r.accept }),
          ...(r.prefer === undefined ? {} : { prefer: r.prefer }),
        };
        const auth = sign(r.service, r.auth, { method: r.method, pathWithQuery, headers, body: r.body });
        const withBody = r.body !== undefined && r.method !== 'GET';
        const reply = await send(`${mock.url}${pathWithQuery}`, {
          method: r.method,
          headers: { ...headers, ...auth },
          ...(withBody ? { body: r.body } : {}),
        });
        expectDocumented(r.service, r.op, reply);
      }),
      { numRuns: 300 },
    );
  });

  it('answers a 10 MB body with 413 and keeps serving', async () => {
    const [service, op] = [services[0] as Service, (services[0] as Service).operations[0] as Operation];
    const reply = await send(`${mock.url}${op.path}`, {
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(10 * 1024 * 1024, 0x20),
    });
    expect(reply.status).toBe(413);
    expectDocumented(service, op, reply);
  });

  it('answers bytes that are not HTTP with a 400 in the first service envelope', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
      socket.end('\u0001\u0002 NOT HTTP\r\n\r\n');
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(body)).toEqual({ error: { message: 'malformed HTTP request (HPE_INVALID_METHOD)', success: false } });
  });

  it('still serves a valid signed request afterwards', async () => {
    const service = services[0] as Service;
    const op = service.operations[0] as Operation;
    const example = op.examples[0] as Operation['examples'][number];
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const body = exampleBody(op, example, 'json');
    const pathWithQuery = fillPath(op, example.request.params);
    const reply = await send(`${mock.url}${pathWithQuery}`, {
      headers: { ...headers, ...sign(service, 'valid', { method: 'POST', pathWithQuery, headers, body }) },
      ...(body === undefined ? {} : { body }),
    });
    expect(reply.status).toBe(example.response.status);
  });
});
