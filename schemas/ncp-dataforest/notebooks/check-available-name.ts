import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

/** Notebook names: 3-15 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit. */
export const NotebookName = z
  .string()
  .min(3)
  .max(15)
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'lowercase letters, digits and hyphens; starts with a letter, ends with a letter or digit')
  .meta({
    description: 'Notebook name: 3-15 lowercase letters, digits and hyphens; starts with a letter and ends with a letter or digit.',
    example: 'df-notebook',
  });

export const CheckNotebookAvailableNameRequest = z
  .object({ name: NotebookName })
  .meta({ id: 'CheckNotebookAvailableNameRequest', xml: { name: 'CheckNotebookAvailableNameRequest' } });

export const CheckNotebookAvailableNameResponse = z
  .object({
    ...resultFields,
    availableName: z.boolean().meta({ description: 'Whether the name is valid and not used by another notebook.' }),
  })
  .meta({ id: 'CheckNotebookAvailableNameResponse', xml: { name: 'CheckNotebookAvailableNameResponse' } });

export const notebooksCheckAvailableName = defineOperation({
  operationId: 'notebooksCheckAvailableName',
  method: 'post',
  path: '/api/v2/notebooks/checkAvailableName',
  summary: 'Check a notebook name',
  description:
    'Checks that a name is a valid notebook name and is not taken. An unusable name is not an error: the call succeeds with availableName false and a message saying why.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-checkavailablename`,
  safety: 'read',
  request: { body: CheckNotebookAvailableNameRequest },
  responses: {
    200: { description: 'Whether the name can be used.', body: CheckNotebookAvailableNameResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A free name',
      request: { body: { name: 'df-test' } },
      response: { status: 200, body: { success: true, availableName: true } },
    },
    {
      name: 'name-taken',
      summary: 'A name another notebook already has',
      request: { body: { name: 'df-notebook' } },
      response: {
        status: 200,
        body: { success: true, message: "'df-notebook' is not registrable name. already registered.", availableName: false },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { name: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CheckNotebookAvailableNameRequest>\n  <name>string</name>\n</CheckNotebookAvailableNameRequest>',
      },
      response: {
        status: 200,
        body: { availableName: false, message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CheckNotebookAvailableNameResponse>\n    <availableName>false</availableName>\n    <message>string</message>\n    <success>true</success>\n</CheckNotebookAvailableNameResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'The caller may not check notebook names',
      outcome: {
        from: 'state',
        why: "the caller's permissions (a name check names no resource that could be missing)",
      },
      request: { body: { name: 'string' } },
      response: { status: 403, body: { message: "resource ('string') is not allowed or not exists", success: false } },
    },
  ],
  docNotes: [
    'This page gives only the 3-15 character length; the character rule (lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit) comes from notebooks create and is enforced here too, since a name that breaks it cannot be created.',
    'The "already registered" example answers for df-notebook after a request for df-test; the name-taken example pairs the message with a request for df-notebook.',
    "The page documents a 403 \"resource ('string') is not allowed or not exists\" for a call that names no resource; it is kept as documented, as the not-allowed example. Its request is the 200 sample's, so it cannot follow from the request: it is read as the answer to a caller without permission for notebooks (the account's state), which a live run skips.",
  ],
});
