import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, ncpErrors, ResourceId, resultFields } from '../common.ts';

export const CheckAccountHasResourceRequest = idRequest('CheckAccountHasResourceRequest', 'Account id, from accounts getList.');

export const CheckAccountHasResourceResponse = z
  .object({
    ...resultFields,
    id: ResourceId.optional().meta({ description: 'Account id; only the XML sample carries it.' }),
    hasResource: z.boolean().meta({ description: 'Whether the account still owns resources (apps, notebooks, workspaces…).' }),
  })
  .meta({ id: 'CheckAccountHasResourceResponse', xml: { name: 'CheckAccountHasResourceResponse' } });

export const accountsCheckHasResource = defineOperation({
  operationId: 'accountsCheckHasResource',
  method: 'post',
  path: '/api/v2/accounts/checkHasResource',
  summary: 'Check whether an account owns resources',
  description: 'Tells whether resources created under the account still exist; call it before accounts delete.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-checkhasresource`,
  safety: 'read',
  request: { body: CheckAccountHasResourceRequest },
  responses: {
    200: { description: 'Whether the account owns resources.', body: CheckAccountHasResourceResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'An account that still owns resources',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
      response: { status: 200, body: { success: true, hasResource: true } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <CheckAccountHasResourceRequest> <id>string</id> </CheckAccountHasResourceRequest>',
      },
      response: {
        status: 200,
        body: { success: true, message: 'success', id: 'string', hasResource: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <CheckAccountHasResourceResponse> <success>true</success> <message>success</message> <id>string</id> <hasResource>true</hasResource> </CheckAccountHasResourceResponse>',
      },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The old XML sample carries <id> and <message>success</message>, which neither the JSON sample nor the field table has; the schema accepts both as optional and the schema-sample example follows the XML.',
    'The response table marks hasResource optional, but it is the answer of the check and every example carries it; the schema requires it.',
  ],
});
