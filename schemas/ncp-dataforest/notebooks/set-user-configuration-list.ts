import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, ResourceId, resultFields } from '../common.ts';

/** Which setting of which component, and its value: what every user-configuration shape starts with. */
export const userConfigurationFields = {
  componentName: z.string().meta({ description: 'Component the setting belongs to.', example: 'Jupyter Lab' }),
  name: z.string().meta({ description: 'Setting name, from notebooks getUserConfigurationSpecList.', example: 'Access Password' }),
  value: z.string().meta({ description: 'Setting value.' }),
};

export const NotebookUserConfigurationValue = z
  .object(userConfigurationFields)
  .meta({ id: 'NotebookUserConfigurationValue', description: 'A user setting of a notebook and the value to give it.' });

export const SetNotebookUserConfigurationListRequest = z
  .object({
    id: ResourceId.meta({ description: 'Notebook id, from notebooks getList.' }),
    userConfigurations: z
      .array(NotebookUserConfigurationValue)
      .min(1)
      .meta({ description: 'Settings to change; each value must match the regularExpression its spec gives.' }),
  })
  .meta({ id: 'SetNotebookUserConfigurationListRequest', xml: { name: 'SetNotebookUserConfigurationListRequest' } });

export const SetNotebookUserConfigurationListResponse = z
  .object(resultFields)
  .meta({ id: 'SetNotebookUserConfigurationListResponse', xml: { name: 'SetNotebookUserConfigurationListResponse' } });

export const notebooksSetUserConfigurationList = defineOperation({
  operationId: 'notebooksSetUserConfigurationList',
  method: 'post',
  path: '/api/v2/notebooks/setUserConfigurationList',
  summary: "Change a notebook's user settings",
  description:
    'Sets user settings of a notebook, such as the Jupyter Lab password or the Object Storage keys; notebooks getUserConfigurationSpecList lists the settings and the format of their values.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-setuserconfigurationlist`,
  safety: 'write',
  request: { body: SetNotebookUserConfigurationListRequest },
  responses: {
    200: { description: 'The settings were changed.', body: SetNotebookUserConfigurationListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Change the Jupyter Lab password',
      request: {
        body: {
          id: '57LdGyOt7xXefniX27qWkp',
          userConfigurations: [{ name: 'Access Password', value: 'Forest01', componentName: 'Jupyter Lab' }],
        },
      },
      response: { status: 200, body: { success: true } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string', userConfigurations: [{ componentName: 'string', name: 'string', value: 'string' }] },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<SetNotebookUserConfigurationListRequest>\n  <id>string</id>\n  <userConfigurations>\n    <componentName>string</componentName>\n    <name>string</name>\n    <value>string</value>\n  </userConfigurations>\n</SetNotebookUserConfigurationListRequest>',
      },
      response: {
        status: 200,
        body: { message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n  <SetNotebookUserConfigurationListResponse>\n      <message>string</message>\n      <success>true</success>\n  </SetNotebookUserConfigurationListResponse>',
      },
    },
  ],
  docNotes: [
    'The parameter table types userConfigurations as String in every language, but the JSON and XML samples and the example send an array of {componentName, name, value}; the schema expects that array.',
    'The example sets the Access Password to qaz123QAZ!@#, which breaks the ^[a-zA-Z][a-zA-Z0-9]{1,7}$ rule getUserConfigurationSpecList gives for it; values are checked against each spec by the service, so the schema leaves them free and the default example uses a password that meets the rule.',
    'The curl example calls the beta gateway df.beta-apigw.ntruss.com while every other example uses df.apigw.ntruss.com; the spec keeps the production gateway.',
    'The realistic response example is missing from every copy; the default example answers with success alone, as the other notebook mutations do.',
  ],
});
