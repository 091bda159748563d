import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequestHuaweiAksk,
  formatSdkDate,
  HUAWEI_AKSK_WINDOW_MS,
  type HuaweiSignInput,
  type HuaweiVerifyInput,
  parseSdkDate,
  signHuaweiAksk,
  verifyHuaweiAksk,
} from './huawei-aksk.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SDK_KEYS = { accessKey: 'AccessKey', secretKey: 'SecretKey' };
const PROJECT = '0123456789abcdef0123456789abcdef';
const DERIVED_HEADERS = { 'content-type': 'application/json', 'x-sdk-date': '20240101T000000Z' };

// Public vectors V1–V5 and derived vectors D1–D3 of reference/huawei-dcs-dds.md §C3, verbatim.
// `now` is irrelevant: every row carries its X-Sdk-Date, which the signer reuses like the SDKs do.
const vectors: {
  name: string;
  input: Omit<HuaweiSignInput, 'now'>;
  authorization: string;
  bodySha256?: string;
  canonicalSha256?: string;
}[] = [
  {
    name: 'V1 go-v3 test1: GET, underscore header excluded, Go signs neither host nor content-type',
    input: {
      ...SDK_KEYS,
      method: 'GET',
      origin: 'https://example.huaweicloud.com',
      pathWithQuery: '/path?limit=1',
      headers: { 'X-Sdk-Date': '20060102T150405Z', TEST_UNDERSCORE: 'TEST_VALUE' },
      body: undefined,
      signedHeaders: ['x-sdk-date'],
    },
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
  },
  {
    name: 'V2 go-v3 test2: POST, JSON body with the trailing newline of json.Encoder',
    input: {
      ...SDK_KEYS,
      method: 'POST',
      origin: 'https://example.huaweicloud.com',
      pathWithQuery: '/path?key=value',
      headers: { 'X-Sdk-Date': '20060102T150405Z', TEST_UNDERSCORE: 'TEST_VALUE', 'Content-Type': 'application/json' },
      body: '{"Name":"test","Id":1}\n',
      signedHeaders: ['x-sdk-date'],
    },
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
  },
  {
    name: 'V3 python-v3 test_signer1: GET, Host signed',
    input: {
      ...SDK_KEYS,
      method: 'GET',
      pathWithQuery: '/resources?size=1',
      headers: { 'X-Sdk-Date': '20200608T023900Z', TEST_UNDERSCORE: 'TEST_VALUE', Host: 'service.endpoint.myhuaweicloud.com' },
      body: '',
    },
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
  },
  {
    name: 'V4 python-v3 test_signer2: POST with body, Host taken from the origin',
    input: {
      ...SDK_KEYS,
      method: 'POST',
      origin: 'https://service.endpoint.myhuaweicloud.com',
      pathWithQuery: '/resources?size=1',
      headers: { 'X-Sdk-Date': '20200608T023900Z', TEST_UNDERSCORE: 'TEST_VALUE' },
      body: '{"name":"test","id":1}',
    },
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f',
  },
  {
    name: 'V5 official guide: content-type;host;x-sdk-date',
    input: {
      accessKey: 'QTWAOYTTINDUT2QVKYUC',
      secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
      method: 'GET',
      pathWithQuery: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
      body: undefined,
    },
    canonicalSha256: 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
    authorization:
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
  },
  {
    name: 'D1 DCS kill-all [derived]',
    input: {
      ...SDK_KEYS,
      method: 'POST',
      origin: 'https://dcs.ap-southeast-1.myhuaweicloud.com',
      pathWithQuery: `/v2/${PROJECT}/instances/5560df16-cebf-4473-95c4-d1b573c16e79/clients/kill-all`,
      headers: DERIVED_HEADERS,
      body: '{"kill_all_nodes":true}',
    },
    bodySha256: '370b7cbc600aba86da1007a25200c73939ac0c4856bf0918f1a40222723b9148',
    canonicalSha256: '151d23a996313a7120050bc955262e452ba521c40e58624af4410365bdd56cee',
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, Signature=986e0243bc88149e41f38ff7d060ba66a0ba07a6587f7ccc9cb6bfe45f39adb2',
  },
  {
    name: 'D2 DCS list clients [derived]',
    input: {
      ...SDK_KEYS,
      method: 'GET',
      origin: 'https://dcs.ap-southeast-1.myhuaweicloud.com',
      pathWithQuery: `/v2/${PROJECT}/instances/5560df16-cebf-4473-95c4-d1b573c16e79/clients?limit=10&node_id=8f7ee181-88e2-49b7-a4bf-81f18f93a135&offset=0`,
      headers: DERIVED_HEADERS,
      body: undefined,
    },
    canonicalSha256: '2236edca72cef7375646b34fc591e10892bfba4cbe6cafc076de814f1749e541',
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, Signature=3377258b455f46a95aca42ab143fac30856f901cfe5b0243e5d107b7e22bf6e2',
  },
  {
    name: 'D3 DDS kill session [derived]',
    input: {
      ...SDK_KEYS,
      method: 'POST',
      origin: 'https://dds.ap-southeast-1.myhuaweicloud.com',
      pathWithQuery: `/v3/${PROJECT}/nodes/520c58ba00a3497e97ce0b9604874dd6no02/session`,
      headers: DERIVED_HEADERS,
      body: '{"sessions":["34631","34703"]}',
    },
    bodySha256: '9903371bc9c826dd86c92e0ecd86401015e66e991e471a5b9b80955e658f4d3e',
    canonicalSha256: '8f4356190cfe1d4b1ed4beae13de9196e86707ba88b0602b53c1e84b81dcf1d0',
    authorization:
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, Signature=894a06dad451c2118517d4ccfbf8f2b29ee7be213bd7e399deaa483a63a7be91',
  },
];

describe('signHuaweiAksk known answers', () => {
  it.each(vectors)('$name', ({ input, authorization, bodySha256, canonicalSha256 }) => {
    const added = signHuaweiAksk({ ...input, now: 0 });
    expect(added.authorization).toBe(authorization);
    const headers = { ...input.headers, ...added };
    const canonical = canonicalRequestHuaweiAksk({ ...input, headers });
    if (canonicalSha256) {
      expect(sha256(canonical)).toBe(canonicalSha256);
    }
    if (bodySha256) {
      expect(canonical.split('\n').at(-1)).toBe(bodySha256);
    }
  });

  it('V1 canonical request, line by line, as listed in the go-v3 test', () => {
    const v1 = vectors[0]?.input as HuaweiSignInput;
    expect(canonicalRequestHuaweiAksk(v1).split('\n')).toEqual([
      'GET',
      '/path/',
      'limit=1',
      'x-sdk-date:20060102T150405Z',
      '',
      'x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  it('V2 without the trailing newline gives the documented wrong signature', () => {
    const v2 = vectors[1]?.input as HuaweiSignInput;
    expect(signHuaweiAksk({ ...v2, body: '{"Name":"test","Id":1}', now: 0 }).authorization).toMatch(/Signature=83599e52[0-9a-f]+6e17a35$/);
  });
});

describe('canonicalRequestHuaweiAksk', () => {
  const lines = (pathWithQuery: string, headers: Record<string, string> = {}) =>
    canonicalRequestHuaweiAksk({ method: 'get', pathWithQuery, headers, body: undefined }).split('\n');

  it('query: SDK expectation for sorting, multi-values and escaping (go signer_test.go, python test_signer.py)', () => {
    const test = encodeURIComponent('一 (&=?!#%.*)');
    expect(lines(`/x?limit=1&enable=true&test=${test}&path=%2Ftmp%2F123&multi=3&multi=1&multi=2`)[2]).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });

  it.each([
    { query: '', canonical: '' },
    { query: '?', canonical: '' },
    { query: '?flag&empty=', canonical: 'empty=&flag=' },
    { query: '?a=x+y&a=x%20y&b=%7E~', canonical: 'a=x%20y&a=x%20y&b=~~' },
    { query: '?%C3%A4=1&z=2&Z=3', canonical: 'Z=3&z=2&%C3%A4=1' },
  ])('query $query → $canonical', ({ query, canonical }) => {
    expect(lines(`/p${query}`)[2]).toBe(canonical);
  });

  it.each([
    { path: '', uri: '/' },
    { path: '/', uri: '/' },
    { path: '/v2/p/clients/kill-all', uri: '/v2/p/clients/kill-all/' },
    { path: '/v2/p/clients/', uri: '/v2/p/clients/' },
    { path: '/a b/ä/(x)*', uri: '/a%20b/%C3%A4/%28x%29%2A/' },
    { path: '/a%20b/%c3%a4', uri: '/a%20b/%C3%A4/' },
    { path: '/a+b/%2F', uri: '/a%2Bb/%2F/' },
    { path: '/bad%zz', uri: '/bad%25zz/' },
  ])('path $path → $uri', ({ path, uri }) => {
    expect(lines(path)[1]).toBe(uri);
  });

  it('headers: lower-cased, sorted, values trimmed, underscores and Authorization left out', () => {
    expect(
      lines('/p', { 'X-Sdk-Date': '20240101T000000Z', Host: ' h.example:8443 ', A_B: 'x', Authorization: 'y', Accept: 'application/json' }),
    ).toEqual([
      'GET',
      '/p/',
      '',
      'accept:application/json',
      'host:h.example:8443',
      'x-sdk-date:20240101T000000Z',
      '',
      'accept;host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  it('X-Sdk-Content-Sha256 replaces the body hash', () => {
    const canonical = canonicalRequestHuaweiAksk({
      method: 'PUT',
      pathWithQuery: '/p',
      headers: { 'x-sdk-date': '20240101T000000Z', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      body: 'ignored',
    });
    expect(canonical.split('\n').at(-1)).toBe('UNSIGNED-PAYLOAD');
  });
});

describe('X-Sdk-Date', () => {
  it.each([
    { ms: Date.UTC(2006, 0, 2, 15, 4, 5, 999), text: '20060102T150405Z' },
    { ms: Date.UTC(2024, 1, 29, 0, 0, 0), text: '20240229T000000Z' },
  ])('$text', ({ ms, text }) => {
    expect(formatSdkDate(ms)).toBe(text);
    expect(parseSdkDate(text)).toBe(Math.floor(ms / 1000) * 1000);
  });

  it.each(['20230229T000000Z', '20240101T240000Z', '2024-01-01T00:00:00Z', '20240101T000000', ''])('rejects %j', (text) => {
    expect(parseSdkDate(text)).toBeUndefined();
  });
});

describe('signHuaweiAksk', () => {
  const now = Date.UTC(2024, 0, 1);
  const base = {
    ...SDK_KEYS,
    method: 'POST',
    origin: 'http://127.0.0.1:4010',
    pathWithQuery: '/v3/p/nodes/n1/session',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    now,
  };

  it('adds X-Sdk-Date from now and Host from the origin, and leaves the input alone', () => {
    const headers = { ...base.headers };
    const added = signHuaweiAksk({ ...base, headers });
    expect(headers).toEqual(base.headers);
    expect(added).toEqual({
      'x-sdk-date': '20240101T000000Z',
      host: '127.0.0.1:4010',
      authorization: expect.stringMatching(
        /^SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
      ),
    });
  });

  it('omits the default port from Host', () => {
    expect(signHuaweiAksk({ ...base, origin: 'https://dds.example.com:443' }).host).toBe('dds.example.com');
  });

  it('replaces an X-Sdk-Date that does not parse', () => {
    expect(signHuaweiAksk({ ...base, headers: { 'X-Sdk-Date': 'yesterday' } })['x-sdk-date']).toBe('20240101T000000Z');
  });

  it('refuses to guess a host', () => {
    expect(() => signHuaweiAksk({ ...base, origin: undefined })).toThrowErrorMatchingInlineSnapshot(
      `[SigningError: huawei-aksk: the request has neither a Host header nor an origin]`,
    );
  });
});

describe('verifyHuaweiAksk', () => {
  const now = Date.UTC(2024, 0, 1, 12);
  const SK = 'SecretKey-never-shown';
  const request = {
    method: 'POST',
    pathWithQuery: `/v2/${PROJECT}/instances/i-1/clients?limit=10&offset=0`,
    headers: { 'content-type': 'application/json', host: '127.0.0.1:4010' },
    body: '{"kill_all_nodes":true}',
  };
  const added = signHuaweiAksk({ ...request, accessKey: 'AccessKey', secretKey: SK, now });
  const signed = { ...request, headers: { ...request.headers, ...added } };
  const presented = /Signature=(\w+)/.exec(added.authorization as string)?.[1] as string;
  const secretFor = (ak: string) => (ak === 'AccessKey' ? SK : undefined);
  const verify = (changes: Partial<Omit<HuaweiVerifyInput, 'secretFor'>>) => verifyHuaweiAksk({ ...signed, secretFor, now, ...changes });
  const canonicalMismatch = { reason: 'bad-signature', header: 'authorization' };
  const { 'content-type': _, ...withoutContentType } = signed.headers;

  it.each([
    { name: 'the signed request', changes: {} },
    {
      name: 'the path without the trailing slash the canonical URI adds',
      changes: { pathWithQuery: `/v2/${PROJECT}/instances/i-1/clients/?limit=10&offset=0` },
    },
    { name: 'query parameters in another order', changes: { pathWithQuery: `/v2/${PROJECT}/instances/i-1/clients?offset=0&limit=10` } },
    { name: 'the body as bytes', changes: { body: Buffer.from(request.body) } },
    { name: 'an unsigned header added', changes: { headers: { ...signed.headers, 'user-agent': 'proxy/1.0' } } },
    { name: 'X-Sdk-Date 15 minutes behind', changes: { now: now + HUAWEI_AKSK_WINDOW_MS } },
  ])('accepts $name', ({ changes }) => {
    expect(verify(changes)).toEqual({ ok: true });
  });

  it.each([
    { name: 'tampered body', changes: { body: '{"kill_all_nodes":false}' }, expected: canonicalMismatch },
    {
      name: 'tampered path',
      changes: { pathWithQuery: `/v2/${PROJECT}/instances/i-2/clients?limit=10&offset=0` },
      expected: canonicalMismatch,
    },
    {
      name: 'tampered query',
      changes: { pathWithQuery: `/v2/${PROJECT}/instances/i-1/clients?limit=11&offset=0` },
      expected: canonicalMismatch,
    },
    { name: 'tampered method', changes: { method: 'PUT' }, expected: canonicalMismatch },
    {
      name: 'tampered signed header',
      changes: { headers: { ...signed.headers, 'content-type': 'text/plain' } },
      expected: canonicalMismatch,
    },
    {
      name: 'tampered date within the window',
      changes: { headers: { ...signed.headers, 'x-sdk-date': '20240101T120001Z' } },
      expected: canonicalMismatch,
    },
    {
      name: 'date 16 minutes old',
      changes: { now: now + 16 * 60_000 },
      expected: { reason: 'clock-skew', header: 'x-sdk-date', message: 'x-sdk-date is 960 s behind the server clock (allowed: 900 s)' },
    },
    {
      name: 'date that is not YYYYMMDDTHHMMSSZ',
      changes: { headers: { ...signed.headers, 'x-sdk-date': '2024-01-01T12:00:00Z' } },
      expected: { reason: 'clock-skew', header: 'x-sdk-date', message: 'x-sdk-date must be YYYYMMDDTHHMMSSZ (UTC)' },
    },
    {
      name: 'no Authorization',
      changes: { headers: request.headers },
      expected: { reason: 'missing-header', header: 'authorization', message: 'request has no Authorization header' },
    },
    {
      name: 'a signed header not sent',
      changes: { headers: withoutContentType },
      expected: { reason: 'missing-header', header: 'content-type', message: 'signed header content-type was not sent' },
    },
    {
      name: 'another scheme',
      changes: { headers: { ...signed.headers, authorization: 'Bearer abc' } },
      expected: {
        reason: 'bad-signature',
        header: 'authorization',
        message: 'Authorization is not "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>"',
      },
    },
    {
      name: 'X-Sdk-Date left out of SignedHeaders',
      changes: {
        headers: { ...signed.headers, authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host, Signature=${presented}` },
      },
      expected: { reason: 'bad-signature', header: 'authorization', message: 'SignedHeaders must include x-sdk-date' },
    },
    {
      name: 'unknown access key (shown masked)',
      changes: { headers: { ...signed.headers, authorization: (added.authorization as string).replace('AccessKey', 'OTHERACCESSKEY01') } },
      expected: { reason: 'unknown-key', header: 'authorization', message: 'access key OTHE***EY01 is not known' },
    },
  ])('rejects $name', ({ changes, expected }) => {
    const result = verify(changes);
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(JSON.stringify(result)).not.toContain(SK);
    expect(JSON.stringify(result)).not.toContain(presented);
  });

  it('never quotes a signed temporary-credential token in the explanation', () => {
    const headers = { ...request.headers, 'x-security-token': 'temporary-token-never-shown' };
    const withToken = {
      ...request,
      headers: { ...headers, ...signHuaweiAksk({ ...request, headers, accessKey: 'AccessKey', secretKey: SK, now }) },
    };
    const result = verify({ ...withToken, body: '{}' });
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(JSON.stringify(result)).toContain('|x-security-token:<redacted>|');
    expect(JSON.stringify(result)).not.toContain('temporary-token-never-shown');
  });

  it('explains a mismatch with the canonical request, newlines as | like the gateway', () => {
    expect(verify({ body: '{}' })).toMatchInlineSnapshot(`
      {
        "header": "authorization",
        "message": "signature does not match; canonicalRequest: POST|/v2/0123456789abcdef0123456789abcdef/instances/i-1/clients/|limit=10&offset=0|content-type:application/json|host:127.0.0.1:4010|x-sdk-date:20240101T120000Z||content-type;host;x-sdk-date|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "ok": false,
        "reason": "bad-signature",
      }
    `);
  });
});
