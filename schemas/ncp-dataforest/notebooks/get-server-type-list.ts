import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';
import { NotebookTypeCode } from './get-type-list.ts';

export const NotebookServerType = z
  .object({
    serverTypeCode: z
      .string()
      .meta({ description: 'Server product code, used by notebooks create.', example: 'SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002' }),
    serverDesc: z.string().meta({ description: 'CPU, memory and disk of the server.', example: 'vCPU 4EA, Memory 16GB, [SSD]Disk 50GB' }),
  })
  .meta({ id: 'NotebookServerType', description: 'A server specification a notebook can run on.' });

export const GetServerTypeListRequest = z
  .object({ typeCode: NotebookTypeCode })
  .meta({ id: 'GetServerTypeListRequest', xml: { name: 'GetServerTypeListRequest' } });

export const GetServerTypeListResponse = z
  .object({
    ...resultFields,
    contents: z.array(NotebookServerType).meta({ description: 'The server types.' }),
  })
  .meta({ id: 'GetServerTypeListResponse', xml: { name: 'GetServerTypeListResponse' } });

export const notebooksGetServerTypeList = defineOperation({
  operationId: 'notebooksGetServerTypeList',
  method: 'post',
  path: '/api/v2/notebooks/getServerTypeList',
  summary: 'List server types for notebooks',
  description: 'Lists the server specifications a notebook of the given type can run on.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getservertypelist`,
  safety: 'read',
  request: { body: GetServerTypeListRequest },
  responses: {
    200: { description: 'The server types.', body: GetServerTypeListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Server types of Jupyter Lab',
      request: { body: { typeCode: 'SW.DFRNT.OS.LNX64.CNTOS.0708.B050' } },
      response: {
        status: 200,
        body: {
          success: true,
          contents: [
            { serverTypeCode: 'SVR.VSVR.STAND.C002.M008.NET.SSD.B050.G002', serverDesc: 'vCPU 2EA, Memory 8GB, [SSD]Disk 50GB' },
            { serverTypeCode: 'SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002', serverDesc: 'vCPU 4EA, Memory 16GB, [SSD]Disk 50GB' },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { typeCode: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetServerTypeListRequest>\n    <typeCode>string</typeCode>\n</GetServerTypeListRequest>',
      },
      response: {
        status: 200,
        body: { contents: [{ serverDesc: 'string', serverTypeCode: 'string' }], message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetServerTypeListResponse>\n    <contents>\n        <serverDesc>string</serverDesc>\n        <serverTypeCode>string</serverTypeCode>\n    </contents>\n    <message>string</message>\n    <success>true</success>\n</GetServerTypeListResponse>',
      },
    },
  ],
  inputs: [{ target: '/body/typeCode', from: { operationId: 'notebooksGetTypeList', pointer: '/contents/0/typeCode' } }],
  docNotes: [
    'No realistic response example survives in any copy of the page; the default example answers with server codes in the NAVER Cloud server product format.',
  ],
});
