import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, noSuchResource, ResourceId } from '../common.ts';

export const SetAppContainerCountRequest = z
  .object({
    id: ResourceId.meta({ description: 'App id, from apps getList.' }),
    componentName: z.string().meta({ description: 'Component name, from apps getDetail components[].name.', example: 'shell' }),
    containerCount: z.int32().nonnegative().meta({ description: 'Number of containers the component should run.', example: 2 }),
  })
  .meta({ id: 'SetAppContainerCountRequest', xml: { name: 'SetAppContainerCountRequest' } });

export const SetAppContainerCountResponse = idResponse('SetAppContainerCountResponse', 'Id of the app.');

export const appsSetContainerCount = defineOperation({
  operationId: 'appsSetContainerCount',
  method: 'post',
  path: '/api/v2/apps/setContainerCount',
  summary: 'Change the container count of an app component',
  description: 'Sets how many containers one component of a Data Forest app runs.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-setcontainercount`,
  safety: 'write',
  request: { body: SetAppContainerCountRequest },
  responses: {
    200: { description: 'The change was accepted.', body: SetAppContainerCountResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Run two shell containers',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q', componentName: 'shell', containerCount: 2 } },
      response: { status: 200, body: { success: true, id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { componentName: 'string', containerCount: 0, id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetAppContainerCountRequest>\n    <componentName>string</componentName>\n    <containerCount>0</containerCount>\n    <id>string</id>\n</SetAppContainerCountRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetAppContainerCountResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</SetAppContainerCountResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'eLFQZ4DAmwzbLz6VHvAHuS', componentName: 'zkweb', containerCount: 2 } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The old HTTP example body is invalid JSON (a doubled quote after the id) and its id differs from the curl example on the same page; the default example is a corrected request.',
    'The old parameter table says componentName comes from the AI App getDetail; it is the Apps getDetail that lists component names, and the description says so.',
    'No range is documented for containerCount; the schema only rejects negative counts.',
  ],
});
