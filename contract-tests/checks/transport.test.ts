import { describe, expect, it } from 'vitest';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { exampleOf, operationOf } from '../support/drifts.ts';
import { checkResponse } from './check-response.ts';

const HTML = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const envelope = (status: number) => JSON.stringify(ncpDataforest.errors.make(status, 'upstream said no'));

/** accountsGetDetail [default] documents a 200; what comes back instead, and what the check makes of it. */
function check(status: number, contentType: string, body: string, headers: Record<string, string> = {}) {
  const operation = operationOf(ncpDataforest, 'accountsGetDetail');
  return checkResponse({
    service: ncpDataforest,
    operation,
    example: exampleOf(operation, 'default'),
    format: 'json',
    response: { status, headers: { ...(contentType === '' ? {} : { 'content-type': contentType }), ...headers }, body: Buffer.from(body) },
    values: { mode: 'shape' },
    signer: 'ncp-apigw-v2',
    attempts: 3,
  });
}

describe('a response from the way to the service, not from it, is `transport`', () => {
  it.each<[string, number, string, string, string]>([
    [
      'a gateway 502 page',
      502,
      'text/html',
      HTML,
      'transport: still HTTP 502 after 3 attempts: a gateway answered (text/html), not the service',
    ],
    [
      'a gateway 504 page',
      504,
      'text/html',
      HTML,
      'transport: still HTTP 504 after 3 attempts: a gateway answered (text/html), not the service',
    ],
    [
      'a 502 without a body',
      502,
      '',
      '',
      'transport: still HTTP 502 after 3 attempts: a gateway answered (no Content-Type), not the service',
    ],
    ['a gateway 503 page', 503, 'text/html', HTML, 'transport: still HTTP 503 after 3 attempts: the server is throttling or unavailable'],
    [
      'a 503 in the envelope',
      503,
      'application/json',
      envelope(503),
      'transport: still HTTP 503 after 3 attempts: the server is throttling or unavailable',
    ],
    [
      'a 429',
      429,
      'application/json',
      envelope(429),
      'transport: still HTTP 429 after 3 attempts: the server is throttling or unavailable',
    ],
    [
      'a 502 in the service envelope: the service answered',
      502,
      'application/json',
      envelope(502),
      'status-code: expected HTTP 200, got 502',
    ],
    ['a 404 page: the service answered', 404, 'text/html', HTML, 'status-code: expected HTTP 200, got 404'],
  ])('%s', (_, status, contentType, body, expected) => {
    const findings = check(status, contentType, body);
    expect(findings).toHaveLength(1);
    expect(`${findings[0]?.rule}: ${findings[0]?.message}`.startsWith(expected)).toBe(true);
  });

  it('says what the server asked for', () => {
    expect(check(429, 'application/json', '{}', { 'retry-after': '30' })[0]?.message).toBe(
      'still HTTP 429 (Retry-After: 30) after 3 attempts: the server is throttling or unavailable, so nothing was checked',
    );
  });

  it('a status the example documents is checked as the answer, never as a fault', () => {
    const operation = operationOf(ncpDataforest, 'accountsGetDetail');
    const findings = checkResponse({
      service: ncpDataforest,
      operation,
      example: { ...exampleOf(operation, 'default'), response: { status: 503 } },
      format: 'json',
      response: { status: 503, headers: { 'content-type': 'text/html' }, body: Buffer.from(HTML) },
      values: { mode: 'shape' },
      signer: 'ncp-apigw-v2',
    });
    expect(findings.map((f) => f.rule)).toEqual([]);
  });
});
