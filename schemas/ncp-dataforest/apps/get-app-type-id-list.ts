import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, ncpErrors, resultFields } from '../common.ts';

/** An app type with its version, as getAppTypeIdList lists it. */
export const AppTypeId = z
  .string()
  .max(60)
  .meta({ description: 'App type and version, `<TYPE>-<version>` (from apps getAppTypeIdList).', example: 'DEV-1.0.0' });

export const GetAppTypeIdListResponse = z
  .object({
    ...resultFields,
    contents: z.array(AppTypeId).meta({ description: 'Every app type id that can be created.' }),
  })
  .meta({ id: 'GetAppTypeIdListResponse', xml: { name: 'GetAppTypeIdListResponse' } });

export const appsGetAppTypeIdList = defineOperation({
  operationId: 'appsGetAppTypeIdList',
  method: 'post',
  path: '/api/v2/apps/getAppTypeIdList',
  summary: 'List app type ids',
  description: 'Lists the app types (with their versions) that Data Forest can create. The request has no body.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-getapptypeidlist`,
  safety: 'read',
  request: {},
  responses: {
    200: { description: 'The app type ids.', body: GetAppTypeIdListResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'The current catalogue',
      request: {},
      response: {
        status: 200,
        body: {
          success: true,
          contents: [
            'DEV-1.0.0',
            'ELASTICSEARCH-7.3.2',
            'GRAFANA-7.5.10',
            'HBASE-2.0.0',
            'HBASE-2.2.3',
            'HIVESERVER2-LDAP-3.1.0',
            'HUE-4.7.0',
            'KAFKA-2.4.0',
            'KIBANA-7.3.2',
            'OPENTSDB-2.4.1',
            'PHOENIX-5.0.0',
            'SPARK-HISTORYSERVER-3.1.2',
            'TRINO-437',
            'ZEPPELIN-0.10.1',
            'ZOOKEEPER-3.4.13',
          ],
        },
      },
    },
    {
      name: 'schema-sample',
      summary: 'The response body sample of the reference page, with its XML',
      request: {},
      response: {
        status: 200,
        body: { contents: ['string'], message: 'string', success: true },
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<GetAppTypeIdListResponse>\n    <contents>string</contents>\n    <message>string</message>\n    <success>true</success>\n</GetAppTypeIdListResponse>',
      },
    },
  ],
  docNotes: [
    'The old example lists GRAFANA-7.0.3 and the new one GRAFANA-7.5.10, so the catalogue changes over time: the schema does not enumerate app type ids, and the default example is the newer list.',
  ],
});
