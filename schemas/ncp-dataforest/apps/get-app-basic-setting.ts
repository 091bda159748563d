import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, NOT_ALLOWED_DOC_NOTE, ncpErrors, noSuchResource, ResourceId, resultFields } from '../common.ts';
import { AppTypeId } from './get-app-type-id-list.ts';
import { AppTemplate, DEV_TEMPLATE, TEMPLATE_DOC_NOTES } from './get-app-type-template.ts';
import { APP_RESPONSE_DOC_NOTES, AppResponse } from './get-list.ts';

export const AppDependableApp = z
  .object({
    appTypeName: z.string().optional().meta({ description: 'App type the new app depends on.', example: 'ZOOKEEPER' }),
    appTypeVersion: z.string().optional().meta({ description: 'Version of that app type.', example: '3.4.13' }),
    candidates: z
      .array(AppResponse)
      .optional()
      .meta({ description: 'Existing apps of that type; pass their ids as dependentIds to apps create.' }),
  })
  .meta({ id: 'AppDependableApp', description: 'The app type an app of this type depends on, and the apps that can serve.' });

export const GetAppBasicSettingRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    appTypeId: AppTypeId,
  })
  .meta({ id: 'GetAppBasicSettingRequest', xml: { name: 'GetAppBasicSettingRequest' } });

export const GetAppBasicSettingResponse = z
  .object({
    ...resultFields,
    template: AppTemplate,
    dependableApp: AppDependableApp.optional(),
    appMasterCpuCount: z.number().int().meta({ description: 'CPUs of the YARN application master.' }),
    appMasterMemoryMb: z.number().int().meta({ description: 'Memory of the YARN application master, in MB.' }),
    publicQueueNames: z.string().optional().meta({ description: 'Public YARN queue names.' }),
    privateQueueNames: z.string().optional().meta({ description: 'Private YARN queue names.' }),
  })
  .meta({ id: 'GetAppBasicSettingResponse', xml: { name: 'GetAppBasicSettingResponse' } });

export const appsGetAppBasicSetting = defineOperation({
  operationId: 'appsGetAppBasicSetting',
  method: 'post',
  path: '/api/v2/apps/getAppBasicSetting',
  summary: 'Get the creation defaults of an app type',
  description:
    'Returns what creating an app of one app type in an account starts from: the template, the apps it can depend on, the application master resources and the queues.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-getappbasicsetting`,
  safety: 'read',
  request: { body: GetAppBasicSettingRequest },
  responses: {
    200: { description: 'The creation defaults.', body: GetAppBasicSettingResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'The defaults of the DEV app type',
      request: { body: { accountId: 'ArvQ8mZ2cLp4sWd7Tkfn', appTypeId: 'DEV-1.0.0' } },
      response: {
        status: 200,
        body: {
          success: true,
          template: DEV_TEMPLATE,
          appMasterCpuCount: 1,
          appMasterMemoryMb: 1024,
          publicQueueNames: 'longlived',
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page (the response sample is cut off after its candidates)',
      request: {
        body: { accountId: 'string', appTypeId: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppBasicSettingRequest>\n    <accountId>string</accountId>\n    <appTypeId>string</appTypeId>\n</GetAppBasicSettingRequest>',
      },
      response: {
        status: 200,
        body: {
          appMasterCpuCount: 0,
          appMasterMemoryMb: 0,
          dependableApp: {
            appTypeName: 'string',
            appTypeVersion: 'string',
            candidates: [
              {
                accountId: 'string',
                accountName: 'string',
                disabled: true,
                finishedAt: '2023-05-08T01:40:31.591Z',
                id: 'string',
                lifetimeMillis: 0,
                name: 'string',
                queueName: 'longlived',
                startedAt: '2023-05-08T01:40:31.591Z',
                state: 'string',
              },
            ],
          },
          message: 'string',
          success: true,
          template: 'string',
        },
      },
    },
    {
      name: 'not-allowed',
      summary: 'An account that is not yours',
      outcome: noSuchResource('/body/accountId', 'account of the caller'),
      request: { body: { accountId: 'adlZem05uh2coBZJ0SOWge', appTypeId: 'DEV-1.0.0' } },
      response: { status: 403, body: { error: { message: 'not allowed to access', success: false } } },
    },
  ],
  inputs: [
    { target: '/body/accountId', from: { operationId: 'accountsGetList', pointer: '/contents/0/id' } },
    { target: '/body/appTypeId', from: { operationId: 'appsGetAppTypeIdList', pointer: '/contents/0' } },
  ],
  docNotes: [
    NOT_ALLOWED_DOC_NOTE,
    'The DependableApp page types candidates as a single AppResponse, the sample sends an array; the schema expects an array.',
    'publicQueueNames and privateQueueNames are typed String although their names are plural, and no sample value survives; the schema follows the declared type, so a list sent live shows up as a type-change finding.',
    "The new response example is cut off inside the template, so the default example's application master resources and queue name are plausible values, not documented ones.",
    'The response body sample is cut off after dependableApp in every copy and its XML was not reached; the schema-sample keeps the sample up to the cut and ends it with the required template and success (placeholder values), and its XML is generated.',
    ...TEMPLATE_DOC_NOTES,
    ...APP_RESPONSE_DOC_NOTES,
  ],
});
