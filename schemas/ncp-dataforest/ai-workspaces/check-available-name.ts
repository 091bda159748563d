import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, NOT_ALLOWED_DOC_NOTE, ncpErrors, noSuchResource, ResourceId, resultFields } from '../common.ts';

/** AI workspace names: up to 15 characters, a lowercase letter first, no "--", no "-" at the end. */
export const AiWorkspaceName = z
  .string()
  .max(15)
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a lowercase letter, then lowercase letters, digits and single hyphens, not at the end')
  .meta({
    description: 'AI workspace name: up to 15 lowercase letters, digits and hyphens; starts with a letter; no "--" and no "-" at the end.',
    example: 'workspace',
  });

export const CheckAiWorkspaceAvailableNameRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    name: AiWorkspaceName,
  })
  .meta({ id: 'CheckAiWorkspaceAvailableNameRequest', xml: { name: 'CheckAiWorkspaceAvailableNameRequest' } });

export const CheckAiWorkspaceAvailableNameResponse = z
  .object({
    ...resultFields,
    availableName: z.boolean().meta({ description: 'Whether the name is valid and not yet used in the account.' }),
  })
  .meta({ id: 'CheckAiWorkspaceAvailableNameResponse', xml: { name: 'CheckAiWorkspaceAvailableNameResponse' } });

export const aiWorkspacesCheckAvailableName = defineOperation({
  operationId: 'aiWorkspacesCheckAvailableName',
  method: 'post',
  path: '/api/v2/aiworkspaces/checkAvailableName',
  summary: 'Check an AI workspace name',
  description:
    'Checks that a name is a valid AI workspace name and is not used by another workspace of the account. An unusable name is not an error: the call succeeds with availableName false.',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-checkavailablename`,
  safety: 'read',
  request: { body: CheckAiWorkspaceAvailableNameRequest },
  responses: {
    200: { description: 'Whether the name can be used.', body: CheckAiWorkspaceAvailableNameResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A free name',
      request: { body: { accountId: 'wWwEh34wOZOgdafhe36lEO', name: 'workspace' } },
      response: { status: 200, body: { success: true, availableName: true } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { accountId: 'string', name: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CheckAiWorkspaceAvailableNameRequest>\n    <accountId>string</accountId>\n    <name>string</name>\n</CheckAiWorkspaceAvailableNameRequest>',
      },
      response: {
        status: 200,
        body: { availableName: true, message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CheckAiWorkspaceAvailableNameResponse>\n    <availableName>true</availableName>\n    <message>string</message>\n    <success>true</success>\n</CheckAiWorkspaceAvailableNameResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'An account that is not yours',
      outcome: noSuchResource('/body/accountId', 'account of the caller'),
      request: { body: { accountId: 'adlZem05uh2coBZJ0SOWge', name: 'workspace' } },
      response: { status: 403, body: { error: { message: 'not allowed to access', success: false } } },
    },
  ],
  inputs: [{ target: '/body/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    NOT_ALLOWED_DOC_NOTE,
    'The name rules differ from the Apps ones (3-15 characters, either end a letter or digit): an AI workspace name must start with a letter and has no documented minimum; the schema follows this page.',
    "No response example of this page was recovered; the default example answers with the documented fields for the request of the page's HTTP example.",
  ],
});
