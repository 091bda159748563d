import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

export const VpcNo = z.int32().meta({ description: 'VPC number, from notebooks getVpcList.', example: 8717 });

export const RegionNo = z.number().int().meta({ description: 'Region number (1 is Korea).', example: 1 });

export const NotebookVpc = z
  .object({
    vpcNo: VpcNo,
    vpcName: z.string().meta({ description: 'VPC name.', example: 'vpc2' }),
    regionNo: RegionNo,
  })
  .meta({ id: 'NotebookVpc', description: 'A VPC a notebook can be created in.' });

export const GetVpcListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of VPCs.' }),
    contents: z.array(NotebookVpc).meta({ description: 'The VPCs of the caller.' }),
  })
  .meta({ id: 'GetVpcListResponse', xml: { name: 'GetVpcListResponse' } });

export const notebooksGetVpcList = defineOperation({
  operationId: 'notebooksGetVpcList',
  method: 'post',
  path: '/api/v2/notebooks/getVpcList',
  summary: 'List VPCs for notebooks',
  description: 'Lists the VPCs a notebook can be created in. The request has no body.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getvpclist`,
  safety: 'read',
  request: {},
  responses: {
    200: { description: 'The VPCs.', body: GetVpcListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Two VPCs',
      request: {},
      response: {
        status: 200,
        body: {
          success: true,
          total: 2,
          contents: [
            { vpcNo: 9166, vpcName: 'vpc2', regionNo: 1 },
            { vpcNo: 8717, vpcName: 'vpc1', regionNo: 1 },
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
        body: { contents: [{ regionNo: 0, vpcName: 'string', vpcNo: 0 }], message: 'string', success: true, total: 0 },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetVpcListResponse>\n    <contents>\n        <regionNo>0</regionNo>\n        <vpcName>string</vpcName>\n        <vpcNo>0</vpcNo>\n    </contents>\n    <message>string</message>\n    <success>true</success>\n    <total>0</total>\n</GetVpcListResponse>',
      },
    },
  ],
  docNotes: [
    'The overview spells the operation getVpclist, its page title and URI getVpcList; the operation uses the URI spelling.',
    'The request XML sample is only the comment "XML example cannot be generated; root element name is undefined" and the raw HTTP example sends no body, while the curl sends {}; the operation takes no body.',
    'The realistic response example is cut off after the second VPC number; the default example completes it with a made-up name.',
  ],
});
