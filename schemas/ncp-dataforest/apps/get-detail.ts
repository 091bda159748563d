import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, idRequest, ncpErrors, noSuchResource, ResourceId, resultFields } from '../common.ts';
import { AppTypeId } from './get-app-type-id-list.ts';

export const AppContainerResponse = z
  .object({
    id: z.string().optional().meta({ description: 'YARN container id.', example: 'container_e84_1705213280123_0231_01_000002' }),
    name: z.string().optional().meta({ description: 'Container name, as killContainer takes it.', example: 'shell-0' }),
    state: z.string().optional().meta({ description: 'Container state.', example: 'READY' }),
    launchedAt: DateTime.optional().meta({ description: 'When the container started.' }),
    hostName: z.string().optional().meta({
      description: 'Host name, `<container>.<app>.<account>.<region domain>`.',
      example: 'shell-0.app001.df001.kr.ch.naverncp.com',
    }),
  })
  .meta({ id: 'AppContainerResponse' });

export const AppComponentResponse = z
  .object({
    name: z.string().optional().meta({ description: 'Component name, as setContainerCount takes it.', example: 'shell' }),
    state: z.string().optional().meta({ description: 'Component state.', example: 'STABLE' }),
    desired: z.number().int().optional().meta({ description: 'Containers requested.' }),
    allocated: z.number().int().optional().meta({ description: 'Containers allocated.' }),
    memoryMb: z.number().int().optional().meta({ description: 'Memory per container, in MB.' }),
    cpuCount: z.number().int().optional().meta({ description: 'CPUs per container.' }),
    image: z.string().optional().meta({ description: 'Docker image of the containers.' }),
    containerCount: z.number().int().optional().meta({ description: 'Number of containers.' }),
    containers: z.array(AppContainerResponse).optional(),
  })
  .meta({ id: 'AppComponentResponse' });

export const GetAppDetailRequest = idRequest('GetAppDetailRequest', 'App id, from apps getList.');

export const GetAppDetailResponse = z
  .object({
    ...resultFields,
    id: ResourceId.meta({ description: 'App id.' }),
    appId: z.string().optional().meta({ description: 'App id (the examples repeat id).' }),
    name: z.string().optional().meta({ description: 'App name.', example: 'app001' }),
    appTypeId: AppTypeId,
    version: z.string().optional().meta({ description: 'Version of the app.', example: 'v1' }),
    lifetime: z.string().optional().meta({
      description: 'Lifetime, formatted for people: `<d> days, <h>:<m>:<s> (<n> seconds)`.',
      example: '7 days, 0:0:0 (604800 seconds)',
    }),
    queueName: z.string().meta({ description: 'YARN queue of the app.', example: 'longlived' }),
    description: z.string().optional(),
    state: z.string().optional().meta({ description: 'YARN state of the app.', example: 'RUNNING' }),
    links: z
      .record(z.string(), z.string())
      .meta({ description: 'Quick links of the app by name (shell, supervisor…); in XML one element per link.' }),
    components: z
      .array(AppComponentResponse)
      .min(1)
      .meta({ description: 'Components of the app and their containers (an app is made of at least one).' }),
  })
  .meta({ id: 'GetAppDetailResponse', xml: { name: 'GetAppDetailResponse' } });

export const appsGetDetail = defineOperation({
  operationId: 'appsGetDetail',
  method: 'post',
  path: '/api/v2/apps/getDetail',
  summary: 'Get an app',
  description: 'Returns one app with its state, lifetime, quick links, components and their containers.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-getdetail`,
  safety: 'read',
  request: { body: GetAppDetailRequest },
  responses: {
    200: { description: 'The app.', body: GetAppDetailResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A running DEV app with one shell container',
      request: { body: { id: 'Tb2ziexhg0FcWx5eGUAm9q' } },
      response: {
        status: 200,
        body: {
          success: true,
          id: 'Tb2ziexhg0FcWx5eGUAm9q',
          appId: 'Tb2ziexhg0FcWx5eGUAm9q',
          name: 'app001',
          appTypeId: 'DEV-1.0.0',
          version: 'v1',
          lifetime: '7 days, 0:0:0 (604800 seconds)',
          queueName: 'longlived',
          description: 'DEV-1.0.0',
          state: 'RUNNING',
          links: {
            shell: 'https://df001--app001--shell--8080.df-proxy.kr.ch.naverncp.com',
            supervisor: 'https://df001--app001--shell--9001.df-proxy.kr.ch.naverncp.com',
          },
          components: [
            {
              name: 'shell',
              state: 'STABLE',
              memoryMb: 1024,
              cpuCount: 1,
              image: 'dfimages.kr.private-ncr.ntruss.com/dfnew-env:20241217',
              containers: [
                {
                  id: 'container_e84_1705213280123_0231_01_000002',
                  name: 'shell-0',
                  state: 'READY',
                  hostName: 'shell-0.app001.df001.kr.ch.naverncp.com',
                },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page (the response XML is cut off, so it is generated)',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppDetailRequest>\n    <id>string</id>\n</GetAppDetailRequest>',
      },
      response: {
        status: 200,
        body: {
          components: [
            {
              allocated: 0,
              containerCount: 0,
              containers: [{ hostName: 'string', id: 'string', launchedAt: '2023-05-08T02:22:21.249Z', name: 'string', state: 'string' }],
              cpuCount: 0,
              desired: 0,
              image: 'string',
              memoryMb: 0,
              name: 'string',
              state: 'string',
            },
          ],
          appId: 'string',
          appTypeId: 'string',
          description: 'string',
          id: 'string',
          lifetime: 'string',
          links: { additionalProp1: 'string', additionalProp2: 'string', additionalProp3: 'string' },
          message: 'string',
          name: 'string',
          queueName: 'dev',
          state: 'string',
          success: true,
          version: 'string',
        },
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'ZU0bnYbeokqeKVwdus92nH' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'appsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'GetAppDetailResponse types lifetime as Integer seconds, but the old sample sends a string and the new example "7 days, 0:0:0 (604800 seconds)"; the schema expects the formatted string both generations send.',
    'links is typed String on the data-type page and is an object of named URLs in every example; the schema expects a map of strings.',
    'version is in both examples but not on the data-type page; it is modelled as an optional string.',
    "components (and each component's containers) is a single object on the data-type pages and an array in every example; the schema expects arrays.",
    'components is never empty: an app is made of its components (create requires them, and every example has at least one), so the schema requires at least one. In XML, where an empty array has no element, a response without a single components element is then a missing field.',
    'queueName is "dev (default)" on the data-type page and in the old sample but longlived in the new example; the schema takes any queue name.',
    'The new example omits desired, allocated, containerCount and launchedAt and gives memoryMb 1; those fields are optional, and the default example uses 1024 MB as a plausible container size.',
    'Host names end in kr.df.naverncp.com on the data-type pages and in kr.ch.naverncp.com in the new example; the schema does not constrain domains and the default example follows the new one.',
    'The old JSON sample names its links additionalProp1..3 and its XML a single additionalProp, and the XML is cut off before its end; the schema-sample keeps the JSON sample and its XML is generated.',
  ],
});
