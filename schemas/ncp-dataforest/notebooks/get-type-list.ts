import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

export const NotebookTypeCode = z
  .string()
  .meta({ description: 'Notebook type code, from notebooks getTypeList.', example: 'SW.DFRNT.OS.LNX64.CNTOS.0708.B050' });

export const NotebookTypeName = z.string().meta({ description: 'Notebook type name, from notebooks getTypeList.', example: 'Jupyter Lab' });

export const NotebookType = z
  .object({ typeCode: NotebookTypeCode, typeName: NotebookTypeName })
  .meta({ id: 'NotebookType', description: 'A kind of notebook that can be created.' });

export const GetTypeListResponse = z
  .object({
    ...resultFields,
    contents: z.array(NotebookType).meta({ description: 'The notebook types.' }),
  })
  .meta({ id: 'GetTypeListResponse', xml: { name: 'GetTypeListResponse' } });

export const notebooksGetTypeList = defineOperation({
  operationId: 'notebooksGetTypeList',
  method: 'post',
  path: '/api/v2/notebooks/getTypeList',
  summary: 'List notebook types',
  description: 'Lists the kinds of notebook that can be created (for now Jupyter Lab). The request has no body.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-gettypelist`,
  safety: 'read',
  request: {},
  responses: {
    200: { description: 'The notebook types.', body: GetTypeListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Jupyter Lab',
      request: {},
      response: {
        status: 200,
        body: { success: true, contents: [{ typeCode: 'SW.DFRNT.OS.LNX64.CNTOS.0708.B050', typeName: 'Jupyter Lab' }] },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The response body sample of the reference page, with its XML',
      request: {},
      response: {
        status: 200,
        body: { contents: [{ typeCode: 'string', typeName: 'string' }], message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetTypeListResponse>\n    <contents>\n        <typeCode>string</typeCode>\n        <typeName>string</typeName>\n    </contents>\n    <message>string</message>\n    <success>true</success>\n</GetTypeListResponse>',
      },
    },
  ],
  docNotes: [
    'The request XML sample is only the comment "XML example cannot be generated; root element name is undefined" and the raw HTTP example sends no body, while the curl sends {}; the operation takes no body.',
  ],
});
