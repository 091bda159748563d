import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const KillAiAppRequest = idRequest('KillAiAppRequest', 'AI app id, from aiapps getList.');

export const KillAiAppResponse = idResponse('KillAiAppResponse', 'Id of the AI app.');

export const aiAppsKill = defineOperation({
  operationId: 'aiAppsKill',
  method: 'post',
  path: '/api/v2/aiapps/kill',
  summary: 'Stop an AI app',
  description: 'Terminates a running AI app at once.',
  tags: ['AI Apps'],
  docUrl: `${DOCS}/analytics-dataforest-aiapps-kill`,
  safety: 'destructive',
  request: { body: KillAiAppRequest },
  responses: {
    200: { description: 'The kill was accepted.', body: KillAiAppResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Kill a running AI app',
      request: { body: { id: 'cMmEw7HCjVQdcHh3JVOptL' } },
      response: { status: 200, body: { success: true, message: 'success', id: 'cMmEw7HCjVQdcHh3JVOptL' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAiAppRequest>\n    <id>string</id>\n</KillAiAppRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAiAppResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</KillAiAppResponse>',
      },
    },
    {
      name: 'no-such-ai-app',
      summary: 'The AI app does not exist',
      outcome: noSuchResource('/body/id', 'AI app'),
      request: { body: { id: 'Wm3XbT8qRk1YzP5nLc0VdA' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
});
