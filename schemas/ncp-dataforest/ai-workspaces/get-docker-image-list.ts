import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

export const GetAiWorkspaceDockerImageListRequest = z
  .object({
    search: z
      .object({
        typeName: z.enum(['tensorflow', 'pytorch']).meta({ description: 'Framework whose images to list.' }),
      })
      .meta({ id: 'AiWorkspaceDockerImageSearch' }),
  })
  .meta({ id: 'GetAiWorkspaceDockerImageListRequest', xml: { name: 'GetAiWorkspaceDockerImageListRequest' } });

export const GetAiWorkspaceDockerImageListResponse = z
  .object({
    ...resultFields,
    dockerImages: z.record(z.string(), z.array(z.string())).meta({
      description:
        'Image references grouped under a key (the docs do not say what the keys are); in XML one element per image, named after its key.',
    }),
  })
  .meta({ id: 'GetAiWorkspaceDockerImageListResponse', xml: { name: 'GetAiWorkspaceDockerImageListResponse' } });

export const aiWorkspacesGetDockerImageList = defineOperation({
  operationId: 'aiWorkspacesGetDockerImageList',
  method: 'post',
  path: '/api/v2/aiworkspaces/getDockerImageList',
  summary: 'List the Docker images for AI workspaces',
  description: 'Lists the Docker images an AI workspace can run, for one framework (TensorFlow or PyTorch).',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-getdockerimagelist`,
  safety: 'read',
  request: { body: GetAiWorkspaceDockerImageListRequest },
  responses: {
    200: { description: 'The Docker images.', body: GetAiWorkspaceDockerImageListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'The TensorFlow images',
      request: { body: { search: { typeName: 'tensorflow' } } },
      response: {
        status: 200,
        body: {
          success: true,
          message: 'success',
          dockerImages: {
            tensorflow: ['tensorflow/tensorflow:2.4.1-gpu', 'tensorflow/tensorflow:2.3.2-gpu', 'tensorflow/tensorflow:1.15.5-gpu'],
          },
        },
      },
    },
  ],
  docNotes: [
    'The path /api/v2/aiworkspaces/getDockerImageList was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group and the operation name.',
    'The request body sample sends typeName "string", which is not one of the two documented values (tensorflow, pytorch); the schema enforces the two values, so the sample is not kept and the XML is generated.',
    "The response XML sample is cut off after </dockerImages>, lists its elements in another order than the JSON sample (order is not significant) and shows one element per key where the JSON has one-item arrays; the schema reads repeated elements of a key as that key's array, which agrees with both.",
    'The docs do not say what the dockerImages keys are; the default example keys the images by framework, and keys must be valid XML element names for the XML form to carry them.',
  ],
});
