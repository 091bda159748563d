import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, NOT_ALLOWED_DOC_NOTE, ncpErrors, noSuchResource, ResourceId, resultFields } from '../common.ts';

/** App names: 3-15 lowercase letters, digits and single hyphens, starting and ending with a letter or digit. */
export const AppName = z
  .string()
  .min(3)
  .max(15)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens, not at either end')
  .meta({
    description: 'App name: 3-15 lowercase letters, digits and hyphens; starts and ends with a letter or digit; no "--".',
    example: 'dev24x7',
  });

export const CheckAppAvailableNameRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    name: AppName,
  })
  .meta({ id: 'CheckAppAvailableNameRequest', xml: { name: 'CheckAppAvailableNameRequest' } });

export const CheckAppAvailableNameResponse = z
  .object({
    ...resultFields,
    availableName: z.boolean().meta({ description: 'Whether the name is valid and not yet used in the account.' }),
  })
  .meta({ id: 'CheckAppAvailableNameResponse', xml: { name: 'CheckAppAvailableNameResponse' } });

export const appsCheckAvailableName = defineOperation({
  operationId: 'appsCheckAvailableName',
  method: 'post',
  path: '/api/v2/apps/checkAvailableName',
  summary: 'Check an app name',
  description:
    'Checks that a name is a valid app name and is not used by another app of the account. An unusable name is not an error: the call succeeds with availableName false.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-checkavailablename`,
  safety: 'read',
  request: { body: CheckAppAvailableNameRequest },
  responses: {
    200: { description: 'Whether the name can be used.', body: CheckAppAvailableNameResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A free name',
      request: { body: { accountId: 'ArvQ8mZ2cLp4sWd7Tkfn', name: 'dev24x7' } },
      response: { status: 200, body: { success: true, availableName: true } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { accountId: 'string', name: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <CheckAppAvailableNameRequest> <accountId>string</accountId> <name>string</name> </CheckAppAvailableNameRequest>',
      },
      response: {
        status: 200,
        body: { availableName: false, message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <CheckAppAvailableNameResponse> <availableName>false</availableName> <message>string</message> <success>true</success> </CheckAppAvailableNameResponse>',
      },
    },
    {
      name: 'not-allowed',
      summary: 'An account that is not yours',
      outcome: noSuchResource('/body/accountId', 'account of the caller'),
      request: { body: { accountId: 'adlZem05uh2coBZJ0SOWge', name: 'dev24x7' } },
      response: { status: 403, body: { error: { message: 'not allowed to access', success: false } } },
    },
  ],
  inputs: [{ target: '/body/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    NOT_ALLOWED_DOC_NOTE,
    'The old page answers a free name with message "success" while the new page says message is only sent when success or availableName is false; message is optional.',
    'The Accounts name check types availableName as String, this page as Boolean and every sample sends a boolean; the schema expects a boolean.',
  ],
});
