import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const StopAppRequest = idRequest('StopAppRequest', 'App id, from apps getList.');

export const StopAppResponse = idResponse('StopAppResponse', 'Id of the app.');

export const appsStop = defineOperation({
  operationId: 'appsStop',
  method: 'post',
  path: '/api/v2/apps/stop',
  summary: 'Stop an app',
  description: 'Stops a running Data Forest app; apps start starts it again.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-stop`,
  safety: 'write',
  request: { body: StopAppRequest },
  responses: {
    200: { description: 'The stop was accepted.', body: StopAppResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Stop a running app',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
      response: { status: 200, body: { success: true, id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<StopAppRequest>\n    <id>string</id>\n</StopAppRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<StopAppResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</StopAppResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'A4LI7d5mRn1f6M2HxZAEE2' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
});
