import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { mnistConfiguration } from '../ai-workspaces/example-configuration.ts';
import {
  AI_APP_SPEC_DOC_NOTES,
  AiAppData,
  AiAppDocker,
  AiAppResource,
  DOCS,
  idResponse,
  ncpErrors,
  noSuchResource,
  ResourceId,
} from '../common.ts';

export const SubmitAiAppRequest = z
  .object({
    aiWorkspaceId: ResourceId.meta({ description: 'AI workspace to run, from aiworkspaces getList.' }),
    namePrefix: z.string().min(2).max(8).meta({ description: 'Prefix of the AI app name, 2-8 characters.', example: 'mnist' }),
    queueName: z.string().meta({ description: 'YARN queue (default gpu).', example: 'gpu' }),
    data: AiAppData,
    docker: AiAppDocker,
    resource: AiAppResource,
  })
  .meta({ id: 'SubmitAiAppRequest', xml: { name: 'SubmitAiAppRequest' } });

export const SubmitAiAppResponse = idResponse('SubmitAiAppResponse', 'Id of the AI app that was started.');

const { data, docker, resource } = mnistConfiguration;

export const aiAppsSubmit = defineOperation({
  operationId: 'aiAppsSubmit',
  method: 'post',
  path: '/api/v2/aiapps/submit',
  summary: 'Run an AI app',
  description: 'Runs an AI app: a GPU Docker job on YARN, from an AI workspace, with the container, resources and data given.',
  tags: ['AI Apps'],
  docUrl: `${DOCS}/analytics-dataforest-aiapps-submit`,
  safety: 'write',
  request: { body: SubmitAiAppRequest },
  responses: {
    200: { description: 'The AI app was submitted.', body: SubmitAiAppResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Run the MNIST workspace',
      request: { body: { aiWorkspaceId: '5R4q4qDy7AafDHz9IeTIfu', namePrefix: 'mnist', queueName: 'gpu', data, docker, resource } },
      response: { status: 200, body: { success: true, id: 'cMmEw7HCjVQdcHh3JVOptL' } },
    },
    {
      name: 'schema-sample',
      summary: 'The request body sample of the reference page with its XML; no response sample was reached',
      request: {
        body: {
          aiWorkspaceId: 'string',
          data: {
            input: [{ hdfs: 'string', path: 'string' }],
            output: [{ hdfs: 'string', overwrite: true, path: 'string' }],
          },
          docker: {
            args: 'string',
            command: 'string',
            env: { additionalProp: 'string' },
            exposeTcpPorts: [0],
            image: 'string',
            workdir: 'string',
          },
          namePrefix: 'string',
          queueName: 'gpu',
          resource: { cpuCount: 0, gpuCount: 0, gpuModel: 'T4', memoryMb: 0 },
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <SubmitAiAppRequest> <aiWorkspaceId>string</aiWorkspaceId> <data> <input> <hdfs>string</hdfs> <path>string</path> </input> <output> <hdfs>string</hdfs> <overwrite>true</overwrite> <path>string</path> </output> </data> <docker> <args>string</args> <command>string</command> <env> <additionalProp>string</additionalProp> </env> <exposeTcpPorts>0</exposeTcpPorts> <image>string</image> <workdir>string</workdir> </docker> <namePrefix>string</namePrefix> <queueName>gpu</queueName> <resource> <cpuCount>0</cpuCount> <gpuCount>0</gpuCount> <gpuModel>T4</gpuModel> <memoryMb>0</memoryMb> </resource> </SubmitAiAppRequest>',
      },
      response: { status: 200, body: { id: 'string', message: 'string', success: true } },
    },
    {
      name: 'no-such-workspace',
      summary: 'The AI workspace does not exist',
      outcome: noSuchResource('/body/aiWorkspaceId', 'AI workspace'),
      request: { body: { aiWorkspaceId: 'Zq1XyJ4kPo8LmN2bVc7RtS', namePrefix: 'mnist', queueName: 'gpu', data, docker, resource } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The path /api/v2/aiapps/submit was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group (getList, kill) and the operation name.',
    'The response of this page was not reached; the schema assumes {success, message, id} under the XML root SubmitAiAppResponse, like aiapps kill.',
    'The operation table marks data, docker and resource required while AiAppTypeSpec makes data and resource optional; for submit the schema follows the operation table.',
    'The JSON request sample names its env variables additionalProp1..3 while the XML sample has a single additionalProp; the schema-sample JSON says what the XML says.',
    ...AI_APP_SPEC_DOC_NOTES,
  ],
});
