import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, ResourceId } from '../common.ts';
import { AccountQuotaNamespace } from './get-detail.ts';

export const SetAccountQuotaRequest = z
  .object({
    id: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    namespace: AccountQuotaNamespace,
    fileCountMillion: z.int32().min(1).max(5).meta({ description: 'Maximum number of files, in millions (1-5; default 1).' }),
    spaceTb: z
      .int32()
      .min(200)
      .max(500)
      .multipleOf(100)
      .meta({ description: 'Maximum space in TB: 200-500 in steps of 100 (default 200).' }),
  })
  .meta({ id: 'SetAccountQuotaRequest', xml: { name: 'SetAccountQuotaRequest' } });

export const SetAccountQuotaResponse = idResponse('SetAccountQuotaResponse', 'Id of the account.');

export const accountsSetQuota = defineOperation({
  operationId: 'accountsSetQuota',
  method: 'post',
  path: '/api/v2/accounts/setQuota',
  summary: "Change an account's HDFS quota",
  description:
    'Sets the file-count and space quota of the account in one HDFS namespace. The account shows status CHANGING until the change is applied.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-setquota`,
  safety: 'write',
  request: { body: SetAccountQuotaRequest },
  responses: {
    200: { description: 'The quota change was accepted.', body: SetAccountQuotaResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Set the koya quota to 1 million files and 200 TB',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn', namespace: 'koya', fileCountMillion: 1, spaceTb: 200 } },
      response: { status: 200, body: { success: true, id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { fileCountMillion: 1, id: 'string', namespace: 'koya', spaceTb: 200 },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetAccountQuotaRequest>\n  <fileCountMillion>1</fileCountMillion>\n  <id>string</id>\n  <namespace>koya</namespace>\n  <spaceTb>200</spaceTb>\n</SetAccountQuotaRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetAccountQuotaResponse>\n  <id>string</id>\n  <message>string</message>\n  <success>true</success>\n</SetAccountQuotaResponse>',
      },
    },
  ],
  docNotes: [
    'The new page allows spaceTb only in steps of 100 TB while the Korean old example sends 250; the schema enforces the steps of the newer page.',
    'QuotaResponse (accounts getDetail) types fileCountMillion and spaceTb as String while this request types them Integer and every example sends numbers; the schema expects integers.',
  ],
});
