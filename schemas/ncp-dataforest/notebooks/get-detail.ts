import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, ncpErrors, resultFields } from '../common.ts';
import { notebookFields } from './get-list.ts';
import { userConfigurationFields } from './set-user-configuration-list.ts';

export const NotebookAdditionalStorage = z
  .object({
    storageGB: z.number().int().meta({ description: 'Size of the extra block storage, in GB.', example: 100 }),
    storageType: z.string().meta({ description: 'Disk type: SSD or HDD.', example: 'SSD' }),
  })
  .meta({ id: 'NotebookAdditionalStorage', description: 'Block storage attached to the notebook besides its boot disk.' });

export const NotebookUserConfiguration = z
  .object({
    ...userConfigurationFields,
    description: z.string().optional().meta({ description: 'What the setting is for.' }),
    isMasking: z.boolean().meta({ description: 'Whether the value is a secret shown masked.' }),
    regularExpression: z.string().optional().meta({ description: 'Pattern the value must match.', example: '^[a-zA-Z][a-zA-Z0-9]{1,7}$' }),
    regexpDescription: z.string().optional().meta({ description: 'The pattern in words.' }),
  })
  .meta({ id: 'NotebookUserConfiguration', description: 'A user setting of a notebook, with how its value is checked.' });

export const GetNotebookDetailRequest = idRequest('GetNotebookDetailRequest', 'Notebook id, from notebooks getList.');

export const GetNotebookDetailResponse = z
  .object({
    ...resultFields,
    ...notebookFields,
    domain: z.string().optional().meta({ description: 'Domain the notebook is reached at, once it runs.' }),
    sshAccount: z.string().optional().meta({ description: 'User name for SSH access to the notebook server.' }),
    loginKeyName: z
      .string()
      .meta({ description: 'Login key of the notebook server, from notebooks getLoginKeyList.', example: 'test-key' }),
    acgName: z.string().optional().meta({ description: 'Access control group of the notebook server.' }),
    acgNo: z.number().int().optional().meta({ description: 'Access control group number.' }),
    additionalStorage: NotebookAdditionalStorage.optional(),
    userConfigurations: z.array(NotebookUserConfiguration).meta({ description: 'The user settings of the notebook.' }),
  })
  .meta({ id: 'GetNotebookDetailResponse', xml: { name: 'GetNotebookDetailResponse' } });

export const notebooksGetDetail = defineOperation({
  operationId: 'notebooksGetDetail',
  method: 'post',
  path: '/api/v2/notebooks/getDetail',
  summary: 'Get a notebook',
  description: 'Returns one notebook with its server, network, storage and user settings.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getdetail`,
  safety: 'read',
  request: { body: GetNotebookDetailRequest },
  responses: {
    200: { description: 'The notebook.', body: GetNotebookDetailResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A running Jupyter Lab notebook with extra storage',
      request: { body: { id: '7kHeVWhiRsxdRl0nXz04ri' } },
      response: {
        status: 200,
        body: {
          success: true,
          id: '7kHeVWhiRsxdRl0nXz04ri',
          name: 'df-notebook',
          typeName: 'Jupyter Lab',
          state: 'RUNNING',
          serverDesc: 'vCPU 4EA, Memory 16GB, [SSD]Disk 50GB',
          domain: 'df-notebook-7khevwhirs.dataforest.naverncp.com',
          sshAccount: 'forest',
          loginKeyName: 'test-key',
          acgName: 'df-notebook-acg',
          acgNo: 31245,
          vpcNo: 8717,
          vpcName: 'vpc1',
          subnetNo: 17998,
          subnetName: 'df-public',
          createdAt: '2023-05-22T19:12:40+09:00',
          additionalStorage: { storageGB: 100, storageType: 'SSD' },
          userConfigurations: [
            {
              componentName: 'Jupyter Lab',
              name: 'Access Password',
              value: '********',
              description: 'Password of the Jupyter Lab web UI',
              isMasking: true,
              regularExpression: '^[a-zA-Z][a-zA-Z0-9]{1,7}$',
              regexpDescription: '2-8 letters and digits, starting with a letter',
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page (the response XML is cut off in every copy, so the codec writes it)',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetNotebookDetailRequest> <id>string</id> </GetNotebookDetailRequest>',
      },
      response: {
        status: 200,
        body: {
          acgName: 'string',
          acgNo: 0,
          additionalStorage: { storageGB: 0, storageType: 'string' },
          createdAt: '2023-06-07T06:28:34.992Z',
          domain: 'string',
          id: 'string',
          loginKeyName: 'string',
          message: 'string',
          name: 'string',
          serverDesc: 'string',
          sshAccount: 'string',
          state: 'ACCEPTED',
          subnetName: 'string',
          subnetNo: 0,
          success: true,
          typeName: 'string',
          userConfigurations: [
            {
              componentName: 'string',
              description: 'string',
              isMasking: true,
              name: 'string',
              regexpDescription: 'string',
              regularExpression: 'string',
              value: 'string',
            },
          ],
          vpcName: 'string',
          vpcNo: 0,
        },
      },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'notebooksGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The response XML sample is cut off inside <userConfigurations> in every copy, so the schema-sample example carries the JSON sample (with its own createdAt, 06:28:34.992Z) and the codec writes the XML.',
    'The samples type storageType as a free string ("string") while notebooks create allows only SSD or HDD; the response schema keeps a string so a new disk type is reported as a value, not a broken body.',
    'No field table exists and the samples show every field; domain, sshAccount, the access control group and additionalStorage are optional because a notebook that is still being created (ACCEPTED) or has no extra storage has nothing to put there.',
    'userConfigurations items here carry description, isMasking and the regex fields but not isMandatory, which getUserConfigurationSpecList items have; each schema follows its own page.',
  ],
});
