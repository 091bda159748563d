import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const DeleteAppRequest = idRequest('DeleteAppRequest', 'App id, from apps getList.');

export const DeleteAppResponse = idResponse('DeleteAppResponse', 'Id of the app.');

export const appsDelete = defineOperation({
  operationId: 'appsDelete',
  method: 'post',
  path: '/api/v2/apps/delete',
  summary: 'Delete an app',
  description: 'Deletes a Data Forest app. A running app is refused: stop it first.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-delete`,
  safety: 'destructive',
  request: { body: DeleteAppRequest },
  responses: {
    200: {
      description: 'The outcome: success true once the app is deleted, false with a message when it is refused (an app that still runs).',
      body: DeleteAppResponse,
    },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Delete a stopped app',
      request: { body: { id: 'ZffwRck6HIsdNq8Mw7N55c' } },
      response: { status: 200, body: { success: true, message: 'success', id: 'ZffwRck6HIsdNq8Mw7N55c' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAppRequest>\n    <id>string</id>\n</DeleteAppRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAppResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</DeleteAppResponse>',
      },
    },
    {
      name: 'app-running',
      summary: 'The app still runs',
      request: { body: { id: 'ZkyGjtbnFh7eZxH69u3uut' } },
      response: {
        status: 200,
        body: { success: false, message: 'App api-app-test is RUNNING', id: 'ZkyGjtbnFh7eZxH69u3uut' },
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'ZU0bnYbeokqeKVwdus92nH' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    "The old page's error example for a running app ({success: false, message, id}) gives no HTTP status and carries an id, which the ErrorResponse body has not; it is the DeleteAppResponse shape, so it is modelled as a 200 answer with success false. Its id also differs from the request's; the example uses one id for both.",
    'The new response example was not reached; the default example is the old one ({success, message "success", id}), which matches the field table.',
  ],
});
