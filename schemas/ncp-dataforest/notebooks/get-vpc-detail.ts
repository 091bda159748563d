import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, ncpErrors, resultFields } from '../common.ts';
import { RegionNo, VpcNo } from './get-vpc-list.ts';

export const GetVpcDetailRequest = z.object({ vpcNo: VpcNo }).meta({ id: 'GetVpcDetailRequest', xml: { name: 'GetVpcDetailRequest' } });

export const GetVpcDetailResponse = z
  .object({
    ...resultFields,
    vpcNo: VpcNo,
    vpcName: z.string().meta({ description: 'VPC name.', example: 'vpc1' }),
    regionNo: RegionNo,
    ipv4Cidr: z.string().meta({ description: 'IPv4 address range of the VPC, in CIDR notation.', example: '10.0.0.0/16' }),
    state: z.string().meta({ description: 'VPC state.', example: 'RUN' }),
    createdAt: DateTime.meta({ description: 'When the VPC was created.' }),
  })
  .meta({ id: 'GetVpcDetailResponse', xml: { name: 'GetVpcDetailResponse' } });

export const notebooksGetVpcDetail = defineOperation({
  operationId: 'notebooksGetVpcDetail',
  method: 'post',
  path: '/api/v2/notebooks/getVpcDetail',
  summary: 'Get a VPC for notebooks',
  description: 'Returns a VPC a notebook can be created in, with its address range and state.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getvpcdetail`,
  safety: 'read',
  request: { body: GetVpcDetailRequest },
  responses: {
    200: { description: 'The VPC.', body: GetVpcDetailResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A VPC',
      request: { body: { vpcNo: 8717 } },
      response: {
        status: 200,
        body: {
          success: true,
          vpcNo: 8717,
          vpcName: 'vpc1',
          regionNo: 1,
          ipv4Cidr: '10.0.0.0/16',
          state: 'RUN',
          createdAt: '2023-05-22T16:41:02+09:00',
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { vpcNo: 0 },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetVpcDetailRequest>\n    <vpcNo>0</vpcNo>\n</GetVpcDetailRequest>',
      },
      response: {
        status: 200,
        body: {
          createdAt: '2023-06-07T06:19:15.814Z',
          ipv4Cidr: 'string',
          message: 'string',
          regionNo: 0,
          state: 'string',
          success: true,
          vpcName: 'string',
          vpcNo: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetVpcDetailResponse>\n    <createdAt>2023-06-07T06:19:15.814Z</createdAt>\n    <ipv4Cidr>string</ipv4Cidr>\n    <message>string</message>\n    <regionNo>0</regionNo>\n    <state>string</state>\n    <success>true</success>\n    <vpcName>string</vpcName>\n    <vpcNo>0</vpcNo>\n</GetVpcDetailResponse>',
      },
    },
  ],
  inputs: [{ target: '/body/vpcNo', from: { operationId: 'notebooksGetVpcList', pointer: '/contents/0/vpcNo' } }],
  docNotes: [
    'vpcNo is typed Integer and the curl sends 8717, but the raw HTTP example sends the string "8717"; the schema expects an integer.',
    'The JSON and XML body samples carry different createdAt values (06:18:03.284Z vs 06:19:15.814Z); the schema-sample example uses the XML value in both forms.',
    'The realistic response example is cut off after vpcNo; the default example completes it with plausible values.',
  ],
});
