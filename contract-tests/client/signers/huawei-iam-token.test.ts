import type { ServerResponse } from 'node:http';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MissingCredentialsError } from '../../../schemas/_shared/signing/index.ts';
import { DEFAULT_IAM_ENDPOINT, IamTokenError, iamCredentialsFromEnv, iamTokenSource } from './huawei-iam-token.ts';
import { type Received, startRecordingServer } from './test-server.ts';

const PASSWORD = 'iam-password-never-shown';
const TOKEN = 'MIIZtoken-never-shown';
const ISSUED = Date.UTC(2025, 1, 20, 9, 0, 0);
const EXPIRES = '2025-02-21T09:00:00.000000Z'; // IAM's own format: microseconds

type Answer = (request: Received, res: ServerResponse, index: number) => void;
const issue: Answer = (_request, res, index) =>
  res
    .writeHead(201, { 'content-type': 'application/json', 'x-subject-token': `${TOKEN}-${index + 1}` })
    .end(JSON.stringify({ token: { expires_at: EXPIRES, issued_at: '2025-02-20T09:00:00.000000Z', methods: ['password'] } }));
let answer: Answer = issue;
const iam = await startRecordingServer((request, res, index) => answer(request, res, index));
afterAll(() => iam.close());
beforeEach(() => {
  answer = issue;
  iam.received.length = 0;
});

const credentials = {
  endpoint: iam.origin,
  user: 'contract-tester',
  password: PASSWORD,
  domain: 'acme',
  projectId: '0123456789abcdef0123456789abcdef',
};

describe('iamTokenSource', () => {
  it('sends the documented password request with a project scope', async () => {
    expect(await iamTokenSource(credentials).credentials()).toEqual({ token: `${TOKEN}-1` });
    expect(iam.received).toHaveLength(1);
    const [request] = iam.received as [Received];
    expect([request.method, request.pathWithQuery, request.headers['content-type']]).toEqual([
      'POST',
      '/v3/auth/tokens?nocatalog=true',
      'application/json;charset=utf8',
    ]);
    expect(JSON.parse(request.body)).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'contract-tester', password: PASSWORD, domain: { name: 'acme' } } },
        },
        scope: { project: { id: '0123456789abcdef0123456789abcdef' } },
      },
    });
  });

  it('reuses the token until expires_at minus the margin, then asks again', async () => {
    let now = ISSUED;
    const source = iamTokenSource(credentials, { clock: () => now, marginMs: 60_000 });
    const tokens = [];
    for (const at of [ISSUED, Date.parse(EXPIRES) - 60_001, Date.parse(EXPIRES) - 60_000]) {
      now = at;
      tokens.push((await source.credentials()).token);
    }
    expect(tokens).toEqual([`${TOKEN}-1`, `${TOKEN}-1`, `${TOKEN}-2`]);
    expect(iam.received).toHaveLength(2);
  });

  it('concurrent callers share one request', async () => {
    const source = iamTokenSource(credentials, { clock: () => ISSUED });
    const results = await Promise.all([source.credentials(), source.credentials(), source.credentials()]);
    expect(results.map((r) => r.token)).toEqual([`${TOKEN}-1`, `${TOKEN}-1`, `${TOKEN}-1`]);
    expect(iam.received).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    answer = (request, res, index) => (index === 0 ? res.writeHead(500).end() : issue(request, res, index));
    const source = iamTokenSource(credentials, { clock: () => ISSUED });
    await expect(source.credentials()).rejects.toBeInstanceOf(IamTokenError);
    expect(await source.credentials()).toEqual({ token: `${TOKEN}-2` });
  });

  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
    (_q, res) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  it.each([
    {
      name: 'wrong password (Keystone error shape)',
      answer: json(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }),
      status: 401,
      message: 'IAM token request to <iam>: HTTP 401: The username or password is wrong.',
    },
    {
      name: 'an error that echoes the password (gateway error shape)',
      answer: json(400, { error_code: 'IAM.0007', error_msg: `Request parameter password=${PASSWORD} is invalid.` }),
      status: 400,
      message: 'IAM token request to <iam>: HTTP 400: IAM.0007 Request parameter password=<redacted> is invalid.',
    },
    {
      name: 'an HTML error page',
      answer: (_q: Received, res: ServerResponse) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'),
      status: 502,
      message: 'IAM token request to <iam>: HTTP 502',
    },
    {
      name: '201 without X-Subject-Token',
      answer: json(201, { token: { expires_at: EXPIRES } }),
      status: 201,
      message: 'IAM token request to <iam>: IAM answered 201 without an X-Subject-Token header',
    },
    {
      name: '201 with a token but no expires_at',
      answer: json(201, { token: { expires: EXPIRES } }, { 'x-subject-token': TOKEN }),
      status: 201,
      message: 'IAM token request to <iam>: IAM answered 201 without a valid token.expires_at',
    },
  ])('$name', async ({ answer: reply, status, message }) => {
    answer = reply;
    const error = await iamTokenSource(credentials)
      .credentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IamTokenError);
    expect(error).toMatchObject({ code: 'AUTH_IAM_TOKEN', status, endpoint: iam.origin });
    expect((error as Error).message.replace(iam.origin, '<iam>')).toBe(message);
    expect(JSON.stringify({ ...(error as Error), message: (error as Error).message })).not.toMatch(new RegExp(`${PASSWORD}|${TOKEN}`));
  });

  it('an unreachable endpoint is an IamTokenError too', async () => {
    const closed = await startRecordingServer(() => undefined);
    await closed.close();
    const error = await iamTokenSource({ ...credentials, endpoint: closed.origin })
      .credentials()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_IAM_TOKEN', status: undefined });
    expect((error as Error).message).toMatch(/^IAM token request to http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });
});

describe('iamCredentialsFromEnv', () => {
  const env = {
    HUAWEI_IAM_USER: 'contract-tester',
    HUAWEI_IAM_PASSWORD: PASSWORD,
    HUAWEI_IAM_DOMAIN: 'acme',
    HUAWEI_PROJECT_ID: '0123456789abcdef0123456789abcdef',
  };

  it.each([
    { name: 'default endpoint', extra: {}, endpoint: DEFAULT_IAM_ENDPOINT },
    {
      name: 'regional endpoint',
      extra: { HUAWEI_IAM_ENDPOINT: 'https://iam.ap-southeast-1.myhuaweicloud.com' },
      endpoint: 'https://iam.ap-southeast-1.myhuaweicloud.com',
    },
  ])('$name', ({ extra, endpoint }) => {
    expect(iamCredentialsFromEnv({ ...env, ...extra })).toEqual({ ...credentials, endpoint });
  });

  it('names every missing variable', () => {
    const result = iamCredentialsFromEnv({ HUAWEI_IAM_USER: 'contract-tester', HUAWEI_PROJECT_ID: 'p' });
    expect(result).toBeInstanceOf(MissingCredentialsError);
    expect((result as Error).message).toMatchInlineSnapshot(
      `"huawei-token needs HUAWEI_IAM_PASSWORD, HUAWEI_IAM_DOMAIN in the environment (to obtain a token from IAM; or set HUAWEI_AUTH_TOKEN)"`,
    );
  });
});
