import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors } from '../common.ts';
import { AccountName } from './check-available-name.ts';

/**
 * 8-20 characters with at least one letter, one digit and one other character. The pages forbid `₩` (ko, en) or
 * `¥` (ja): both are how Korean and Japanese fonts draw the backslash code point, so the backslash is forbidden too.
 */
export const AccountPassword = z
  .string()
  .min(8)
  .max(20)
  .regex(/[A-Za-z]/, 'at least one letter')
  .regex(/[0-9]/, 'at least one digit')
  .regex(/[^A-Za-z0-9]/, 'at least one special character')
  .regex(/^[^'"\\/&`\s₩¥]*$/, 'none of \' " \\ / & ` or whitespace')
  .meta({
    description:
      'Password: 8-20 characters with at least one letter, one digit and one special character; \' " \\ (₩, ¥) / & ` and spaces are not allowed.',
    example: 'Forest#2025',
  });

export const CreateAccountRequest = z
  .object({ name: AccountName, password: AccountPassword })
  .meta({ id: 'CreateAccountRequest', xml: { name: 'CreateAccountRequest' } });

export const CreateAccountResponse = idResponse('CreateAccountResponse', 'Id of the new account.');

export const accountsCreate = defineOperation({
  operationId: 'accountsCreate',
  method: 'post',
  path: '/api/v2/accounts/create',
  summary: 'Create an account',
  description:
    'Creates the Data Forest account of the caller, with its Kerberos principal and default HDFS quotas. A user can have only one account; check the name with accounts checkAvailableName first.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-create`,
  safety: 'write',
  request: { body: CreateAccountRequest },
  responses: {
    200: { description: 'The account is being created (status ACCEPTED).', body: CreateAccountResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Create an account',
      request: { body: { name: 'df001', password: 'Forest#2025' } },
      response: { status: 200, body: { success: true, id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
    },
    {
      name: 'schema-sample',
      summary: 'The response body sample of the reference page, with its XML (see the doc notes for the request)',
      request: { body: { name: 'string', password: 'string#00' } },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<CreateAccountResponse>\n  <id>string</id>\n  <message>string</message>\n  <success>true</success>\n</CreateAccountResponse>',
      },
    },
    {
      name: 'one-account-per-user',
      summary: 'The caller already has an account',
      outcome: { from: 'state', why: 'the user already has a Data Forest account, and a user may have one' },
      request: { body: { name: 'df002', password: 'Forest#2025' } },
      response: {
        status: 400,
        body: { success: false, message: 'Data Forest can only create and use one account per user.' },
      },
    },
  ],
  docNotes: [
    'The old page asks for an uppercase and a lowercase letter in the password, the new page for any letter; the schema follows the newer, looser rule so it does not refuse passwords the service accepts.',
    'The request body sample (XML <CreateAccountRequest><name>string</name><password>string</password></CreateAccountRequest>) uses the password "string", which breaks the documented 8-20 character rule, so the schema-sample example keeps only the response XML verbatim and its request carries a valid placeholder password.',
    "The old request example's password 8ghmuu8x has no special character and the new example masks it; the default example uses a password that meets the rule.",
    'The old error example (success false, "Data Forest can only create and use one account pe…") is cut off in every copy and shows no HTTP status; the message is completed from the page summary and the status is 400, which the overview gives for an exceeded creation limit.',
  ],
});
