import { describe, expect, it } from 'vitest';
import { credentialsLookup, getSigner, type SignerId } from '../../../schemas/_shared/signing/index.ts';
import { ClientError } from '../errors.ts';
import { signedHeaders } from './sign.ts';
import { SIGNING_ENV } from './test-server.ts';

const ENV = SIGNING_ENV;
const NOW = Date.UTC(2025, 1, 20, 9, 0, 0);
const request = {
  method: 'POST',
  origin: 'https://api.example.test',
  pathWithQuery: '/api/v2/x?lang=en',
  headers: { 'content-type': 'application/json' },
  body: '{"n":1}',
};

const signingOf = (id: SignerId) => {
  const signer = getSigner(id);
  return { signer, credentials: signer.credentialsFromEnv(ENV) };
};

/** The one signing path of the client's interceptor and of `proxy --resign`: the signer's headers, or one CLIENT_SIGNING error. */
describe('signedHeaders', () => {
  it.each([
    ['ncp-apigw-v2', ['x-ncp-apigw-signature-v2', 'x-ncp-apigw-timestamp', 'x-ncp-iam-access-key']],
    ['huawei-aksk', ['authorization', 'host', 'x-sdk-date']],
    ['huawei-token', ['x-auth-token']],
  ] as const)('%s: the headers its signer adds, which it then accepts', (id, names) => {
    const signing = signingOf(id);
    const headers = signedHeaders(signing, request, NOW);
    expect(Object.keys(headers).sort()).toEqual(names);
    const lookup = credentialsLookup(signing.signer, [signing.credentials]);
    expect(signing.signer.verify({ ...request, headers: { ...request.headers, ...headers } }, lookup, NOW)).toEqual({ ok: true });
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('a request its signer refuses: a CLIENT_SIGNING error naming the signer, method and path', () => {
    const { origin: _, ...hostless } = request;
    const sign = () => signedHeaders(signingOf('huawei-aksk'), hostless, NOW);
    expect(sign).toThrow(ClientError);
    expect(sign).toThrowErrorMatchingInlineSnapshot(
      `[ClientError: huawei-aksk could not sign POST /api/v2/x?lang=en: huawei-aksk: the request has neither a Host header nor an origin]`,
    );
  });

  it('reads the credentials at each signature, so a renewal in place is used from the next request on', () => {
    const signing = signingOf('huawei-token');
    expect(signedHeaders(signing, request, NOW)).toEqual({ 'x-auth-token': ENV.HUAWEI_AUTH_TOKEN });
    signing.credentials = { token: 'renewed-token' };
    expect(signedHeaders(signing, request, NOW)).toEqual({ 'x-auth-token': 'renewed-token' });
  });
});
