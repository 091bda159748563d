import { z } from 'zod';
import { huaweiErrors, noSuchResource } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, InstanceId, InstancePath, NodeId } from '../common.ts';

export const DcsMetricDimension = z
  .object({
    name: z.string().meta({ description: 'Dimension name: dcs_instance_id, then dcs_cluster_redis_node.' }),
    value: z.string().meta({ description: 'Dimension value.' }),
  })
  .meta({ id: 'DcsMetricDimension', description: 'A Cloud Eye monitoring dimension of a replica.' });

export const DcsNode = z
  .object({
    node_id: NodeId.meta({ description: 'Node ID: what listClients, scanClients and hangUpKillAllClients take.' }),
    logical_node_id: z.string().meta({ description: 'Logical node ID.' }),
    name: z.string().meta({ description: 'Node name.' }),
    status: z
      .enum(['Creating', 'Active', 'Inactive', 'Deleting', 'AddSharding'])
      .meta({ description: 'Active: running; Inactive: faulty; AddSharding: shards are being added.' }),
    node_role: z
      .enum(['redis-server', 'redis-proxy'])
      .meta({ description: 'redis-proxy nodes hold the sessions of proxy instances, redis-server nodes those of the others.' }),
    node_type: z.enum(['master', 'slave', 'proxy']).meta({ description: 'Replication role; proxy for proxy nodes.' }),
    node_ip: z.string().meta({ description: 'Node IP address.' }),
    node_port: z.string().regex(/^\d+$/, 'a port number').meta({ description: 'Node port, as a string of digits.' }),
    az_code: z.string().optional().meta({ description: 'Availability zone code.' }),
    priority_weight: z.number().int().optional().meta({ description: 'Weight of the replica when a new master is chosen.' }),
    is_access: z.boolean().optional().meta({ description: 'Whether the node IP can be reached directly.' }),
    group_id: z.string().optional().meta({ description: 'Shard ID.' }),
    group_name: z.string().optional().meta({ description: 'Shard name.' }),
    is_remove_ip: z.boolean().optional().meta({ description: 'Whether the IP was removed from the read-only domain name.' }),
    replication_id: z.string().optional().meta({ description: 'Replica ID.' }),
    dimensions: z
      .array(DcsMetricDimension)
      .optional()
      .meta({ description: 'The two Cloud Eye dimensions that address the replica (instance, then monitored object).' }),
  })
  .meta({ id: 'DcsNode', description: 'One node of a DCS instance.' });

export const ShowNodesInformationResponse = z
  .object({
    instance_id: InstanceId,
    total: z.number().int().min(0).meta({ description: 'Number of nodes.' }),
    nodes: z.array(DcsNode),
  })
  .meta({ id: 'ShowNodesInformationResponse' });

const group = { group_id: 'ace962d1-7841-4e50-9313-c239fd75dee3', group_name: 'group-0' };

export const showNodesInformation = defineOperation({
  operationId: 'showNodesInformation',
  method: 'get',
  path: '/v2/{project_id}/instances/{instance_id}/logical-nodes',
  summary: 'List the nodes of an instance',
  description:
    'Returns every node of an instance with its role and type, which tells which node_id the session operations need: a redis-proxy node for proxy instances, a redis-server node otherwise. Redis 4.0 and later.',
  tags: ['Nodes'],
  docUrl: `${DOCS}/ShowNodesInformation.html`,
  safety: 'read',
  request: { params: InstancePath },
  responses: {
    200: { description: 'The nodes of the instance.', body: ShowNodesInformationResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A master/standby instance: one master and one standby data node',
      request: { params: { project_id: EXAMPLE.projectId, instance_id: EXAMPLE.instanceId } },
      response: {
        status: 200,
        body: {
          instance_id: EXAMPLE.instanceId,
          total: 2,
          nodes: [
            {
              node_id: EXAMPLE.nodeId,
              logical_node_id: '8f997eb512a92834bf5914be52ca8918',
              name: '192.168.0.103',
              status: 'Active',
              az_code: 'ap-southeast-1a',
              node_role: 'redis-server',
              node_type: 'master',
              node_ip: '192.168.0.103',
              node_port: '6379',
              priority_weight: 100,
              is_access: true,
              ...group,
              is_remove_ip: false,
              replication_id: 'e40aa09e-03c2-4319-86eb-5ef4ca637543',
              dimensions: [
                { name: 'dcs_instance_id', value: EXAMPLE.instanceId },
                { name: 'dcs_cluster_redis_node', value: '8263dc69629c5b2d840e9816fa9c61ff' },
              ],
            },
            {
              node_id: '8a2c26c17f4d6516017f4d7b77940031',
              logical_node_id: '8f997eb512a92834bf5914be52ca8919',
              name: '(replica)192.168.0.178',
              status: 'Active',
              az_code: 'ap-southeast-1b',
              node_role: 'redis-server',
              node_type: 'slave',
              node_ip: '192.168.0.178',
              node_port: '6379',
              priority_weight: 100,
              is_access: true,
              ...group,
              is_remove_ip: false,
              replication_id: 'e40aa09e-03c2-4319-86eb-5ef4ca637544',
              dimensions: [
                { name: 'dcs_instance_id', value: EXAMPLE.instanceId },
                { name: 'dcs_cluster_redis_node', value: '8263dc69629c5b2d840e9816fa9c6200' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'no-such-instance',
      summary: 'The instance does not exist in this project',
      outcome: noSuchResource('/params/instance_id', 'DCS instance of the project'),
      request: { params: { project_id: EXAMPLE.projectId, instance_id: '00000000-0000-4000-8000-000000000000' } },
      response: { status: 404, body: { error_code: 'DCS.3022', error_msg: 'The instance does not exist.' } },
    },
  ],
  inputs: [
    {
      target: '/params/instance_id',
      from: { values: 'required', why: 'no operation of this catalog lists DCS instances' },
    },
  ],
  docNotes: [
    'operationId: the issue calls this ListLogicalNodes after its path, but the API reference page, the API Explorer and the Go, Python and Node SDKs all name it ShowNodesInformation; the convention is the vendor name in lower camel, so searching the vendor docs or an SDK for the operationId finds it.',
    'Node IDs come in two shapes: 32 hex characters in the node lists, a UUID in the kill-all example; NodeId accepts both.',
    'node_port is documented as a string although it carries a number; the schema keeps the string and checks it is digits.',
    'No Huawei example response is published for this page; the example follows the batch variant (GET /v2/{project_id}/instances-logical-nodes), which returns the same node objects.',
  ],
});
