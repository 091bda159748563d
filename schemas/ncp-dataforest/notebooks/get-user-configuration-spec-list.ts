import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';
import { NotebookTypeName } from './get-type-list.ts';
import { userConfigurationFields } from './set-user-configuration-list.ts';

export const NotebookUserConfigurationSpec = z
  .object({
    ...userConfigurationFields,
    value: userConfigurationFields.value.meta({ description: 'Default value; empty when there is none.' }),
    regularExpression: z.string().meta({ description: 'Pattern the value must match.', example: '^[a-zA-Z][a-zA-Z0-9]{1,7}$' }),
    isMasking: z.boolean().meta({ description: 'Whether the value is a secret shown masked.' }),
    isMandatory: z.boolean().meta({ description: 'Whether notebooks create must set it.' }),
  })
  .meta({ id: 'NotebookUserConfigurationSpec', description: 'A user setting a notebook type takes, and the format of its value.' });

export const GetNotebookUserConfigurationSpecListRequest = z
  .object({ typeName: NotebookTypeName })
  .meta({ id: 'GetNotebookUserConfigurationSpecListRequest', xml: { name: 'GetNotebookUserConfigurationSpecListRequest' } });

export const GetNotebookUserConfigurationSpecListResponse = z
  .object({
    ...resultFields,
    userConfigurationSpecs: z.array(NotebookUserConfigurationSpec).meta({ description: 'The settings of the notebook type.' }),
  })
  .meta({
    id: 'GetNotebookUserConfigurationSpecListResponse',
    xml: { name: 'GetNotebookUserConfigurationSpecListResponse' },
  });

export const notebooksGetUserConfigurationSpecList = defineOperation({
  operationId: 'notebooksGetUserConfigurationSpecList',
  method: 'post',
  path: '/api/v2/notebooks/getUserConfigurationSpecList',
  summary: 'List the user settings of a notebook type',
  description:
    'Lists the user settings a notebook of the given type takes (passwords, Object Storage keys…), whether each is mandatory, and the pattern its value must match. notebooks create and setUserConfigurationList send values for them.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-getuserconfigurationspeclist`,
  safety: 'read',
  request: { body: GetNotebookUserConfigurationSpecListRequest },
  responses: {
    200: { description: 'The user settings.', body: GetNotebookUserConfigurationSpecListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'The settings of Jupyter Lab',
      request: { body: { typeName: 'Jupyter Lab' } },
      response: {
        status: 200,
        body: {
          success: true,
          userConfigurationSpecs: [
            {
              name: 'Access Password',
              value: '',
              componentName: 'Jupyter Lab',
              regularExpression: '^[a-zA-Z][a-zA-Z0-9]{1,7}$',
              isMasking: true,
              isMandatory: true,
            },
            {
              name: 'Access Key',
              value: '',
              componentName: 'Object Storage',
              regularExpression: '.*',
              isMasking: true,
              isMandatory: false,
            },
            {
              name: 'Secret Key',
              value: '',
              componentName: 'Object Storage',
              regularExpression: '.*',
              isMasking: true,
              isMandatory: false,
            },
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The request body sample of the reference page, with its XML (the page has no response sample)',
      request: {
        body: { typeName: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetNotebookUserConfigurationSpecListRequest>\n  <typeName>string</typeName>\n</GetNotebookUserConfigurationSpecListRequest>',
      },
      response: {
        status: 200,
        body: {
          message: 'string',
          success: true,
          userConfigurationSpecs: [
            {
              componentName: 'string',
              isMandatory: true,
              isMasking: true,
              name: 'string',
              regularExpression: 'string',
              value: 'string',
            },
          ],
        },
      },
    },
  ],
  inputs: [{ target: '/body/typeName', from: { operationId: 'notebooksGetTypeList', pointer: '/contents/0/typeName' } }],
  docNotes: [
    'No copy of the page has a response schema or XML sample, only a realistic example; the XML root GetNotebookUserConfigurationSpecListResponse follows the request root, and the schema-sample response is written in the style of the other samples.',
    'The list field is userConfigurationSpecs here while every other notebook list uses contents; the schema follows this page.',
    'The realistic example is cut off in the third setting (Secret Key); the default example completes it like the Access Key setting of the same component.',
    'The Access Password pattern ^[a-zA-Z][a-zA-Z0-9]{1,7}$ is broken by the password the setUserConfigurationList example sends (qaz123QAZ!@#); the pattern is reported as the service sends it.',
  ],
});
