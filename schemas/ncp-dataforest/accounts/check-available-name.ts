import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

/** Account names: 2-16 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export const AccountName = z
  .string()
  .min(2)
  .max(16)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and hyphens, not at either end')
  .meta({
    description: 'Account name: 2-16 lowercase letters, digits and hyphens; starts and ends with a letter or digit.',
    example: 'df001',
  });

export const CheckAccountAvailableNameRequest = z
  .object({ name: AccountName })
  .meta({ id: 'CheckAccountAvailableNameRequest', xml: { name: 'CheckAccountAvailableNameRequest' } });

export const CheckAccountAvailableNameResponse = z
  .object({
    ...resultFields,
    availableName: z.boolean().meta({ description: 'Whether the name is valid and not taken.' }),
  })
  .meta({ id: 'CheckAccountAvailableNameResponse', xml: { name: 'CheckAccountAvailableNameResponse' } });

export const accountsCheckAvailableName = defineOperation({
  operationId: 'accountsCheckAvailableName',
  method: 'post',
  path: '/api/v2/accounts/checkAvailableName',
  summary: 'Check an account name',
  description:
    'Checks that a name is a valid Data Forest account name and is not taken yet. An unusable name is not an error: the call succeeds with availableName false and a message saying why.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-checkavailablename`,
  safety: 'read',
  request: { body: CheckAccountAvailableNameRequest },
  responses: {
    200: { description: 'Whether the name can be used.', body: CheckAccountAvailableNameResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A free name',
      request: { body: { name: 'forest001' } },
      response: { status: 200, body: { success: true, availableName: true } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { name: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CheckAccountAvailableNameRequest>\n  <name>string</name>\n</CheckAccountAvailableNameRequest>',
      },
      response: {
        status: 200,
        body: { success: true, message: '', availableName: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n  <CheckAccountAvailableNameResponse>\n      <success>true</success>\n      <message/>\n      <availableName>true</availableName>\n  </CheckAccountAvailableNameResponse>',
      },
    },
  ],
  docNotes: [
    'The response table of the new page (en, ko, ja) types availableName as String, but every example of both generations sends a JSON boolean and the Apps name check types it Boolean; the schema expects a boolean.',
    'The response table marks availableName optional, but it is the answer of the check and every example carries it; the schema requires it.',
    'The old JSON sample has no message while its XML twin has an empty <message/>; the schema-sample example follows the XML (message "") and message stays optional.',
    'The old page allows any mix of lowercase letters, digits and hyphens; the new page adds that the name starts and ends with a letter or digit. The schema enforces the newer, stricter rule.',
  ],
});
