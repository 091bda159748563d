import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import {
  accountSearchRequest,
  DateTime,
  DOCS,
  NOT_ALLOWED_DOC_NOTE,
  ncpErrors,
  noSuchResource,
  ResourceId,
  resultFields,
} from '../common.ts';

/** One app as lists show it (the vendor's AppResponse data type). */
export const AppResponse = z
  .object({
    id: ResourceId.meta({ description: 'App id.' }),
    name: z.string().meta({ description: 'App name.', example: 'app001' }),
    state: z.string().meta({ description: 'YARN state of the app.', example: 'RUNNING' }),
    queueName: z.string().meta({ description: 'YARN queue the app runs in.', example: 'longlived' }),
    accountId: ResourceId.meta({ description: 'Id of the account that owns the app.' }),
    accountName: z.string().optional().meta({ description: 'Name of the account that owns the app.', example: 'df001' }),
    startedAt: DateTime.optional().meta({ description: 'When the app was created.' }),
    finishedAt: DateTime.optional().meta({ description: 'When the app ended; absent while it runs.' }),
    lifetimeMillis: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Lifetime of the app. Named milliseconds, but the documented values are seconds (604800 = 7 days).' }),
    disabled: z.boolean().optional().meta({ description: 'Whether the app is disabled.' }),
  })
  .meta({ id: 'AppResponse' });

export const GetAppListRequest = accountSearchRequest('GetAppListRequest');

export const GetAppListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of apps.' }),
    contents: z.array(AppResponse).meta({ description: 'The apps of the account.' }),
  })
  .meta({ id: 'GetAppListResponse', xml: { name: 'GetAppListResponse' } });

/** Doc contradictions of AppResponse, shared with getAppBasicSetting (its dependable-app candidates). */
export const APP_RESPONSE_DOC_NOTES: string[] = [
  'AppResponse documents lifetimeMillis as milliseconds but every example sends 604800, which is 7 days in seconds; the schema takes an integer and the description warns about the unit.',
  "Every example carries `disabled`, which the AppResponse page does not list, and the page's syntax block lists a `startName` that no table or example has; disabled is modelled as an optional boolean and startName is left out as a typo.",
];

export const appsGetList = defineOperation({
  operationId: 'appsGetList',
  method: 'post',
  path: '/api/v2/apps/getList',
  summary: 'List the apps of an account',
  description: 'Lists every app of a Data Forest account with its state and lifetime.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-getlist`,
  safety: 'read',
  request: { body: GetAppListRequest },
  responses: {
    200: { description: 'The apps of the account.', body: GetAppListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'An account with one running app',
      request: { body: { search: { accountId: 'x4hFQJ88q0be79VRB2eK7c' } } },
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [
            {
              id: 'Tb2ziexhg0FcWx5eGUAm9q',
              name: 'app001',
              state: 'RUNNING',
              queueName: 'longlived',
              accountId: 'x4hFQJ88q0be79VRB2eK7c',
              accountName: 'df001',
              startedAt: '2025-02-25T15:49:07+09:00',
              lifetimeMillis: 604800,
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
        body: { search: { accountId: 'string' } },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppListRequest>\n    <search>\n        <accountId>string</accountId>\n    </search>\n</GetAppListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [
            {
              accountId: 'string',
              accountName: 'string',
              disabled: true,
              finishedAt: '2023-05-08T02:10:31.195Z',
              id: 'string',
              lifetimeMillis: 0,
              name: 'string',
              queueName: 'longlived',
              startedAt: '2023-05-08T02:10:31.195Z',
              state: 'string',
            },
          ],
          message: 'string',
          success: true,
          total: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetAppListResponse> <contents> <accountId>string</accountId> <accountName>string</accountName> <disabled>true</disabled> <finishedAt>2023-05-08T02:10:31.195Z</finishedAt> <id>string</id> <lifetimeMillis>0</lifetimeMillis> <name>string</name> <queueName>longlived</queueName> <startedAt>2023-05-08T02:10:31.195Z</startedAt> <state>string</state> </contents> <message>string</message> <success>true</success> <total>0</total> </GetAppListResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'An account that is not yours',
      outcome: noSuchResource('/body/search/accountId', 'account of the caller'),
      request: { body: { search: { accountId: 'diYqhQTq8C2csiy0neW2Jq' } } },
      response: { status: 403, body: { error: { message: 'not allowed to access', success: false } } },
    },
  ],
  inputs: [{ target: '/body/search/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    NOT_ALLOWED_DOC_NOTE,
    'GetAppListResponse types contents as a single AppResponse, every example sends an array; the schema expects an array.',
    ...APP_RESPONSE_DOC_NOTES,
    'The JSON and XML body samples carry different generated timestamps (02:10:17.223Z vs 02:10:31.195Z); the schema-sample example uses the XML value in both forms.',
  ],
});
