import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, ncpErrors, ResourceId, resultFields } from '../common.ts';
import { SubnetNo } from './get-subnet-list.ts';
import { NotebookTypeName } from './get-type-list.ts';
import { VpcNo } from './get-vpc-list.ts';

export const NotebookPaging = z
  .object({
    limit: z.int32().min(1).optional().meta({ description: 'Most notebooks to return (at least 1).', example: 10 }),
    offset: z.int32().min(0).optional().meta({ description: 'Notebooks to skip.', example: 0 }),
  })
  .meta({ id: 'NotebookPaging', description: 'Which page of the list to return.' });

/** Fields a notebook list item and a notebook detail share. */
export const notebookFields = {
  id: ResourceId.meta({ description: 'Notebook id.' }),
  name: z.string().meta({ description: 'Notebook name.', example: 'df-notebook' }),
  typeName: NotebookTypeName,
  state: z.string().meta({ description: 'Notebook state: ACCEPTED while it is being created, then RUNNING.', example: 'RUNNING' }),
  serverDesc: z.string().meta({ description: 'CPU, memory and disk of the notebook server.' }),
  vpcNo: VpcNo,
  vpcName: z.string().meta({ description: 'VPC name.' }),
  subnetNo: SubnetNo,
  subnetName: z.string().meta({ description: 'Subnet name.' }),
  createdAt: DateTime.meta({ description: 'When the notebook was created.' }),
};

export const NotebookSummary = z.object(notebookFields).meta({ id: 'NotebookSummary', description: 'A notebook as the list shows it.' });

export const GetNotebookListRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    paging: NotebookPaging.optional(),
  })
  .meta({ id: 'GetNotebookListRequest', xml: { name: 'GetNotebookListRequest' } });

export const GetNotebookListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of notebooks of the account.' }),
    contents: z.array(NotebookSummary).meta({ description: 'The notebooks of the requested page.' }),
  })
  .meta({ id: 'GetNotebookListResponse', xml: { name: 'GetNotebookListResponse' } });

export const notebooksGetList = defineOperation({
  operationId: 'notebooksGetList',
  method: 'post',
  path: '/api/v2/notebooks/getList',
  summary: 'List notebooks',
  description: 'Lists the notebooks of an account, one page at a time.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getlist`,
  safety: 'read',
  request: { body: GetNotebookListRequest },
  responses: {
    200: { description: 'The notebooks.', body: GetNotebookListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'An account with one running notebook',
      request: { body: { accountId: 'ArvQ8mZ2cLp4sWd7Tkfn', paging: { limit: 10, offset: 0 } } },
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [
            {
              id: '7kHeVWhiRsxdRl0nXz04ri',
              name: 'df-notebook',
              typeName: 'Jupyter Lab',
              state: 'RUNNING',
              serverDesc: 'vCPU 4EA, Memory 16GB, [SSD]Disk 50GB',
              vpcNo: 8717,
              vpcName: 'vpc1',
              subnetNo: 17998,
              subnetName: 'df-public',
              createdAt: '2023-05-22T19:12:40+09:00',
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { accountId: 'string', paging: { limit: 10, offset: 0 } },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetNotebookListRequest>\n  <accountId>string</accountId>\n  <paging>\n    <limit>10</limit>\n    <offset>0</offset>\n  </paging>\n</GetNotebookListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [
            {
              createdAt: '2023-06-07T06:27:17.317Z',
              id: 'string',
              name: 'string',
              serverDesc: 'string',
              state: 'string',
              subnetName: 'string',
              subnetNo: 0,
              typeName: 'string',
              vpcName: 'string',
              vpcNo: 0,
            },
          ],
          message: 'string',
          success: true,
          total: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetNotebookListResponse> <contents> <createdAt>2023-06-07T06:27:17.317Z</createdAt> <id>string</id> <name>string</name> <serverDesc>string</serverDesc> <state>string</state> <subnetName>string</subnetName> <subnetNo>0</subnetNo> <typeName>string</typeName> <vpcName>string</vpcName> <vpcNo>0</vpcNo> </contents> <message>string</message> <success>true</success> <total>0</total> </GetNotebookListResponse>',
      },
    },
  ],
  inputs: [{ target: '/body/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The parameter table leaves the type of paging blank in every language; the samples show an object {limit, offset}, which the schema follows, with both fields optional.',
    'The JSON and XML body samples carry different createdAt values (06:26:39.696Z vs 06:27:17.317Z); the schema-sample example uses the XML value in both forms.',
    'The realistic response example is cut off after state; the default example completes it with the VPC, subnet and server of the other notebook examples.',
  ],
});
