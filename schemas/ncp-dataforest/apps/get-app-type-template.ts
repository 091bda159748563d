import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';
import { AppTypeId } from './get-app-type-id-list.ts';

export const AppTemplate = z.string().meta({
  description:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: names the template's own placeholders, which are not JavaScript
    'The app type template: a YARN service specification serialized as JSON text, with `<app-name>`, `{{…}}` and `${…}` placeholders that Data Forest and YARN fill in.',
});

/**
 * The DEV-1.0.0 template as the new pages show it, cut short where they cut it and repaired into valid JSON
 * (see the doc notes); built with JSON.stringify so the example cannot drift into invalid JSON again.
 */
export const DEV_TEMPLATE = JSON.stringify({
  name: '<app-name>',
  lifetime: 604800,
  queue: 'dev',
  description: 'DEV-1.0.0',
  artifact: { id: '{{DEFAULT_DOCKER_REGISTRY}}/dataforest/df-env:20211229', type: 'DOCKER' },
  quicklinks: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: YARN fills this placeholder at creation, not JavaScript
    shell: 'https://${USER}--${SERVICE_NAME}--shell--8080.{{YARN_SERVICE_PROXY_DOMAIN}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: YARN fills this placeholder at creation, not JavaScript
    supervisor: 'https://${USER}--${SERVICE_NAME}--shell--9001.{{YARN_SERVICE_PROXY_DOMAIN}}',
  },
  configuration: {
    env: {
      KRB5_KTNAME: '/etc/security/keytabs/{{USER}}.service.keytab',
      YARN_CONTAINER_RUNTIME_DOCKER_LIMIT_MEMORY: 'true',
      TERM: 'xterm-256color',
    },
  },
});

/** Doc contradictions of the template text, shared with getAppBasicSetting, which returns the same template. */
export const TEMPLATE_DOC_NOTES: string[] = [
  'The documented template is cut off in every copy and, unescaped, is not valid JSON (a stray `",` after lifetime, a `supervisor ` key with a trailing space, `"lifetime":integer` and a masked image tag on the getAppTypeTemplate page); the schema types template as a string, and the default example carries the visible part repaired into valid JSON.',
];

export const GetAppTypeTemplateRequest = z
  .object({ appTypeId: AppTypeId })
  .meta({ id: 'GetAppTypeTemplateRequest', xml: { name: 'GetAppTypeTemplateRequest' } });

export const GetAppTypeTemplateResponse = z
  .object({ ...resultFields, template: AppTemplate })
  .meta({ id: 'GetAppTypeTemplateResponse', xml: { name: 'GetAppTypeTemplateResponse' } });

export const appsGetAppTypeTemplate = defineOperation({
  operationId: 'appsGetAppTypeTemplate',
  method: 'post',
  path: '/api/v2/apps/getAppTypeTemplate',
  summary: 'Get the template of an app type',
  description: 'Returns the YARN service specification that Data Forest uses to create apps of one app type.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-getapptypetemplate`,
  safety: 'read',
  request: { body: GetAppTypeTemplateRequest },
  responses: {
    200: { description: 'The template of the app type.', body: GetAppTypeTemplateResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'The template of the DEV app type',
      request: { body: { appTypeId: 'DEV-1.0.0' } },
      response: { status: 200, body: { success: true, template: DEV_TEMPLATE } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { appTypeId: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppTypeTemplateRequest>\n    <appTypeId>string</appTypeId>\n</GetAppTypeTemplateRequest>',
      },
      response: {
        status: 200,
        body: { message: 'string', success: true, template: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppTypeTemplateResponse>\n    <message>string</message>\n    <success>true</success>\n    <template>string</template>\n</GetAppTypeTemplateResponse>',
      },
    },
    {
      name: 'no-such-app-type',
      summary: 'An app type id that does not exist',
      outcome: { from: 'request', why: 'the app type id names no app type', nonexistent: '/body/appTypeId' },
      request: { body: { appTypeId: 'DEV-0.0.1' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  inputs: [{ target: '/body/appTypeId', from: { operationId: 'appsGetAppTypeIdList', pointer: '/contents/0' } }],
  docNotes: TEMPLATE_DOC_NOTES,
});
