import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors } from '../common.ts';

export const ResetAccountKerberosKeytabRequest = idRequest('ResetAccountKerberosKeytabRequest', 'Account id, from accounts getList.');

export const ResetAccountKerberosKeytabResponse = idResponse('ResetAccountKerberosKeytabResponse', 'Id of the account.');

export const accountsResetKerberosKeytab = defineOperation({
  operationId: 'accountsResetKerberosKeytab',
  method: 'post',
  path: '/api/v2/accounts/resetKerberosKeytab',
  summary: "Reset an account's Kerberos keytab",
  description:
    'Issues a new Kerberos keytab for the account; the previous keytab stops working, so download the new one with accounts getKerberosKeytab.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-resetkerberoskeytab`,
  safety: 'write',
  request: { body: ResetAccountKerberosKeytabRequest },
  responses: {
    200: { description: 'The keytab was reset.', body: ResetAccountKerberosKeytabResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Reset the keytab of an account',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
      response: { status: 200, body: { success: true, id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <ResetAccountKerberosKeytabRequest> <id>string</id> </ResetAccountKerberosKeytabRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <ResetAccountKerberosKeytabResponse> <id>string</id> <message>string</message> <success>true</success> </ResetAccountKerberosKeytabResponse>',
      },
    },
    {
      name: 'missing-id',
      summary: 'A request without an account id (no body is sent, since the schema cannot hold the invalid one)',
      outcome: { from: 'request', why: 'the required id is left out' },
      request: {},
      response: {
        status: 400,
        body: { message: 'invalid request parameter (constraint violation NotEmpty, id): ', success: false },
      },
    },
  ],
  docNotes: [
    'The error example shows the real message format, "invalid request parameter (constraint violation <Constraint>, <field>): ", under the status text "invalid request parameters"; the example keeps the message verbatim.',
  ],
});
