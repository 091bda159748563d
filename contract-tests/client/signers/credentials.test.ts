import { afterAll, describe, expect, it } from 'vitest';
import { MissingCredentialsError, SIGNERS } from '../../../schemas/_shared/signing/index.ts';
import { resolveCredentials } from './credentials.ts';
import { IamTokenError } from './huawei-iam-token.ts';
import { startRecordingServer } from './test-server.ts';

const PASSWORD = 'iam-password-never-shown';

/** IAM as Keystone answers: a token for the one right password, 401 for any other. */
const iam = await startRecordingServer((request, res, index) => {
  if (!request.body.includes(`"password":"${PASSWORD}"`)) {
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }));
    return;
  }
  res
    .writeHead(201, { 'content-type': 'application/json', 'x-subject-token': `iam-token-${index + 1}` })
    .end(JSON.stringify({ token: { expires_at: '2999-01-01T00:00:00.000000Z' } }));
});
afterAll(() => iam.close());

const IAM_ENV = {
  HUAWEI_IAM_USER: 'contract-tester',
  HUAWEI_IAM_PASSWORD: PASSWORD,
  HUAWEI_IAM_DOMAIN: 'acme',
  HUAWEI_PROJECT_ID: '0123456789abcdef0123456789abcdef',
  HUAWEI_IAM_ENDPOINT: iam.origin,
};

describe('resolveCredentials', () => {
  it('uses the signer variables when they are set, without any request', async () => {
    const before = iam.received.length;
    const env = { ...IAM_ENV, HUAWEI_AUTH_TOKEN: 'from-env', NCP_ACCESS_KEY: 'ak', NCP_SECRET_KEY: 'sk' };
    expect(await resolveCredentials(SIGNERS['huawei-token'], env)).toEqual({ token: 'from-env' });
    expect(await resolveCredentials(SIGNERS['ncp-apigw-v2'], env)).toEqual({ accessKey: 'ak', secretKey: 'sk' });
    expect(iam.received.length - before).toBe(0);
  });

  it('obtains an IAM token once for the process when HUAWEI_AUTH_TOKEN is not set', async () => {
    const before = iam.received.length;
    const first = await resolveCredentials(SIGNERS['huawei-token'], IAM_ENV);
    const second = await resolveCredentials(SIGNERS['huawei-token'], IAM_ENV);
    expect([first, second]).toEqual([{ token: 'iam-token-1' }, { token: 'iam-token-1' }]);
    expect(iam.received.length - before).toBe(1);
  });

  // The token cached for the right password once answered the wrong one too, so a broken password went unnoticed.
  it('a wrong password after the right one, same user and endpoint, is asked of IAM and refused', async () => {
    const right = await resolveCredentials(SIGNERS['huawei-token'], IAM_ENV);
    const before = iam.received.length;
    const wrong = { ...IAM_ENV, HUAWEI_IAM_PASSWORD: 'wrong-password-never-shown' };
    const error = await resolveCredentials(SIGNERS['huawei-token'], wrong).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IamTokenError);
    expect((error as Error).message).toBe(`IAM token request to ${iam.origin}: HTTP 401: The username or password is wrong.`);
    // The right password still gets its cached token, without asking IAM again.
    expect(await resolveCredentials(SIGNERS['huawei-token'], IAM_ENV)).toEqual(right);
    expect(iam.received.length - before).toBe(1);
  });

  it.each([
    {
      name: 'huawei-token with nothing set offers both ways',
      signer: 'huawei-token',
      env: { HUAWEI_PROJECT_ID: 'p' },
      message:
        'huawei-token needs HUAWEI_AUTH_TOKEN in the environment (or HUAWEI_IAM_USER, HUAWEI_IAM_PASSWORD, HUAWEI_IAM_DOMAIN, HUAWEI_PROJECT_ID to obtain one from IAM)',
    },
    {
      name: 'huawei-token with IAM half configured names what is missing for IAM',
      signer: 'huawei-token',
      env: { HUAWEI_IAM_USER: 'u', HUAWEI_IAM_DOMAIN: 'd' },
      message:
        'huawei-token needs HUAWEI_IAM_PASSWORD, HUAWEI_PROJECT_ID in the environment (to obtain a token from IAM; or set HUAWEI_AUTH_TOKEN)',
    },
    {
      name: 'huawei-aksk has no network fallback',
      signer: 'huawei-aksk',
      env: IAM_ENV,
      message: 'huawei-aksk needs HUAWEI_AK, HUAWEI_SK in the environment',
    },
  ] as const)('$name', async ({ signer, env, message }) => {
    const result = await resolveCredentials(SIGNERS[signer], env);
    expect(result).toBeInstanceOf(MissingCredentialsError);
    expect((result as Error).message).toBe(message);
  });
});
