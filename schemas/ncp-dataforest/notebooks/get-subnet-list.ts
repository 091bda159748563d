import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';
import { NotebookTypeCode } from './get-type-list.ts';
import { VpcNo } from './get-vpc-list.ts';

export const SubnetNo = z.int32().meta({ description: 'Subnet number, from notebooks getSubnetList.', example: 17998 });

/** Fields a subnet list item and a subnet detail share. */
export const subnetFields = {
  subnetNo: SubnetNo,
  subnetName: z.string().meta({ description: 'Subnet name.', example: 'df-public' }),
  zoneNo: z.number().int().meta({ description: 'Zone number.', example: 3 }),
  zoneName: z.string().meta({ description: 'Zone name.', example: 'KR-2' }),
  isPublic: z.boolean().meta({ description: 'Whether the subnet is public (notebooks need one).' }),
};

export const NotebookSubnet = z.object(subnetFields).meta({ id: 'NotebookSubnet', description: 'A subnet a notebook can be created in.' });

export const GetSubnetListRequest = z
  .object({
    typeCode: NotebookTypeCode,
    vpcNo: VpcNo.meta({ description: 'VPC number, from notebooks getVpcList; the VPC needs a public subnet.' }),
  })
  .meta({ id: 'GetSubnetListRequest', xml: { name: 'GetSubnetListRequest' } });

export const GetSubnetListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of subnets.' }),
    contents: z.array(NotebookSubnet).meta({ description: 'The subnets of the VPC.' }),
  })
  .meta({ id: 'GetSubnetListResponse', xml: { name: 'GetSubnetListResponse' } });

export const notebooksGetSubnetList = defineOperation({
  operationId: 'notebooksGetSubnetList',
  method: 'post',
  path: '/api/v2/notebooks/getSubnetList',
  summary: 'List subnets for notebooks',
  description: 'Lists the subnets of a VPC that a notebook of the given type can be created in.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getsubnetlist`,
  safety: 'read',
  request: { body: GetSubnetListRequest },
  responses: {
    200: { description: 'The subnets.', body: GetSubnetListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'One public subnet',
      request: { body: { typeCode: 'SW.DFRNT.OS.LNX64.CNTOS.0708.B050', vpcNo: 8717 } },
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [{ subnetNo: 17998, subnetName: 'df-public', zoneNo: 3, zoneName: 'KR-2', isPublic: true }],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { typeCode: 'string', vpcNo: 0 },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetSubnetListRequest>\n    <typeCode>string</typeCode>\n    <vpcNo>0</vpcNo>\n</GetSubnetListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [{ isPublic: true, subnetName: 'string', subnetNo: 0, zoneName: 'string', zoneNo: 0 }],
          message: 'string',
          success: true,
          total: 0,
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetSubnetListResponse>\n    <contents>\n        <isPublic>true</isPublic>\n        <subnetName>string</subnetName>\n        <subnetNo>0</subnetNo>\n        <zoneName>string</zoneName>\n        <zoneNo>0</zoneNo>\n    </contents>\n    <message>string</message>\n    <success>true</success>\n    <total>0</total>\n</GetSubnetListResponse>',
      },
    },
  ],
  inputs: [
    { target: '/body/typeCode', from: { operationId: 'notebooksGetTypeList', pointer: '/contents/0/typeCode' } },
    { target: '/body/vpcNo', from: { operationId: 'notebooksGetVpcList', pointer: '/contents/0/vpcNo' } },
  ],
  docNotes: ['No realistic response example survives in any copy of the page; the default example answers with plausible values.'],
});
