import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const DeleteNotebookRequest = idRequest('DeleteNotebookRequest', 'Notebook id, from notebooks getList.');

export const DeleteNotebookResponse = idResponse('DeleteNotebookResponse', 'Id of the deleted notebook.');

export const notebooksDelete = defineOperation({
  operationId: 'notebooksDelete',
  method: 'post',
  path: '/api/v2/notebooks/delete',
  summary: 'Delete a notebook',
  description: 'Deletes a notebook and its server.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-delete`,
  safety: 'destructive',
  request: { body: DeleteNotebookRequest },
  responses: {
    200: { description: 'The notebook is being deleted.', body: DeleteNotebookResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Delete a notebook',
      request: { body: { id: '7kHeVWhiRsxdRl0nXz04ri' } },
      response: { status: 200, body: { success: true, id: '7kHeVWhiRsxdRl0nXz04ri' } },
    },
    {
      name: 'schema-sample',
      summary: 'The request body sample of the reference page, with its XML (the page has no response sample)',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteNotebookRequest>\n    <id>string</id>\n</DeleteNotebookRequest>',
      },
      response: { status: 200, body: { id: 'string', message: 'string', success: true } },
    },
    {
      name: 'no-such-notebook',
      summary: 'The notebook does not exist',
      outcome: noSuchResource('/body/id', 'notebook'),
      request: { body: { id: 'Gm5kPw7rTz3nVb9qXs1dLf' } },
      response: { status: 404, body: { message: 'no such element', success: false } },
    },
  ],
  docNotes: [
    'No copy of the page has a response schema or XML sample; the response follows the realistic example ({success, id}), its XML root DeleteNotebookResponse follows the request root, and the schema-sample response is written like the restart sample.',
    'This page answers an unknown notebook with 404 "no such element" while notebooks restart answers 403 "resource (…) is not allowed or not exists"; both statuses are documented for every operation, and each page keeps its own example.',
    "The page gives the 404 without its request; the example names an id of no notebook (not the default example's, which a server answers 200), so a live run, which sends a fresh id there, reproduces it on any account.",
  ],
});
