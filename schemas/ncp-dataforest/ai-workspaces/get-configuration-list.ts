import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { AI_APP_SPEC_DOC_NOTES, DOCS, idRequest, ncpErrors, noSuchResource, resultFields } from '../common.ts';
import { mnistConfiguration } from './example-configuration.ts';
import { AiWorkspaceConfig, sampleConfigurationEntry } from './get-detail.ts';

export const GetAiWorkspaceConfigurationListRequest = idRequest(
  'GetAiWorkspaceConfigurationListRequest',
  'AI workspace id, from aiworkspaces getList.',
);

export const GetAiWorkspaceConfigurationListResponse = z
  .object({
    ...resultFields,
    total: z.number().int().meta({ description: 'Number of configurations in the list.' }),
    contents: z.array(AiWorkspaceConfig).optional().meta({ description: 'The saved configurations of the workspace.' }),
  })
  .meta({ id: 'GetAiWorkspaceConfigurationListResponse', xml: { name: 'GetAiWorkspaceConfigurationListResponse' } });

export const aiWorkspacesGetConfigurationList = defineOperation({
  operationId: 'aiWorkspacesGetConfigurationList',
  method: 'post',
  path: '/api/v2/aiworkspaces/getConfigurationList',
  summary: 'List the configurations of an AI workspace',
  description: 'Returns the saved configurations (AI app specs) of an AI workspace.',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-getconfigurationlist`,
  safety: 'read',
  request: { body: GetAiWorkspaceConfigurationListRequest },
  responses: {
    200: { description: 'The configurations.', body: GetAiWorkspaceConfigurationListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A workspace with one configuration',
      request: { body: { id: '5R4q4qDy7AafDHz9IeTIfu' } },
      response: {
        status: 200,
        body: {
          success: true,
          total: 1,
          contents: [
            {
              configuration: mnistConfiguration,
              createdAt: '2024-11-21T10:15:30+09:00',
              modifiedAt: '2024-11-21T10:15:30+09:00',
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
        xml: '<?xml version="1.0" encoding="UTF-8"?> <GetAiWorkspaceConfigurationListRequest> <id>string</id> </GetAiWorkspaceConfigurationListRequest>',
      },
      response: {
        status: 200,
        body: {
          contents: [sampleConfigurationEntry('2023-05-15T02:36:35.618Z')],
          message: 'string',
          success: true,
          total: 0,
        },
      },
    },
    {
      name: 'no-such-workspace',
      summary: 'The AI workspace does not exist',
      outcome: noSuchResource('/body/id', 'AI workspace'),
      request: { body: { id: 'Zq1XyJ4kPo8LmN2bVc7RtS' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  inputs: [{ target: '/body/id', from: { operationId: 'aiWorkspacesGetList', pointer: '/contents/0/id' } }],
  docNotes: [
    'The path /api/v2/aiworkspaces/getConfigurationList was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group and the operation name.',
    'The data-type page describes total as the number of AI workspaces, but the list holds the configurations of one workspace; the description says what it counts.',
    'The response XML sample is cut off in every copy (inside userPackageUri), so the schema-sample keeps the JSON sample and its XML is generated.',
    ...AI_APP_SPEC_DOC_NOTES,
  ],
});
