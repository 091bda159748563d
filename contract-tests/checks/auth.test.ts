import { describe, expect, it } from 'vitest';
import type { SignerId } from '../../schemas/_shared/service.ts';
import { huaweiDcs } from '../../schemas/huawei-dcs/index.ts';
import { operationOf } from '../support/drifts.ts';
import { authFinding } from './auth.ts';

const listClients = operationOf(huaweiDcs, 'listClients');

type Row = [name: string, signer: SignerId, expectedStatus: number, status: number, body: string, documented: boolean, refused: boolean];

describe('authFinding', () => {
  it.each<Row>([
    [
      'a 401 where 200 is documented',
      'huawei-aksk',
      200,
      401,
      '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}',
      true,
      true,
    ],
    [
      'the gateway code under another status',
      'huawei-token',
      200,
      400,
      '{"error_code":"APIGW.0301","error_msg":"token expired"}',
      true,
      true,
    ],
    ['a 401 the example documents', 'huawei-token', 401, 401, '{"error_code":"DCS.4001","error_msg":"x"}', true, false],
    ['a documented 403 from the service', 'huawei-aksk', 200, 403, '{"error_code":"DCS.4111","error_msg":"forbidden"}', true, false],
    ['a 403 in some other envelope', 'huawei-aksk', 200, 403, '<html>Forbidden</html>', false, true],
    ['an ordinary 400', 'huawei-aksk', 200, 400, '{"error_code":"DCS.4957","error_msg":"task state"}', true, false],
  ])('%s', (_, signer, expectedStatus, status, bodyText, documented, refused) => {
    const found = authFinding({ operation: listClients, expectedStatus, status, bodyText, documentedBody: () => documented, signer });
    expect(found?.rule).toBe(refused ? 'auth' : undefined);
  });

  it('hints at what to check for the scheme used', () => {
    const found = authFinding({
      operation: listClients,
      expectedStatus: 200,
      status: 401,
      bodyText: '',
      documentedBody: () => true,
      signer: 'huawei-token',
    });
    expect(found).toMatchInlineSnapshot(`
      {
        "actual": "401",
        "expected": "200",
        "message": "authentication failed (401): check HUAWEI_AUTH_TOKEN: tokens expire after 24 hours and must be scoped to the project of the request",
        "pointer": "",
        "rule": "auth",
        "severity": "error",
      }
    `);
  });
});
