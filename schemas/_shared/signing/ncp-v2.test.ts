import { describe, expect, it } from 'vitest';
import { NCP_WINDOW_MS, signNcpV2, stringToSignNcpV2, verifyNcpV2 } from './ncp-v2.ts';

const AK = 'Q9Cq0yBgEXAMPLEAK123';
const SK = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';

// Expected values computed independently of this code, with the shell:
//   printf '%s %s\n%s\n%s' METHOD URI TIMESTAMP AK | openssl dgst -sha256 -hmac SK -binary | base64
const knownAnswers = [
  {
    name: 'official sample URI with query (empty value, no value)',
    input: { method: 'GET', pathWithQuery: '/photos/puppy.jpg?query1=&query2', timestamp: '1700000000000', accessKey: AK },
    secretKey: SK,
    signature: 'p+s8yHxqkvmmtWRb+HBctvSS0zDZ0BCF24yFJYJ/5RI=',
  },
  {
    name: 'same request one millisecond later',
    input: { method: 'GET', pathWithQuery: '/photos/puppy.jpg?query1=&query2', timestamp: '1700000000001', accessKey: AK },
    secretKey: SK,
    signature: 'WEighVfrml2yrdghNQmfvCZgqJVGxbNcO2lOJ5bne9M=',
  },
  {
    name: 'Data Forest operation, method given in lower case',
    input: { method: 'post', pathWithQuery: '/api/v2/accounts/getDetail', timestamp: '1740040375000', accessKey: AK },
    secretKey: SK,
    signature: 'RPEx6IEjZJIKb2+iOYBeubaQlR8OI302EIIxYkZcuNo=',
  },
  {
    name: 'percent-encoded query signed as sent, non-ASCII secret as UTF-8',
    input: {
      method: 'POST',
      pathWithQuery: '/api/v2/notebooks/checkAvailableName?name=%EB%85%B8%ED%8A%B8',
      timestamp: '1740040375000',
      accessKey: 'ncp_iam_BPAMKR5exampleAK',
    },
    secretKey: 'sécret-ключ',
    signature: 'qm0tCWg5TnjI9cqR+pnVgTzBhnETxaggoihXtj9ktoA=',
  },
];

describe('signNcpV2', () => {
  it.each(knownAnswers)('$name', ({ input, secretKey, signature }) => {
    expect(signNcpV2({ ...input, secretKey })).toEqual({
      'x-ncp-apigw-timestamp': input.timestamp,
      'x-ncp-iam-access-key': input.accessKey,
      'x-ncp-apigw-signature-v2': signature,
    });
  });

  it('string to sign is METHOD SP URI LF timestamp LF access key, no trailing newline', () => {
    expect(JSON.stringify(stringToSignNcpV2(knownAnswers[0]?.input as never))).toMatchInlineSnapshot(
      `""GET /photos/puppy.jpg?query1=&query2\\n1700000000000\\nQ9Cq0yBgEXAMPLEAK123""`,
    );
  });
});

describe('verifyNcpV2', () => {
  const now = 1_740_040_375_000;
  const request = { method: 'POST', pathWithQuery: '/api/v2/accounts/getDetail?x=1' };
  const signed = signNcpV2({ ...request, timestamp: String(now), accessKey: AK, secretKey: SK });
  const secretFor = (ak: string) => (ak === AK ? SK : undefined);
  const verify = (changes: { method?: string; pathWithQuery?: string; headers?: Record<string, string>; now?: number }) =>
    verifyNcpV2({ ...request, headers: signed, secretFor, now, ...changes });

  it.each([
    { name: 'the signed request', changes: {} },
    {
      name: 'header names in another case',
      changes: {
        headers: {
          'X-NCP-APIGW-TIMESTAMP': String(now),
          'X-Ncp-Iam-Access-Key': AK,
          'X-NCP-APIGW-SIGNATURE-V2': signed['x-ncp-apigw-signature-v2'],
        },
      },
    },
    { name: 'server clock 5 minutes ahead (edge of the window)', changes: { now: now + NCP_WINDOW_MS } },
    { name: 'server clock 5 minutes behind', changes: { now: now - NCP_WINDOW_MS } },
  ])('accepts $name', ({ changes }) => {
    expect(verify(changes)).toEqual({ ok: true });
  });

  const { 'x-ncp-apigw-signature-v2': _sig, ...unsigned } = signed;
  const mismatch = (signedString: string) => ({
    reason: 'bad-signature',
    header: 'x-ncp-apigw-signature-v2',
    message: `signature does not match the string to sign "${signedString}"`,
  });
  it.each([
    {
      name: 'no signature header',
      changes: { headers: unsigned },
      expected: { reason: 'missing-header', header: 'x-ncp-apigw-signature-v2', message: 'request has no x-ncp-apigw-signature-v2 header' },
    },
    {
      name: 'unknown access key (shown masked)',
      changes: { headers: { ...signed, 'x-ncp-iam-access-key': 'AAAAOTHERKEY0000ZZZZ' } },
      expected: { reason: 'unknown-key', header: 'x-ncp-iam-access-key', message: 'access key AAAA***ZZZZ is not known' },
    },
    {
      name: 'request signed 5 min + 1 ms before the server clock',
      changes: { now: now + NCP_WINDOW_MS + 1 },
      expected: {
        reason: 'clock-skew',
        header: 'x-ncp-apigw-timestamp',
        message: 'x-ncp-apigw-timestamp is 300.001 s behind the server clock (allowed: 300 s)',
      },
    },
    {
      name: 'request signed 10 min after the server clock',
      changes: { now: now - 2 * NCP_WINDOW_MS },
      expected: {
        reason: 'clock-skew',
        header: 'x-ncp-apigw-timestamp',
        message: 'x-ncp-apigw-timestamp is 600 s ahead of the server clock (allowed: 300 s)',
      },
    },
    {
      name: 'timestamp with a decimal point',
      changes: { headers: { ...signed, 'x-ncp-apigw-timestamp': '1740040375.0' } },
      expected: {
        reason: 'clock-skew',
        header: 'x-ncp-apigw-timestamp',
        message: 'x-ncp-apigw-timestamp must be milliseconds since the epoch',
      },
    },
    {
      name: 'tampered path',
      changes: { pathWithQuery: '/api/v2/accounts/delete?x=1' },
      expected: mismatch('POST /api/v2/accounts/delete?x=1\\n1740040375000\\nQ9Cq***K123'),
    },
    {
      name: 'tampered query',
      changes: { pathWithQuery: '/api/v2/accounts/getDetail?x=2' },
      expected: mismatch('POST /api/v2/accounts/getDetail?x=2\\n1740040375000\\nQ9Cq***K123'),
    },
    {
      name: 'tampered method',
      changes: { method: 'GET' },
      expected: mismatch('GET /api/v2/accounts/getDetail?x=1\\n1740040375000\\nQ9Cq***K123'),
    },
    {
      name: 'timestamp changed within the window',
      changes: { headers: { ...signed, 'x-ncp-apigw-timestamp': String(now + 1) } },
      expected: mismatch('POST /api/v2/accounts/getDetail?x=1\\n1740040375001\\nQ9Cq***K123'),
    },
  ])('rejects $name', ({ changes, expected }) => {
    const result = verify(changes);
    expect(result).toEqual({ ok: false, ...expected });
    expect(JSON.stringify(result)).not.toContain(SK);
    expect(JSON.stringify(result)).not.toContain(signed['x-ncp-apigw-signature-v2']);
  });

  it('rejects a signature made with another secret', () => {
    const forged = signNcpV2({ ...request, timestamp: String(now), accessKey: AK, secretKey: `${SK}x` });
    const result = verify({ headers: forged });
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature', header: 'x-ncp-apigw-signature-v2' });
    expect(JSON.stringify(result)).not.toContain(signed['x-ncp-apigw-signature-v2']);
  });
});
