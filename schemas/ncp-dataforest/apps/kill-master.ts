import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idRequest, idResponse, ncpErrors, noSuchResource } from '../common.ts';

export const KillAppMasterRequest = idRequest('KillAppMasterRequest', 'App id, from apps getList.');

export const KillAppMasterResponse = idResponse('KillAppMasterResponse', 'Id of the app.');

export const appsKillMaster = defineOperation({
  operationId: 'appsKillMaster',
  method: 'post',
  path: '/api/v2/apps/killMaster',
  summary: "Restart an app's application master",
  description: 'Kills the YARN application master of a Data Forest app, which YARN then restarts.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-killmaster`,
  safety: 'destructive',
  request: { body: KillAppMasterRequest },
  responses: {
    200: { description: 'The kill was accepted.', body: KillAppMasterResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Restart the master of an app',
      request: { body: { id: 'A4LI7d5mRn1f6M2HxZAEE2' } },
      response: { status: 200, body: { success: true, message: 'success', id: 'A4LI7d5mRn1f6M2HxZAEE2' } },
    },
    {
      name: 'schema-sample',
      summary: 'The body samples of the reference page, with their XML',
      request: {
        body: { id: 'string' },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAppMasterRequest>\n    <id>string</id>\n</KillAppMasterRequest>',
      },
      response: {
        status: 200,
        body: { id: 'string', message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<KillAppMasterResponse>\n    <id>string</id>\n    <message>string</message>\n    <success>true</success>\n</KillAppMasterResponse>',
      },
    },
    {
      name: 'no-such-app',
      summary: 'The app does not exist',
      outcome: noSuchResource('/body/id', 'app'),
      request: { body: { id: 'ZU0bnYbeokqeKVwdus92nH' } },
      response: { status: 404, body: { error: { message: 'no such element', success: false } } },
    },
  ],
  docNotes: [
    'The old request example has a trailing comma (invalid JSON) and answers with another app id (ZU0bnYbeokqeKVwdus92nH) than the one it kills; the default example is the corrected request answered with the same id.',
  ],
});
