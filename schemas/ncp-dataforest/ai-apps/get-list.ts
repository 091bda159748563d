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

/** One AI app as the list shows it (the vendor's AiAppResponse data type). */
export const AiAppResponse = z
  .object({
    id: ResourceId.meta({ description: 'AI app id.' }),
    appId: z.string().optional().meta({ description: 'YARN application id.', example: 'application_1705213280123_0352' }),
    name: z.string().optional().meta({ description: 'AI app name (the submit namePrefix plus a suffix).' }),
    accountName: z.string().optional().meta({ description: 'Name of the account that owns the AI app.', example: 'df001' }),
    queueName: z.string().meta({ description: 'YARN queue.', example: 'gpu' }),
    workspaceName: z.string().optional().meta({ description: 'Name of the AI workspace the app runs.' }),
    state: z.string().optional().meta({ description: 'YARN state of the app.', example: 'FINISHED' }),
    finalStatus: z.string().optional().meta({ description: 'YARN final status of the app.', example: 'SUCCEEDED' }),
    startedAt: DateTime.optional().meta({ description: 'When the app was submitted.' }),
    finishedAt: DateTime.optional().meta({ description: 'When the app ended.' }),
    modifiedAt: DateTime.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'AiAppResponse' });

export const GetAiAppListRequest = accountSearchRequest('GetAiAppListRequest');

export const GetAiAppListResponse = z
  .object({
    ...resultFields,
    contents: z.array(AiAppResponse).meta({ description: 'The AI apps of the account.' }),
  })
  .meta({ id: 'GetAiAppListResponse', xml: { name: 'GetAiAppListResponse' } });

export const aiAppsGetList = defineOperation({
  operationId: 'aiAppsGetList',
  method: 'post',
  path: '/api/v2/aiapps/getList',
  summary: 'List the AI apps of an account',
  description: 'Lists every AI app of a Data Forest account with its YARN state and final status.',
  tags: ['AI Apps'],
  docUrl: `${DOCS}/analytics-dataforest-aiapps-getlist`,
  safety: 'read',
  request: { body: GetAiAppListRequest },
  responses: {
    200: { description: 'The AI apps of the account.', body: GetAiAppListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'An account with one finished AI app',
      request: { body: { search: { accountId: '9QDeb59ZeUJwKNqssE66oM' } } },
      response: {
        status: 200,
        body: {
          success: true,
          contents: [
            {
              id: 'cMmEw7HCjVQdcHh3JVOptL',
              appId: 'application_1705213280123_0352',
              name: 'mnist-20241121',
              accountName: 'df001',
              queueName: 'gpu',
              workspaceName: 'mnist',
              state: 'FINISHED',
              finalStatus: 'SUCCEEDED',
              startedAt: '2024-11-21T10:20:04+09:00',
              finishedAt: '2024-11-21T10:41:37+09:00',
              modifiedAt: '2024-11-21T10:41:37+09:00',
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
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetAiAppListRequest> <search> <accountId>string</accountId> </search> </GetAiAppListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [
            {
              accountName: 'string',
              appId: 'string',
              disabled: true,
              finalStatus: 'string',
              finishedAt: '2023-05-17T01:26:31.283Z',
              id: 'string',
              modifiedAt: '2023-05-17T01:26:31.283Z',
              name: 'string',
              queueName: 'gpu',
              startedAt: '2023-05-17T01:26:31.283Z',
              state: 'string',
              workspaceName: 'string',
            },
          ],
          message: 'string',
          success: true,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetAiAppListResponse> <contents> <accountName>string</accountName> <appId>string</appId> <disabled>true</disabled> <finalStatus>string</finalStatus> <finishedAt>2023-05-17T01:26:31.283Z</finishedAt> <id>string</id> <modifiedAt>2023-05-17T01:26:31.283Z</modifiedAt> <name>string</name> <queueName>gpu</queueName> <startedAt>2023-05-17T01:26:31.283Z</startedAt> <state>string</state> <workspaceName>string</workspaceName> </contents> <message>string</message> <success>true</success> </GetAiAppListResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'An account that is not yours',
      outcome: noSuchResource('/body/search/accountId', 'account of the caller'),
      request: { body: { search: { accountId: 'adlZem05uh2coBZJ0SOWge' } } },
      response: { status: 403, body: { error: { message: 'not allowed to access', success: false } } },
    },
  ],
  inputs: [{ target: '/body/search/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    NOT_ALLOWED_DOC_NOTE,
    'Unlike the other list operations the sample has no total; the schema has none either, so a total sent live shows up as an additive (warning) finding.',
    'The sample carries `disabled`, which the AiAppResponse page does not list; it is modelled as an optional boolean.',
    'The AiAppResponse page gives the queue default as "GPU" while the samples send "gpu"; the schema takes any queue name and the examples use gpu.',
    'The JSON and XML body samples carry different generated timestamps (01:25:31.929Z vs 01:26:31.283Z); the schema-sample example uses the XML value in both forms.',
  ],
});
