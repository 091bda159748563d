import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { AI_APP_SPEC_DOC_NOTES, AiAppTypeSpec, DOCS, idResponse, ncpErrors, QUOTA_EXCEEDED, ResourceId } from '../common.ts';
import { AiWorkspaceName } from './check-available-name.ts';
import { mnistConfiguration } from './example-configuration.ts';

export const CreateAiWorkspaceRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    name: AiWorkspaceName,
    description: z.string().max(255).optional().meta({ description: 'Free text, up to 255 characters.' }),
    configuration: AiAppTypeSpec,
  })
  .meta({ id: 'CreateAiWorkspaceRequest', xml: { name: 'CreateAiWorkspaceRequest' } });

export const CreateAiWorkspaceResponse = idResponse('CreateAiWorkspaceResponse', 'Id of the new AI workspace.');

export const aiWorkspacesCreate = defineOperation({
  operationId: 'aiWorkspacesCreate',
  method: 'post',
  path: '/api/v2/aiworkspaces/create',
  summary: 'Create an AI workspace',
  description:
    'Creates an AI workspace: a saved AI app spec (Docker image and command, resources, input and output data) that aiapps submit runs.',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-create`,
  safety: 'write',
  request: { body: CreateAiWorkspaceRequest },
  responses: {
    200: { description: 'The AI workspace was created.', body: CreateAiWorkspaceResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A workspace that trains MNIST with TensorFlow on one T4',
      request: {
        body: {
          accountId: 'wWwEh34wOZOgdafhe36lEO',
          name: 'mnist',
          description: 'MNIST training with TensorFlow',
          configuration: mnistConfiguration,
        },
      },
      response: { status: 200, body: { success: true, id: '5R4q4qDy7AafDHz9IeTIfu' } },
    },
    {
      name: 'schema-sample',
      summary: 'The request body sample of the reference page (its XML is cut off); no response sample was reached',
      request: {
        body: {
          accountId: 'string',
          configuration: {
            data: {
              input: [{ hdfs: 'string', path: 'string' }],
              output: [{ hdfs: 'string', overwrite: true, path: 'string' }],
            },
            docker: {
              args: 'string',
              command: 'string',
              env: { additionalProp1: 'string', additionalProp2: 'string', additionalProp3: 'string' },
              exposeTcpPorts: [0],
              image: 'string',
              workdir: 'string',
            },
            name: 'string',
            queueName: 'gpu',
            resource: { cpuCount: 0, gpuCount: 0, gpuModel: 'T4', memoryMb: 0 },
            userPackageUri: 'string',
          },
          description: 'string',
          name: 'string',
        },
      },
      response: { status: 200, body: { id: 'string', message: 'string', success: true } },
    },
    {
      name: 'quota-exceeded',
      summary: 'The account may not create more AI workspaces',
      outcome: QUOTA_EXCEEDED,
      request: { body: { accountId: 'wWwEh34wOZOgdafhe36lEO', name: 'mnist2', configuration: mnistConfiguration } },
      response: { status: 400, body: { error: { message: 'exceeded limit on resource quota', success: false } } },
    },
  ],
  docNotes: [
    'The path /api/v2/aiworkspaces/create was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group and the operation name.',
    "The response of this page was not reached; the schema assumes {success, message, id} under the XML root CreateAiWorkspaceResponse, like the group's delete and setConfiguration.",
    'The request XML sample is cut off in every copy, so the XML of the examples is generated.',
    ...AI_APP_SPEC_DOC_NOTES,
  ],
});
