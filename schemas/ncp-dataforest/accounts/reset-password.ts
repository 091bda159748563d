import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, ResourceId } from '../common.ts';
import { AccountPassword } from './create.ts';

export const ResetAccountPasswordRequest = z
  .object({
    id: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    password: AccountPassword,
  })
  .meta({ id: 'ResetAccountPasswordRequest', xml: { name: 'ResetAccountPasswordRequest' } });

export const ResetAccountPasswordResponse = idResponse('ResetAccountPasswordResponse', 'Id of the account.');

export const accountsResetPassword = defineOperation({
  operationId: 'accountsResetPassword',
  method: 'post',
  path: '/api/v2/accounts/resetPassword',
  summary: "Reset an account's password",
  description: 'Replaces the password of a Data Forest account.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-resetpassword`,
  safety: 'write',
  request: { body: ResetAccountPasswordRequest },
  responses: {
    200: { description: 'The password was changed.', body: ResetAccountPasswordResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Set a new password',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn', password: 'Grove%2025' } },
      response: { status: 200, body: { success: true, id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
    },
    {
      name: 'schema-sample',
      summary: 'The response body sample of the reference page, with its XML (see the doc notes for the request)',
      request: { body: { id: 'string', password: 'string#00' } },
      response: {
        status: 200,
        body: { id: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<ResetAccountPasswordResponse>\n  <id>string</id>\n  <success>true</success>\n</ResetAccountPasswordResponse>',
      },
    },
  ],
  docNotes: [
    'The old page asks for an uppercase and a lowercase letter in the password, the new page for any letter; the schema follows the newer, looser rule so it does not refuse passwords the service accepts.',
    'The request body sample (XML <ResetAccountPasswordRequest><id>string</id><password>string</password></ResetAccountPasswordRequest>) uses the password "string", which breaks the documented 8-20 character rule, so the schema-sample example keeps only the response XML verbatim and its request carries a valid placeholder password.',
    'The old response sample has no message while the new table lists one (sent when success is false); message is optional.',
  ],
});
