import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors } from '../common.ts';

export const DeleteAccountRequest = idRequest('DeleteAccountRequest', 'Account id, from accounts getList.');

export const DeleteAccountResponse = idResponse('DeleteAccountResponse', 'Id of the deleted account.');

export const accountsDelete = defineOperation({
  operationId: 'accountsDelete',
  method: 'post',
  path: '/api/v2/accounts/delete',
  summary: 'Delete an account',
  description:
    'Deletes a Data Forest account. Check with accounts checkHasResource first that no app, notebook or workspace is left under it.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-delete`,
  safety: 'destructive',
  request: { body: DeleteAccountRequest },
  responses: {
    200: { description: 'The account was deleted.', body: DeleteAccountResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Delete an account',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
      response: { status: 200, body: { success: true, id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAccountRequest>\n  <id>string</id>\n</DeleteAccountRequest>',
      },
      response: {
        status: 200,
        body: { success: true, message: 'success', id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAccountResponse>\n  <success>true</success>\n  <message>success</message>\n  <id>string</id>\n</DeleteAccountResponse>',
      },
    },
  ],
  docNotes: [
    'The old sample answers a success with message "success" while the new page sends message only when success is false; message is optional.',
    'The response of the new page is cut off in every copy after message; the schema keeps the id of the old sample, as every other account mutation returns it.',
  ],
});
