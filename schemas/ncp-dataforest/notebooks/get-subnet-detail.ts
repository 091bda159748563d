import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, ncpErrors, resultFields } from '../common.ts';
import { SubnetNo, subnetFields } from './get-subnet-list.ts';
import { VpcNo } from './get-vpc-list.ts';

export const GetSubnetDetailRequest = z
  .object({
    vpcNo: VpcNo,
    subnetNo: SubnetNo.meta({ description: 'Subnet number, from notebooks getSubnetList; only public subnets of Korea (KR-2) qualify.' }),
  })
  .meta({ id: 'GetSubnetDetailRequest', xml: { name: 'GetSubnetDetailRequest' } });

export const GetSubnetDetailResponse = z
  .object({
    ...resultFields,
    ...subnetFields,
    subnet: z.string().meta({ description: 'IPv4 address range of the subnet, in CIDR notation.', example: '10.0.1.0/24' }),
    vpcNo: VpcNo,
    vpcName: z.string().meta({ description: 'VPC name.', example: 'vpc1' }),
    state: z.string().meta({ description: 'Subnet state.', example: 'RUN' }),
    createdAt: DateTime.meta({ description: 'When the subnet was created.' }),
  })
  .meta({ id: 'GetSubnetDetailResponse', xml: { name: 'GetSubnetDetailResponse' } });

export const notebooksGetSubnetDetail = defineOperation({
  operationId: 'notebooksGetSubnetDetail',
  method: 'post',
  path: '/api/v2/notebooks/getSubnetDetail',
  summary: 'Get a subnet for notebooks',
  description: 'Returns a subnet a notebook can be created in, with its address range, zone and state.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getsubnetdetail`,
  safety: 'read',
  request: { body: GetSubnetDetailRequest },
  responses: {
    200: { description: 'The subnet.', body: GetSubnetDetailResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A public subnet',
      request: { body: { vpcNo: 8717, subnetNo: 17998 } },
      response: {
        status: 200,
        body: {
          success: true,
          subnetNo: 17998,
          subnetName: 'df-public',
          subnet: '10.0.1.0/24',
          zoneNo: 3,
          zoneName: 'KR-2',
          isPublic: true,
          vpcNo: 8717,
          vpcName: 'vpc1',
          state: 'RUN',
          createdAt: '2023-05-22T16:45:37+09:00',
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { vpcNo: 0, subnetNo: 0 },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetSubnetDetailRequest>\n    <vpcNo>0</vpcNo>\n    <subnetNo>0</subnetNo>\n</GetSubnetDetailRequest>',
      },
      response: {
        status: 200,
        body: {
          createdAt: '2023-06-07T06:22:47.934Z',
          isPublic: true,
          message: 'string',
          state: 'string',
          subnet: 'string',
          subnetName: 'string',
          subnetNo: 0,
          success: true,
          vpcName: 'string',
          vpcNo: 0,
          zoneName: 'string',
          zoneNo: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetSubnetDetailResponse>\n    <createdAt>2023-06-07T06:22:47.934Z</createdAt>\n    <isPublic>true</isPublic>\n    <message>string</message>\n    <state>string</state>\n    <subnet>string</subnet>\n    <subnetName>string</subnetName>\n    <subnetNo>0</subnetNo>\n    <success>true</success>\n    <vpcName>string</vpcName>\n    <vpcNo>0</vpcNo>\n    <zoneName>string</zoneName>\n    <zoneNo>0</zoneNo>\n</GetSubnetDetailResponse>',
      },
    },
  ],
  inputs: [
    { target: '/body/vpcNo', from: { operationId: 'notebooksGetVpcList', pointer: '/contents/0/vpcNo' } },
    { target: '/body/subnetNo', from: { operationId: 'notebooksGetSubnetList', pointer: '/contents/0/subnetNo' } },
  ],
  docNotes: [
    'The JSON and XML body samples carry different createdAt values (06:21:59.931Z vs 06:22:47.934Z); the schema-sample example uses the XML value in both forms.',
    'No realistic request or response example survives in any copy of the page; the default example uses plausible values.',
  ],
});
