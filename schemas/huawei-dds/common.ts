import { z } from 'zod';
import { ProjectId } from '../_huawei/common.ts';

export const DOCS = 'https://support.huaweicloud.com/intl/en-us/api-dds';

/** DDS ids are 32 hex characters followed by a kind suffix: `in01` for instances, `no02` for nodes. */
export const NodeId = z
  .string()
  .regex(/^[0-9a-f]{32}no\d{2}$/, 'a DDS node id: 32 hex characters followed by noNN')
  .meta({ description: 'Node ID: any mongos, shard or config node of a cluster, or the primary or a secondary of a replica set.', example: '520c58ba00a3497e97ce0b9604874dd6no02' });

export const NodePath = z.object({ project_id: ProjectId, node_id: NodeId });
