import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { AI_APP_SPEC_DOC_NOTES, AiAppTypeSpec, DOCS, idResponse, ncpErrors, noSuchResource, ResourceId } from '../common.ts';
import { mnistConfiguration } from './example-configuration.ts';

export const SetAiWorkspaceConfigurationRequest = z
  .object({
    id: ResourceId.meta({ description: 'AI workspace id, from aiworkspaces getList.' }),
    configuration: AiAppTypeSpec,
  })
  .meta({ id: 'SetAiWorkspaceConfigurationRequest', xml: { name: 'SetAiWorkspaceConfigurationRequest' } });

export const SetAiWorkspaceConfigurationResponse = idResponse('SetAiWorkspaceConfigurationResponse', 'Id of the AI workspace.');

export const aiWorkspacesSetConfiguration = defineOperation({
  operationId: 'aiWorkspacesSetConfiguration',
  method: 'post',
  path: '/api/v2/aiworkspaces/setConfiguration',
  summary: 'Change the configuration of an AI workspace',
  description: 'Replaces the AI app spec an AI workspace runs with.',
  tags: ['AI Workspaces'],
  docUrl: `${DOCS}/analytics-dataforest-aiworkspaces-setconfiguration`,
  safety: 'write',
  request: { body: SetAiWorkspaceConfigurationRequest },
  responses: {
    200: { description: 'The configuration was saved.', body: SetAiWorkspaceConfigurationResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Give the MNIST workspace two GPUs',
      request: {
        body: {
          id: '5R4q4qDy7AafDHz9IeTIfu',
          configuration: { ...mnistConfiguration, resource: { ...mnistConfiguration.resource, gpuCount: 2 } },
        },
      },
      response: { status: 200, body: { success: true, id: '5R4q4qDy7AafDHz9IeTIfu' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with the request XML (no response XML was reached)',
      request: {
        body: {
          configuration: {
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
            name: 'string',
            queueName: 'gpu',
            resource: { cpuCount: 0, gpuCount: 0, gpuModel: 'T4', memoryMb: 0 },
            userPackageUri: 'string',
          },
          id: 'string',
        },
        xml: '<?xml version="1.0" encoding="UTF-8"?> <SetAiWorkspaceConfigurationRequest> <configuration> <data> <input> <hdfs>string</hdfs> <path>string</path> </input> <output> <hdfs>string</hdfs> <overwrite>true</overwrite> <path>string</path> </output> </data> <docker> <args>string</args> <command>string</command> <env> <additionalProp>string</additionalProp> </env> <exposeTcpPorts>0</exposeTcpPorts> <image>string</image> <workdir>string</workdir> </docker> <name>string</name> <queueName>gpu</queueName> <resource> <cpuCount>0</cpuCount> <gpuCount>0</gpuCount> <gpuModel>T4</gpuModel> <memoryMb>0</memoryMb> </resource> <userPackageUri>string</userPackageUri> </configuration> <id>string</id> </SetAiWorkspaceConfigurationRequest>',
      },
      response: { status: 200, body: { id: 'string', message: 'string', success: true } },
    },
    {
      name: 'no-such-workspace',
      summary: 'The AI workspace does not exist',
      outcome: noSuchResource('/body/id', 'AI workspace'),
      request: { body: { id: 'Zq1XyJ4kPo8LmN2bVc7RtS', configuration: mnistConfiguration } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The path /api/v2/aiworkspaces/setConfiguration was not seen verbatim (the examples section of every copy is cut off); it follows the verified paths of the group and the operation name.',
    'The response XML root was not reached; the schema uses SetAiWorkspaceConfigurationResponse by the naming convention of the group.',
    'The JSON request sample names its env variables additionalProp1..3 while the XML sample has a single additionalProp; the schema-sample JSON says what the XML says.',
    'The English parameter table calls the id "aiWorkspaceId" in its description while the field is id; the schema uses id, as both samples do.',
    ...AI_APP_SPEC_DOC_NOTES,
  ],
});
