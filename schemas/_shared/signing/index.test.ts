import { describe, expect, it } from 'vitest';
import {
  credentialsLookup,
  getSigner,
  MissingCredentialsError,
  redactHeaders,
  SIGNER_IDS,
  SIGNERS,
  type SignableRequest,
  type SignerId,
} from './index.ts';

const ENV = {
  NCP_ACCESS_KEY: 'NCPACCESSKEY00000001',
  NCP_SECRET_KEY: 'ncp-secret-never-shown',
  HUAWEI_AK: 'HUAWEIACCESSKEY00001',
  HUAWEI_SK: 'huawei-secret-never-shown',
  HUAWEI_AUTH_TOKEN: 'MIIEhuawei-token-never-shown',
};
const SECRETS = [ENV.NCP_SECRET_KEY, ENV.HUAWEI_SK, ENV.HUAWEI_AUTH_TOKEN];
const NOW = Date.UTC(2025, 1, 20, 9, 32, 55);

const request: SignableRequest = {
  method: 'POST',
  origin: 'http://127.0.0.1:4010',
  pathWithQuery: '/api/v2/accounts/getDetail?lang=en',
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  body: '{"id":"axE7wU9ERm8fTc7e17vNvu"}',
};

describe('getSigner', () => {
  it('names the valid ids for an unknown one', () => {
    expect(() => getSigner('aws-sigv4')).toThrowErrorMatchingInlineSnapshot(
      `[UnknownSignerError: unknown signer "aws-sigv4"; valid signers: ncp-apigw-v2, huawei-aksk, huawei-token]`,
    );
    expect(() => getSigner('toString')).toThrow(/unknown signer "toString"/);
  });

  it.each(SIGNER_IDS)('%s is registered under its own id', (id) => {
    expect(getSigner(id).id).toBe(id);
  });
});

describe('credentialsFromEnv', () => {
  it.each([
    { id: 'ncp-apigw-v2', credentials: { accessKey: ENV.NCP_ACCESS_KEY, secretKey: ENV.NCP_SECRET_KEY } },
    { id: 'huawei-aksk', credentials: { accessKey: ENV.HUAWEI_AK, secretKey: ENV.HUAWEI_SK } },
    { id: 'huawei-token', credentials: { token: ENV.HUAWEI_AUTH_TOKEN } },
  ] as const)('$id reads its variables', ({ id, credentials }) => {
    expect(SIGNERS[id].credentialsFromEnv(ENV)).toEqual(credentials);
  });

  it.each([
    { id: 'ncp-apigw-v2', env: {}, message: 'ncp-apigw-v2 needs NCP_ACCESS_KEY, NCP_SECRET_KEY in the environment' },
    {
      id: 'ncp-apigw-v2',
      env: { NCP_ACCESS_KEY: 'x', NCP_SECRET_KEY: '  ' },
      message: 'ncp-apigw-v2 needs NCP_SECRET_KEY in the environment',
    },
    { id: 'huawei-aksk', env: { HUAWEI_SK: 'x' }, message: 'huawei-aksk needs HUAWEI_AK in the environment' },
    { id: 'huawei-token', env: { HUAWEI_AK: 'x', HUAWEI_SK: 'y' }, message: 'huawei-token needs HUAWEI_AUTH_TOKEN in the environment' },
  ] as const)('$id without $env', ({ id, env, message }) => {
    const result = SIGNERS[id].credentialsFromEnv(env);
    expect(result).toBeInstanceOf(MissingCredentialsError);
    expect(result).toMatchObject({ code: 'CONFIG_MISSING_CREDENTIALS', signer: id, message });
  });

  it('trims surrounding whitespace (a pasted key often has a newline)', () => {
    expect(SIGNERS['huawei-token'].credentialsFromEnv({ HUAWEI_AUTH_TOKEN: ' tok\n' })).toEqual({ token: 'tok' });
  });
});

describe('sign and verify through the registry', () => {
  it.each(SIGNER_IDS)('%s: the signed request verifies, the input is untouched', (id: SignerId) => {
    const signer = getSigner(id);
    const credentials = signer.credentialsFromEnv(ENV);
    const before = structuredClone(request);
    const added = signer.sign(request, credentials, NOW);
    expect(request).toEqual(before);
    const sent = { ...request, headers: { ...request.headers, ...added } };
    expect(signer.appliesTo(sent.headers)).toBe(true);
    expect(signer.appliesTo(request.headers)).toBe(false);
    expect(signer.verify(sent, credentialsLookup(signer, [credentials]), NOW + 1000)).toEqual({ ok: true });
  });

  it.each([
    { id: 'ncp-apigw-v2', covered: false },
    { id: 'huawei-aksk', covered: true },
    { id: 'huawei-token', covered: false },
  ] as const)('$id: body covered by the signature = $covered', ({ id, covered }) => {
    const signer = getSigner(id);
    const credentials = signer.credentialsFromEnv(ENV);
    const sent = { ...request, headers: { ...request.headers, ...signer.sign(request, credentials, NOW) } };
    const result = signer.verify({ ...sent, body: '{"id":"other"}' }, credentialsLookup(signer, [credentials]), NOW);
    expect(result.ok).toBe(!covered);
    expect(signer.signsBody).toBe(covered);
  });

  it('NCP headers to add, for a fixed clock (signature computed with openssl)', () => {
    const credentials = { accessKey: ENV.NCP_ACCESS_KEY, secretKey: ENV.NCP_SECRET_KEY };
    expect(SIGNERS['ncp-apigw-v2'].sign(request, credentials, NOW)).toEqual({
      'x-ncp-apigw-timestamp': '1740043975000',
      'x-ncp-iam-access-key': 'NCPACCESSKEY00000001',
      'x-ncp-apigw-signature-v2': 'NImvdHEKHQT8b3qZYMm4fg45ZgR8STH6u8b5IeDOwI4=',
    });
  });

  it.each(SIGNER_IDS)('%s: credentials of another user are refused and never quoted', (id) => {
    const signer = getSigner(id);
    const mine = signer.credentialsFromEnv(ENV);
    const theirs = signer.credentialsFromEnv({
      NCP_ACCESS_KEY: 'NCPOTHERKEY000000002',
      NCP_SECRET_KEY: 'other-secret',
      HUAWEI_AK: 'HUAWEIOTHERKEY000002',
      HUAWEI_SK: 'other-secret',
      HUAWEI_AUTH_TOKEN: 'other-token',
    });
    const sent = { ...request, headers: { ...request.headers, ...signer.sign(request, mine, NOW) } };
    const result = signer.verify(sent, credentialsLookup(signer, [theirs]), NOW);
    expect(result).toMatchObject({ ok: false, reason: 'unknown-key' });
    for (const secret of SECRETS) {
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('huawei-token: no X-Auth-Token', () => {
    const signer = SIGNERS['huawei-token'];
    expect(signer.verify(request, credentialsLookup(signer, [{ token: 't' }]), NOW)).toEqual({
      ok: false,
      reason: 'missing-header',
      header: 'x-auth-token',
      message: 'request has no X-Auth-Token header',
    });
  });
});

describe('credentialsLookup', () => {
  const signer = SIGNERS['ncp-apigw-v2'];
  const a = { accessKey: 'AKA', secretKey: 'sa' };
  const b = { accessKey: 'AKB', secretKey: 'sb' };
  it.each([
    { keyId: 'AKA', found: a },
    { keyId: 'AKB', found: b },
    { keyId: 'AK', found: undefined },
    { keyId: '', found: undefined },
  ])('$keyId → $found', ({ keyId, found }) => {
    expect(credentialsLookup(signer, [a, b])(keyId)).toBe(found);
  });
});

describe('redactHeaders', () => {
  it('hides secrets, masks key ids, keeps everything else and the header names as given', () => {
    expect(
      redactHeaders({
        'Content-Type': 'application/json',
        'x-ncp-apigw-timestamp': '1740040375000',
        'X-NCP-IAM-ACCESS-KEY': 'NCPACCESSKEY00000001',
        'x-ncp-apigw-signature-v2': 'RPEx6IEjZJIKb2+iOYBeubaQlR8OI302EIIxYkZcuNo=',
        Authorization:
          'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
        'X-Auth-Token': 'MIIEhuawei-token-never-shown',
        'X-Subject-Token': 'MIIEhuawei-token-never-shown',
        'x-sdk-date': '20191115T033655Z',
      }),
    ).toMatchInlineSnapshot(`
      {
        "Authorization": "SDK-HMAC-SHA256 Access=QTWA***KYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=<redacted>",
        "Content-Type": "application/json",
        "X-Auth-Token": "<redacted>",
        "X-NCP-IAM-ACCESS-KEY": "NCPA***0001",
        "X-Subject-Token": "<redacted>",
        "x-ncp-apigw-signature-v2": "<redacted>",
        "x-ncp-apigw-timestamp": "1740040375000",
        "x-sdk-date": "20191115T033655Z",
      }
    `);
  });

  it.each(['Bearer abc.def', 'Basic dXNlcjpwYXNz', 'SDK-HMAC-SHA256 garbage'])('Authorization %s is hidden whole', (value) => {
    expect(redactHeaders({ authorization: value })).toEqual({ authorization: '<redacted>' });
  });

  it('short access keys are hidden whole', () => {
    expect(redactHeaders({ 'x-ncp-iam-access-key': 'AKA' })).toEqual({ 'x-ncp-iam-access-key': '***' });
  });
});
