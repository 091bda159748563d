import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, noSuchResource, ResourceId } from '../common.ts';

export const KillAppContainerRequest = z
  .object({
    id: ResourceId.meta({ description: 'App id, from apps getList.' }),
    containerName: z
      .string()
      .max(60)
      .meta({ description: 'Container name, from apps getDetail components[].containers[].name.', example: 'shell-0' }),
  })
  .meta({ id: 'KillAppContainerRequest', xml: { name: 'KillAppContainerRequest' } });

export const KillAppContainerResponse = idResponse('KillAppContainerResponse', 'Id of the app.');

export const appsKillContainer = defineOperation({
  operationId: 'appsKillContainer',
  method: 'post',
  path: '/api/v2/apps/killContainer',
  summary: "Restart an app's container",
  description: 'Kills one container of a Data Forest app component, which YARN then starts again.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-killcontainer`,
  safety: 'destructive',
  request: { body: KillAppContainerRequest },
  responses: {
    200: { description: 'The kill was accepted.', body: KillAppContainerResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Restart the first shell container',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q', containerName: 'shell-0' } },
      response: { status: 200, body: { success: true, id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { containerName: 'string', id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAppContainerRequest>\n    <containerName>string</containerName>\n    <id>string</id>\n</KillAppContainerRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAppContainerResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</KillAppContainerResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'A4LI7d5mRn1f6M2HxZAEE2', containerName: 'shell-0' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The old HTTP example body is invalid JSON (no comma after id, a trailing comma after containerName) and answers with another app id than the one in the request; the default example is the corrected request answered with the same id.',
  ],
});
