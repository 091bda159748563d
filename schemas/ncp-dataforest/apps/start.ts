import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const StartAppRequest = idRequest('StartAppRequest', 'App id, from apps getList.');

export const StartAppResponse = idResponse('StartAppResponse', 'Id of the app.');

export const appsStart = defineOperation({
  operationId: 'appsStart',
  method: 'post',
  path: '/api/v2/apps/start',
  summary: 'Start an app',
  description: 'Starts a stopped Data Forest app.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-start`,
  safety: 'write',
  request: { body: StartAppRequest },
  responses: {
    200: { description: 'The start was accepted.', body: StartAppResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Start a stopped app',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
      response: { status: 200, body: { success: true, id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<StartAppRequest>\n    <id>string</id>\n</StartAppRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<StartAppResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</StartAppResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'aRpkRmQQfZIel1y4hi8us5' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The old JSON request sample is {"name": "string"} while the parameter table and the XML sample send id; the schema takes id, and the schema-sample JSON says what the XML says.',
    'The old example answers with another app id than the one it starts; the default example answers with the same id.',
  ],
});
