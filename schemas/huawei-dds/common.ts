import { z } from 'zod';
import { ProjectId } from '../_huawei/common.ts';

export const DOCS = 'https://support.huaweicloud.com/intl/en-us/api-dds';

/** DDS ids are 32 hex characters followed by a kind suffix: `inNN` for instances, `noNN` for nodes. */
export const InstanceId = z
  .string()
  .regex(/^[0-9a-f]{32}in\d{2}$/, 'a DDS instance id: 32 hex characters followed by inNN')
  .meta({ description: 'Instance ID.', example: 'da304cd5bbb944de828759bc7be3d3fein01' });

export const NodeId = z
  .string()
  .regex(/^[0-9a-f]{32}no\d{2}$/, 'a DDS node id: 32 hex characters followed by noNN')
  .meta({
    description: 'Node ID: any mongos, shard or config node of a cluster, or any node of a replica set or single-node instance.',
    example: '520c58ba00a3497e97ce0b9604874dd6no02',
  });

export const NodePath = z.object({ project_id: ProjectId, node_id: NodeId });

/** Values the examples share, so listing instances, listing sessions and killing them read as one story. */
export const EXAMPLE = {
  projectId: '619d3e78f61b4be68bc5aa0b59edcf7b',
  instanceId: 'da304cd5bbb944de828759bc7be3d3fein01',
  /** The primary of the replica set above. */
  nodeId: '520c58ba00a3497e97ce0b9604874dd6no02',
} as const;
