import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const RestartNotebookRequest = idRequest('RestartNotebookRequest', 'Notebook id, from notebooks getList.');

export const RestartNotebookResponse = idResponse('RestartNotebookResponse', 'Id of the restarted notebook.');

export const notebooksRestart = defineOperation({
  operationId: 'notebooksRestart',
  method: 'post',
  path: '/api/v2/notebooks/restart',
  summary: 'Restart a notebook',
  description:
    'Restarts the server of a notebook. Running kernels and open sessions end; the notebook, its storage and its settings are kept.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-restart`,
  // A restart interrupts work in progress but removes nothing, like a stop/start pair: a write, not destructive.
  safety: 'write',
  request: { body: RestartNotebookRequest },
  responses: {
    200: { description: 'The restart was accepted.', body: RestartNotebookResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Restart a notebook',
      request: { body: { id: '7kHeVWhiRsxdRl0nXz04ri' } },
      response: { status: 200, body: { success: true, id: '7kHeVWhiRsxdRl0nXz04ri' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<RestartNotebookRequest>\n  <id>string</id>\n</RestartNotebookRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<RestartNotebookResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</RestartNotebookResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'A notebook that does not exist or is not yours',
      outcome: noSuchResource('/body/id', 'notebook of the caller'),
      request: { body: { id: 'Nq4tRz8vWb2xLk6pHd0sYc' } },
      response: { status: 403, body: { message: "resource ('Nq4tRz8vWb2xLk6pHd0sYc') is not allowed or not exists", success: false } },
    },
  ],
  docNotes: [
    'This page answers an unknown or foreign notebook with 403 "resource (…) is not allowed or not exists" while notebooks delete answers 404 "no such element"; both statuses are documented for every operation, and each page keeps its own example.',
    "The page's 403 names the placeholder id 'string', the id its 200 sample restarts; a server gives one answer to one request, so the example sends an id of no notebook and its message names that id, as the gateway's message names the id it refused (accounts getDetail). A live run sends a fresh id there.",
  ],
});
