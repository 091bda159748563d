import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, idResponse, ncpErrors, QUOTA_EXCEEDED, ResourceId } from '../common.ts';
import { AppName } from './check-available-name.ts';
import { AppTypeId } from './get-app-type-id-list.ts';

/** Seconds from 300 to 7 days, or -1 for an app that never expires. */
export const AppLifetime = z
  .union([
    z.literal(-1).meta({ description: 'Never expires.' }),
    z.int32().min(300).max(604800).meta({ description: 'Seconds, 300 to 604800 (7 days).' }),
  ])
  .meta({ description: 'How long the app runs, in seconds (300-604800), or -1 for no limit.', example: 604800 });

export const AppComponentRequest = z
  .object({
    name: z.string().meta({ description: 'Component name, as getAppBasicSetting lists it.', example: 'broker' }),
    memoryMb: z.int32().nonnegative().meta({ description: 'Memory per container, in MB.', example: 2048 }),
    cpuCount: z.int32().nonnegative().meta({ description: 'CPUs per container.', example: 1 }),
    containerCount: z.int32().nonnegative().meta({ description: 'Number of containers.', example: 1 }),
  })
  .meta({ id: 'AppComponentRequest' });

export const CreateAppRequest = z
  .object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    queueName: z.string().max(60).meta({ description: 'YARN queue; `longlived` is the one to use.', example: 'longlived' }),
    appTypeId: AppTypeId,
    name: AppName,
    lifetime: AppLifetime,
    description: z.string().max(2048).optional().meta({ description: 'Free text, up to 2048 characters.' }),
    dependentIds: z
      .array(ResourceId)
      .optional()
      .meta({ description: 'Ids of the apps this app depends on, from getAppBasicSetting dependableApp.candidates.' }),
    components: z
      .array(AppComponentRequest)
      .min(1)
      .meta({ description: 'Resources of each component of the app type (an app is made of at least one).' }),
  })
  .meta({ id: 'CreateAppRequest', xml: { name: 'CreateAppRequest' } });

export const CreateAppResponse = idResponse('CreateAppResponse', 'Id of the new app.');

const kafkaApp = {
  accountId: 'x4hFQJ88q0be79VRB2eK7c',
  queueName: 'longlived',
  appTypeId: 'KAFKA-2.4.0',
  name: 'kafka001',
  lifetime: 604800,
  description: 'Kafka broker for the ingest pipeline',
  dependentIds: ['g7YOMQ0QwFXb5XINOzfd3N'],
  components: [
    { name: 'broker', memoryMb: 2048, cpuCount: 4, containerCount: 1 },
    { name: 'kafka-manager', memoryMb: 2048, cpuCount: 1, containerCount: 1 },
  ],
};

export const appsCreate = defineOperation({
  operationId: 'appsCreate',
  method: 'post',
  path: '/api/v2/apps/create',
  summary: 'Create an app',
  description:
    'Creates a Data Forest app (a YARN service) of an app type in an account. getAppBasicSetting gives the components, the apps it can depend on and the queues to use.',
  tags: ['Apps'],
  docUrl: `${DOCS}/analytics-dataforest-apps-create`,
  safety: 'write',
  request: { body: CreateAppRequest },
  responses: {
    200: { description: 'The app was created.', body: CreateAppResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A Kafka app that depends on an existing ZooKeeper app',
      request: { body: kafkaApp },
      response: { status: 200, body: { success: true, id: 'R6wJd0tLq8XbN3sVc5Hz2e' } },
    },
    {
      name: 'quota-exceeded',
      summary: 'The account may not create more apps',
      outcome: QUOTA_EXCEEDED,
      request: { body: { ...kafkaApp, name: 'kafka002' } },
      response: { status: 400, body: { error: { message: 'exceeded limit on resource quota', success: false } } },
    },
  ],
  docNotes: [
    'The new page says the response body is CreateAppRequest; the example answers {success, id} like every other app operation, so the schema models that, under the XML root CreateAppResponse by the naming convention (no response XML was documented).',
    'queueName: the operation pages give longlived as the default (the old one says only longlived can be used) while the CreateAppRequest page says dev; the schema takes any queue name of up to 60 characters and the examples use longlived.',
    'dependentIds is an array on the operation pages and String on the CreateAppRequest page; components is required and an array on the operation pages, optional and a single AppComponentRequest on the data-type page. The schema follows the operation pages.',
    'The old request XML sample is cut off in every copy and the old JSON sample sends lifetime 0, outside the documented 300-604800 (or -1); neither is kept as an example, and the XML of the default example is generated.',
    'The new example answers with the id of app001 from the getDetail page for a new Kafka app; the default example gives the new app its own id.',
    'The docs give components no minimum; the schema requires at least one, since an app is made of its components and getDetail returns at least one.',
  ],
});
