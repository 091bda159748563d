import { z } from 'zod';
import { ProjectId } from '../_huawei/common.ts';

export const DOCS = 'https://support.huaweicloud.com/intl/en-us/api-dcs';

export const InstanceId = z.uuid().meta({ description: 'DCS instance ID (a UUID).', example: '5560df16-cebf-4473-95c4-d1b573c16e79' });

/**
 * The node lists answer 32 hex characters (`8a2c26c17f4d6516017f4d7b77940030`) while the kill-all example sends a
 * UUID (`8f7ee181-88e2-49b7-a4bf-81f18f93a135`); both shapes are accepted.
 */
export const NodeId = z
  .string()
  .regex(/^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, 'a DCS node id: 32 hex characters or a UUID')
  .meta({ description: 'Node ID, as showNodesInformation returns it in `node_id`.', example: '8a2c26c17f4d6516017f4d7b77940030' });

/** Every documented job id is 32 lower-case hex characters; the pages themselves only say "string". */
export const JobId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a DCS job id: 32 hex characters')
  .meta({ description: 'ID of an asynchronous DCS job.', example: '8abf6e1e824dfcb201824e02ee9a0015' });

export const InstancePath = z.object({ project_id: ProjectId, instance_id: InstanceId });

/** Values the examples share, so the kill, list and job examples read as one story. */
export const EXAMPLE = {
  projectId: '0123456789abcdef0123456789abcdef',
  instanceId: '5560df16-cebf-4473-95c4-d1b573c16e79',
  /** The data node of a master/standby instance, as showNodesInformation lists it. */
  nodeId: '8a2c26c17f4d6516017f4d7b77940030',
  killJobId: '8abf6e1e824dfcb201824e02ee9a0015',
} as const;
