import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, ncpErrors, resultFields } from '../common.ts';

export const NotebookLoginKey = z
  .object({
    loginKeyName: z.string().meta({ description: 'Login key name, used by notebooks create.', example: 'test-key' }),
    publicKey: z.string().meta({ description: 'Public key in OpenSSH format.' }),
    fingerprint: z.string().meta({ description: 'Fingerprint of the key.' }),
    createdAt: DateTime.meta({ description: 'When the key was created.' }),
  })
  .meta({ id: 'NotebookLoginKey', description: 'An SSH login key a notebook server can be created with.' });

export const GetLoginKeyListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of login keys.' }),
    contents: z.array(NotebookLoginKey).meta({ description: 'The login keys of the caller.' }),
  })
  .meta({ id: 'GetLoginKeyListResponse', xml: { name: 'GetLoginKeyListResponse' } });

export const notebooksGetLoginKeyList = defineOperation({
  operationId: 'notebooksGetLoginKeyList',
  method: 'post',
  path: '/api/v2/notebooks/getLoginKeyList',
  summary: 'List login keys',
  description: 'Lists the SSH login keys of the caller that a notebook server can be created with. The request has no body.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getloginkeylist`,
  safety: 'read',
  request: {},
  responses: {
    200: { description: 'The login keys.', body: GetLoginKeyListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'One login key',
      request: {},
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [
            {
              loginKeyName: 'test-key',
              publicKey:
                'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDbEiF7VfpErJK3U7pntP8j/Ife9hZ9Z5t/dEUVsICfsd0CzVPB/YURsNwnXowsrjS7nJWBnzhHPbHqbfS5P/ni7ntdgNsw3fhY5Rm/Jwvev8O/61KKDWCKNa7ncA6IeCeb3GyHpbOh4rzdVXQ9Pn6UOU8hssSKLhTw89WDUazWM2WAN+eMXZ3T6R1CmZclv7iJbqwIqLkHLFwh0guAt8c5MHCLpsMpWncaZ9wgm4g',
              fingerprint: '3c:8e:51:0a:9f:d2:47:6b:e1:22:05:b4:7a:c9:de:13',
              createdAt: '2023-05-23T10:02:48+09:00',
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The response body sample of the reference page, with its XML',
      request: {},
      response: {
        status: 200,
        body: {
          contents: [{ createdAt: '2023-06-07T06:33:19.001Z', fingerprint: 'string', loginKeyName: 'string', publicKey: 'string' }],
          message: 'string',
          success: true,
          total: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetLoginKeyListResponse>\n    <contents>\n        <createdAt>2023-06-07T06:33:19.001Z</createdAt>\n        <fingerprint>string</fingerprint>\n        <loginKeyName>string</loginKeyName>\n        <publicKey>string</publicKey>\n    </contents>\n    <message>string</message>\n    <success>true</success>\n    <total>0</total>\n</GetLoginKeyListResponse>',
      },
    },
  ],
  docNotes: [
    'The request XML sample is only the comment "XML example cannot be generated; root element name is undefined" and the raw HTTP example sends no body, while the curl sends {}; the operation takes no body.',
    'The JSON and XML body samples carry different createdAt values (06:32:34.258Z vs 06:33:19.001Z); the schema-sample example uses the XML value in both forms.',
    'The realistic example is cut off inside publicKey; the default example keeps the key text up to the cut and completes the fingerprint and date with plausible values.',
  ],
});
