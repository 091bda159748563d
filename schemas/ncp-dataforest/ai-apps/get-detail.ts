import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DateTime, DOCS, idRequest, ncpErrors, noSuchResource, ResourceId, resultFields } from '../common.ts';

export const AiAppContainer = z
  .object({
    containerId: z.string().optional().meta({ description: 'YARN container id.' }),
    component: z.string().optional().meta({ description: 'AI app component the container belongs to.' }),
    createdAt: DateTime.optional().meta({ description: 'When the container started.' }),
    logUrl: z.string().optional().meta({ description: 'Where the container log can be read.' }),
    cpuCount: z.number().int().optional(),
    dockerImage: z.string().optional().meta({ description: 'Docker image and version of the container.' }),
    memoryMb: z.number().int().optional().meta({ description: 'Container memory, in MB.' }),
    status: z.string().optional().meta({ description: 'Final state of the container.' }),
  })
  .meta({ id: 'AiAppContainer' });

export const GetAiAppDetailRequest = idRequest('GetAiAppDetailRequest', 'AI app id, from aiapps getList.');

export const GetAiAppDetailResponse = z
  .object({
    ...resultFields,
    id: ResourceId.meta({ description: 'AI app id.' }),
    appId: z.string().optional().meta({ description: 'YARN application id.', example: 'application_1705213280123_0352' }),
    name: z.string().optional().meta({ description: 'AI app name.' }),
    accountName: z.string().optional().meta({ description: 'Name of the account that owns the AI app.', example: 'df001' }),
    queueName: z.string().meta({ description: 'YARN queue.', example: 'gpu' }),
    startedAt: DateTime.optional().meta({ description: 'When the app was submitted.' }),
    finishedAt: DateTime.optional().meta({ description: 'When the app ended.' }),
    elapsedMillis: z.number().int().optional().meta({ description: 'Milliseconds the app has run.' }),
    state: z.string().optional().meta({ description: 'YARN state of the app.', example: 'FINISHED' }),
    finalStatus: z.string().optional().meta({ description: 'YARN final status of the app.', example: 'SUCCEEDED' }),
    containers: z
      .record(z.string(), AiAppContainer)
      .optional()
      .meta({ description: 'The containers of the app, keyed by container id; in XML one element per container, named after its key.' }),
  })
  .meta({ id: 'GetAiAppDetailResponse', xml: { name: 'GetAiAppDetailResponse' } });

const sampleContainer = {
  component: 'string',
  containerId: 'string',
  cpuCount: 0,
  createdAt: '2023-05-17T01:44:47.805Z',
  dockerImage: 'string',
  logUrl: 'string',
  memoryMb: 0,
  status: 'string',
};

export const aiAppsGetDetail = defineOperation({
  operationId: 'aiAppsGetDetail',
  method: 'post',
  path: '/api/v2/aiapps/getDetail',
  summary: 'Get an AI app',
  description: 'Returns one AI app with its YARN state, run time and containers.',
  tags: ['AI Apps'],
  docUrl: `${DOCS}/analytics-dataforest-aiapps-getdetail`,
  safety: 'read',
  request: { body: GetAiAppDetailRequest },
  responses: {
    200: { description: 'The AI app.', body: GetAiAppDetailResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A finished AI app with one GPU container',
      request: { body: { id: 'cMmEw7HCjVQdcHh3JVOptL' } },
      response: {
        status: 200,
        body: {
          success: true,
          id: 'cMmEw7HCjVQdcHh3JVOptL',
          appId: 'application_1705213280123_0352',
          name: 'mnist-20241121',
          accountName: 'df001',
          queueName: 'gpu',
          startedAt: '2024-11-21T10:20:04+09:00',
          finishedAt: '2024-11-21T10:41:37+09:00',
          elapsedMillis: 1293000,
          state: 'FINISHED',
          finalStatus: 'SUCCEEDED',
          containers: {
            container_e84_1705213280123_0352_01_000002: {
              containerId: 'container_e84_1705213280123_0352_01_000002',
              component: 'worker',
              createdAt: '2024-11-21T10:20:31+09:00',
              logUrl: 'https://df-proxy.kr.ch.naverncp.com/logs/application_1705213280123_0352/container_e84_1705213280123_0352_01_000002',
              cpuCount: 4,
              dockerImage: 'tensorflow/tensorflow:2.4.1-gpu',
              memoryMb: 15360,
              status: 'COMPLETE',
            },
          },
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page (the response XML cannot carry the containers, so it is generated)',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetAiAppDetailRequest> <id>string</id> </GetAiAppDetailRequest>',
      },
      response: {
        status: 200,
        body: {
          accountName: 'string',
          appId: 'string',
          containers: { additionalProp1: sampleContainer, additionalProp2: sampleContainer, additionalProp3: sampleContainer },
          elapsedMillis: 0,
          finalStatus: 'string',
          finishedAt: '2023-05-17T01:44:47.805Z',
          id: 'string',
          message: 'string',
          name: 'string',
          queueName: 'gpu',
          startedAt: '2023-05-17T01:44:47.805Z',
          state: 'string',
          success: true,
        },
      },
    },
    {
      name: 'no-such-ai-app',
      summary: 'The AI app does not exist',
      outcome: noSuchResource('/body/id', 'AI app'),
      request: { body: { id: 'Wm3XbT8qRk1YzP5nLc0VdA' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'aiAppsGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The path /api/v2/aiapps/getDetail was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group (getList, kill) and the operation name.',
    'containers is a single AiAppContainer on the data-type page and a map of containers in the JSON sample, while the XML sample holds the literal text "Unknown Type: object" and is cut off; the schema expects a map (one element per container in XML), and the schema-sample keeps the JSON sample with generated XML.',
    "The AiAppContainer page spells its fields conponent, logurl and Status in places while the sample uses component, logUrl and status; the schema uses the sample's names.",
    'The GetAiAppDetailResponse syntax block spells elapesdMillis and omits accountName from its table, while the sample has elapsedMillis and accountName; the schema follows the sample.',
    'The data-type page gives the queue default as "GPU" while the sample sends "gpu"; the schema takes any queue name.',
  ],
});
