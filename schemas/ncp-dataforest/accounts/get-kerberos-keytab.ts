import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, ncpErrors } from '../common.ts';

export const GetAccountKerberosKeytabRequest = idRequest('GetAccountKerberosKeytabRequest', 'Account id, from accounts getList.');

/** The keytab file itself; the examples hold a readable stand-in for its bytes. */
export const AccountKerberosKeytab = z
  .string()
  .meta({ description: 'The Kerberos keytab file of the account, named {accountName}.keytab.', format: 'binary' });

export const accountsGetKerberosKeytab = defineOperation({
  operationId: 'accountsGetKerberosKeytab',
  method: 'post',
  path: '/api/v2/accounts/getKerberosKeytab',
  summary: "Download an account's Kerberos keytab",
  description:
    'Returns the Kerberos keytab file ({accountName}.keytab) the account authenticates with. The request must send Accept: application/octet-stream; the body is the file, not JSON or XML.',
  tags: ['Accounts'],
  docUrl: `${DOCS}/analytics-dataforest-accounts-getkerberoskeytab`,
  safety: 'read',
  request: { body: GetAccountKerberosKeytabRequest },
  responses: {
    200: { description: 'The keytab file.', contentType: 'application/octet-stream', body: AccountKerberosKeytab },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Download the keytab of an account',
      request: { body: { id: 'ArvQ8mZ2cLp4sWd7Tkfn' } },
      response: { status: 200, body: '(binary keytab file df001.keytab)' },
    },
    {
      name: 'schema-sample',
      summary: 'The request body sample of the reference page, with its XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAccountKerberosKeytabRequest>\n    <id>string</id>\n</GetAccountKerberosKeytabRequest>',
      },
      response: { status: 200, body: '(binary keytab file string.keytab)' },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The old page documents the response body as the JSON {} and gives no XML, then says the response is a file to download; the new page says the same file comes back as application/octet-stream. The response is modelled as the file.',
  ],
});
