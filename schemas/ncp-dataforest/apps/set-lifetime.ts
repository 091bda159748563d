import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, noSuchResource, ResourceId } from '../common.ts';

export const SetAppLifetimeRequest = z
  .object({
    id: ResourceId.meta({ description: 'App id, from apps getList.' }),
    lifetime: z
      .int32()
      .min(300)
      .max(604800)
      .optional()
      .meta({ description: 'New lifetime in seconds, 300-604800 (default 604800, 7 days).', example: 604800 }),
  })
  .meta({ id: 'SetAppLifetimeRequest', xml: { name: 'SetAppLifetimeRequest' } });

export const SetAppLifetimeResponse = idResponse('SetAppLifetimeResponse', 'Id of the app.');

export const appsSetLifetime = defineOperation({
  operationId: 'appsSetLifetime',
  method: 'post',
  path: '/api/v2/apps/setLifetime',
  summary: "Change an app's lifetime",
  description: 'Sets how long a Data Forest app runs before it expires.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-setlifetime`,
  safety: 'write',
  request: { body: SetAppLifetimeRequest },
  responses: {
    200: { description: 'The change was accepted.', body: SetAppLifetimeResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Shorten the lifetime to 400 seconds',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q', lifetime: 400 } },
      response: { status: 200, body: { success: true, id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
    },
    {
      name: 'schema-sample',
      summary: "The response body sample of the reference page with its XML, for the page's HTTP example request",
      request: { body: { id: 'A4LI7d5mRn1f6M2HxZAEE2', lifetime: 400 } },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetAppLifetimeResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</SetAppLifetimeResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'ZU0bnYbeokqeKVwdus92nH', lifetime: 604800 } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'apps create accepts a lifetime of -1 (no limit) but this page allows only 300-604800 and makes lifetime optional with default 604800; the schema follows this page.',
    "The request body sample (and its XML) sends lifetime 0, outside the documented range, so it is not kept; the schema-sample pairs the response sample with the request of the page's HTTP example (lifetime 400).",
  ],
});
