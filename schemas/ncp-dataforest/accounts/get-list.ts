import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, ncpErrors, ResourceId, resultFields } from '../common.ts';
import { AccountStatus } from './get-detail.ts';

/** One account as the list shows it (the vendor's AccountResponse data type). */
export const AccountSummary = z
  .object({
    id: ResourceId.meta({ description: 'Account id.' }),
    name: z.string().meta({ description: 'Account name.', example: 'df001' }),
    principal: z.string().meta({ description: 'Kerberos principal of the account.', example: 'df001@KR.DF.NAVERNCP.COM' }),
    status: AccountStatus,
    createdAt: DateTime.meta({ description: 'When the account was created.' }),
    disabled: z.boolean().meta({ description: "True when the user has no permission on the account's resources." }),
  })
  .meta({ id: 'AccountSummary' });

/** The request carries nothing, but the old page sends `{}` (an empty root in XML) and the new one requires a Content-Type. */
export const GetAccountListRequest = z.object({}).meta({ id: 'GetAccountListRequest', xml: { name: 'GetAccountListRequest' } });

export const GetAccountListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of accounts.' }),
    contents: z.array(AccountSummary).meta({ description: 'The accounts of the caller.' }),
  })
  .meta({ id: 'GetAccountListResponse', xml: { name: 'GetAccountListResponse' } });

export const accountsGetList = defineOperation({
  operationId: 'accountsGetList',
  method: 'post',
  path: '/api/v2/accounts/getList',
  summary: 'List accounts',
  description:
    'Lists the Data Forest accounts of the caller (at most one per user). The request has no fields, but it must carry a Content-Type header.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-getlist`,
  safety: 'read',
  request: { body: GetAccountListRequest },
  responses: {
    200: { description: 'The accounts.', body: GetAccountListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'One running account',
      request: { body: {} },
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [
            {
              id: 'ArvQ8mZ2cLp4sWd7Tkfn',
              name: 'df001',
              principal: 'df001@KR.DF.NAVERNCP.COM',
              status: 'RUNNING',
              createdAt: '2025-02-20T09:32:55+09:00',
              disabled: false,
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: {},
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAccountListRequest>\n</GetAccountListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [
            {
              createdAt: '2023-04-20T08:06:37.666Z',
              disabled: true,
              id: 'string',
              name: 'string',
              principal: 'string',
              status: 'RUNNING',
            },
          ],
          message: 'string',
          success: true,
          total: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAccountListResponse>\n  <contents>\n    <createdAt>2023-04-20T08:06:37.666Z</createdAt>\n    <disabled>true</disabled>\n    <id>string</id>\n    <name>string</name>\n    <principal>string</principal>\n    <status>RUNNING</status>\n  </contents>\n  <message>string</message>\n  <success>true</success>\n  <total>0</total>\n</GetAccountListResponse>',
      },
    },
  ],
  docNotes: [
    'The new page sends no body at all (but requires Content-Type) while the old page sends {} and an empty <GetAccountListRequest> root; the schema is that empty object, which satisfies both.',
    'The AccountResponse data type names the date field createAt, every JSON and XML example createdAt; the schema uses createdAt.',
    'AccountResponse types disabled as String (and its syntax block leaves it out), every example sends a JSON boolean; the schema expects a boolean.',
    'GetAccountListResponse declares contents as a single AccountResponse, every example sends an array; the schema expects an array.',
    'The field tables mark total, contents and every account field but id optional, yet every example carries them all; the schema requires them.',
    'The JSON and XML body samples carry different createdAt values (08:03:13.690Z vs 08:06:37.666Z), and both say total 0 beside one account (generated placeholders); the schema-sample example uses the XML values in both forms.',
  ],
});
