import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const DeleteAiWorkspaceRequest = idRequest('DeleteAiWorkspaceRequest', 'AI workspace id, from aiworkspaces getList.');

export const DeleteAiWorkspaceResponse = idResponse('DeleteAiWorkspaceResponse', 'Id of the deleted AI workspace.');

export const aiWorkspacesDelete = defineOperation({
  operationId: 'aiWorkspacesDelete',
  method: 'post',
  path: '/api/v2/aiworkspaces/delete',
  summary: 'Delete an AI workspace',
  description: 'Deletes an AI workspace and its saved configurations.',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-delete`,
  safety: 'destructive',
  request: { body: DeleteAiWorkspaceRequest },
  responses: {
    200: { description: 'The AI workspace was deleted.', body: DeleteAiWorkspaceResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Delete a workspace',
      request: { body: { id: '5R4q4qDy7AafDHz9IeTIfu' } },
      response: { status: 200, body: { success: true, id: '5R4q4qDy7AafDHz9IeTIfu' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAiWorkspaceRequest>\n    <id>string</id>\n</DeleteAiWorkspaceRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteAiWorkspaceResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</DeleteAiWorkspaceResponse>',
      },
    },
    {
      name: 'no-such-workspace',
      summary: 'The AI workspace does not exist',
      outcome: noSuchResource('/body/id', 'AI workspace'),
      request: { body: { id: 'Zq1XyJ4kPo8LmN2bVc7RtS' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: ['The example answers without message where the Apps examples send message "success"; message is optional, so both pass.'],
});
