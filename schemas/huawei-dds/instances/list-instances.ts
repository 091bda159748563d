import { z } from 'zod';
import { huaweiErrors, limitParam, offsetParam, ProjectId } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, InstanceId, NodeId } from '../common.ts';

const InstanceMode = z
  .enum(['Sharding', 'ReplicaSet', 'Single'])
  .meta({ id: 'DdsInstanceMode', description: 'Sharding: cluster; ReplicaSet: replica set; Single: single node.' });

export const DdsNode = z
  .object({
    id: NodeId.meta({ description: 'Node ID: what listSessions and deleteSession take.' }),
    name: z.string().meta({ description: 'Node name.' }),
    status: z.string().meta({ description: 'Node status, e.g. normal.' }),
    role: z.enum(['master', 'Primary', 'Secondary', 'Hidden', 'unknown']).meta({
      description:
        'master: a mongos; Primary, Secondary, Hidden: the role in a shard, config group or replica set (a single node is Primary); unknown: the node is faulty.',
    }),
    private_ip: z.string().optional().meta({
      description:
        'Private IP of a mongos, replica set or single node; empty until the node is created. Shard and config nodes may leave it out.',
    }),
    public_ip: z
      .string()
      .optional()
      .meta({ description: 'Bound EIP of a mongos, replica set or single node, or empty. Shard and config nodes may leave it out.' }),
    spec_code: z.string().meta({ description: 'Resource specification code.' }),
    availability_zone: z.string().meta({ description: 'Availability zone.' }),
    nat_gateway_id: z
      .string()
      .optional()
      .meta({ description: 'Public NAT gateway the node is reachable through, when one is bound to it.' }),
    external_service_port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .meta({ description: 'Port the bound public IP serves on (1 to 65535), when a public NAT gateway is bound.' }),
  })
  .meta({ id: 'DdsNode', description: 'One node of a DDS instance.' });

export const DdsGroup = z
  .object({
    type: z.enum(['shard', 'config', 'mongos', 'replica', 'single']).meta({ description: 'Kind of nodes in the group.' }),
    id: z.string().optional().meta({ description: 'Group ID (shard and config groups).' }),
    name: z.string().optional().meta({ description: 'Group name (shard and config groups).' }),
    status: z.string().optional().meta({ description: 'Group status (shard and config groups).' }),
    volume: z
      .object({
        size: z.string().meta({ description: 'Disk size in GB, as a string.' }),
        used: z.string().meta({ description: 'Disk space used in GB, as a string.' }),
      })
      .optional()
      .meta({ id: 'DdsVolume', description: 'Storage of the group.' }),
    nodes: z.array(DdsNode),
  })
  .meta({ id: 'DdsGroup', description: 'A group of nodes: a shard, the config servers, the mongos routers, or the whole replica set.' });

export const DdsInstance = z
  .object({
    id: InstanceId,
    name: z.string().meta({ description: 'Instance name.' }),
    remark: z.string().optional().meta({ description: 'Instance remarks.' }),
    status: z
      .enum(['normal', 'abnormal', 'creating', 'frozen', 'data_disk_full', 'createfail', 'enlargefail'])
      .meta({ description: 'Instance status; work in progress (a restart, a resize) is reported in actions instead.' }),
    port: z.string().regex(/^\d+$/, 'a port number').meta({ description: 'Database port (2100 to 9500), as a string.' }),
    mode: InstanceMode,
    region: z.string().meta({ description: 'Region of the instance.' }),
    datastore: z
      .object({
        type: z.string().meta({ description: 'Database engine, e.g. DDS-Community.' }),
        version: z.string().meta({ description: 'Database version, e.g. 4.0.' }),
        patch_available: z
          .boolean()
          .optional()
          .meta({ description: 'Whether a patch release of this version can be installed (through the patch upgrade operation).' }),
        whole_version: z.string().optional().meta({ description: 'Full version number, patch level included, e.g. 4.0.3.' }),
      })
      .meta({ id: 'DdsDatastore' }),
    engine: z.string().meta({ description: 'Storage engine, wiredTiger.' }),
    created: z.string().meta({ description: 'Creation time, e.g. 2024-01-17T07:05:52.' }),
    updated: z.string().meta({ description: 'Time of the last change.' }),
    db_user_name: z.string().meta({ description: 'Default database user, rwuser.' }),
    ssl: z.number().int().min(0).max(1).meta({ description: '1 when SSL is enabled, 0 otherwise.' }),
    vpc_id: z.string().meta({ description: 'VPC ID.' }),
    subnet_id: z.string().meta({ description: 'Subnet network ID.' }),
    security_group_id: z.string().meta({ description: 'Security group ID.' }),
    backup_strategy: z
      .object({
        start_time: z.string().meta({ description: 'Backup window, UTC, e.g. 16:00-17:00.' }),
        keep_days: z.number().int().min(0).meta({ description: 'Days a backup is kept.' }),
      })
      .meta({ id: 'DdsBackupStrategy', description: 'Automated backup policy.' }),
    pay_mode: z.string().optional().meta({ description: '0: pay-per-use; 1: yearly/monthly.' }),
    maintenance_window: z.string().meta({ description: 'Maintenance window, e.g. 02:00-06:00.' }),
    groups: z.array(DdsGroup),
    disk_encryption_id: z.string().optional().meta({ description: 'Disk encryption key ID, when the disk is encrypted.' }),
    enterprise_project_id: z.string().optional().meta({ description: 'Enterprise project ID; 0 is the default project.' }),
    time_zone: z.string().meta({ description: 'Time zone; may be empty.' }),
    dss_pool_id: z.string().optional().meta({ description: 'Dedicated storage pool ID.' }),
    actions: z.array(z.string()).meta({ description: 'Work in progress on the instance, e.g. CREATE, REBOOTING.' }),
    order_id: z.string().optional().meta({ description: 'Order ID (yearly/monthly instances).' }),
    tags: z
      .array(z.object({ key: z.string(), value: z.string() }).meta({ id: 'DdsTag' }))
      .optional()
      .meta({ description: 'Instance tags.' }),
  })
  .meta({ id: 'DdsInstance', description: 'A DDS instance with its groups and nodes.' });

export const ListInstancesQuery = z.object({
  id: InstanceId.optional(),
  name: z
    .string()
    .regex(/^(?!\*$)/, 'a lone * is reserved')
    .optional()
    .meta({ description: 'Instance name; a leading * matches the rest as a fuzzy search, otherwise the name must match exactly.' }),
  mode: InstanceMode.optional(),
  datastore_type: z.enum(['DDS-Community', 'DDS-Enhanced']).optional().meta({ description: 'Database type.' }),
  vpc_id: z.string().optional().meta({ description: 'VPC ID.' }),
  subnet_id: z.string().optional().meta({ description: 'Subnet network ID.' }),
  offset: offsetParam,
  limit: limitParam(100, 100),
  tags: z
    .string()
    .regex(/^[^=,]+=[^,]*(?:,[^=,]+=[^,]*){0,19}$/, 'key=value pairs separated by commas, at most 20, keys not empty')
    .optional()
    .meta({
      description: 'Only instances carrying all these tags: key=value pairs separated by commas (at most 20; a value may be empty).',
      example: 'env=prod,team=orders',
    }),
});

export const ListInstancesResponse = z
  .object({
    instances: z.array(DdsInstance),
    total_count: z.number().int().min(0).meta({ description: 'Number of matching instances.' }),
  })
  .meta({ id: 'ListInstancesResponse' });

type DdsInstanceInput = z.input<typeof DdsInstance>;

const common = {
  status: 'normal',
  port: '8635',
  region: 'ap-southeast-1',
  datastore: { type: 'DDS-Community', version: '4.0', patch_available: false, whole_version: '4.0.3' },
  engine: 'wiredTiger',
  db_user_name: 'rwuser',
  ssl: 1,
  vpc_id: '674e9b42-cd8d-4d25-a2e6-5abcc565b961',
  subnet_id: 'f1df08c5-71d1-406a-aff0-de435a51007b',
  security_group_id: '7aa51dbf-5b63-40db-9724-dad3c4828b58',
  pay_mode: '0',
  maintenance_window: '02:00-06:00',
  enterprise_project_id: '0',
  time_zone: '',
  actions: [],
  tags: [{ key: 'team', value: 'orders' }],
} satisfies Partial<DdsInstanceInput>;

const replicaNode = (id: string, n: number, role: 'Primary' | 'Secondary' | 'Hidden', ip: string) => ({
  id,
  name: `dds-orders_replica_node_${n}`,
  status: 'normal',
  role,
  private_ip: ip,
  public_ip: '',
  spec_code: 'dds.mongodb.s6.large.2.repset',
  availability_zone: 'ap-southeast-1a',
});

const replicaSet: DdsInstanceInput = {
  ...common,
  id: EXAMPLE.instanceId,
  name: 'dds-orders',
  remark: '',
  mode: 'ReplicaSet',
  created: '2024-01-17T07:05:52',
  updated: '2024-01-17T07:05:47',
  backup_strategy: { start_time: '16:00-17:00', keep_days: 7 },
  groups: [
    {
      type: 'replica',
      volume: { size: '40', used: '1.82' },
      nodes: [
        replicaNode(EXAMPLE.nodeId, 1, 'Primary', '192.168.0.174'),
        replicaNode('d57d76d6320a4a7b86db82c317550c4ano02', 2, 'Secondary', '192.168.0.176'),
        replicaNode('f46b0a1cf4d9400e9fd7af17f8742d37no02', 3, 'Hidden', '192.168.0.39'),
      ],
    },
  ],
};

/** A mongos node carries its addresses; shard and config nodes leave them out, as in the partner edition's example. */
const clusterNode = (id: string, name: string, role: 'master' | 'Primary' | 'Secondary', ip: string | undefined, spec: string) => ({
  id,
  name,
  status: 'normal',
  role,
  ...(ip === undefined ? {} : { private_ip: ip, public_ip: '' }),
  spec_code: spec,
  availability_zone: 'ap-southeast-1a',
});

const cluster: DdsInstanceInput = {
  ...common,
  id: '9136fd2a9fcd405ea4674276ce36dae8in01',
  name: 'dds-orders-archive',
  mode: 'Sharding',
  created: '2024-02-02T03:14:09',
  updated: '2024-02-02T03:14:01',
  backup_strategy: { start_time: '19:00-20:00', keep_days: 7 },
  groups: [
    {
      type: 'mongos',
      nodes: [
        clusterNode(
          '3d391a3a2a4f4ebf93b2fdd3e0c1cf1bno02',
          'dds-orders-archive_mongos_node_1',
          'master',
          '192.168.0.51',
          'dds.mongodb.s6.large.4.mongos',
        ),
        {
          ...clusterNode(
            '6a1c0b1e4f7e4c1f9f31e9d0b7a2c6e4no02',
            'dds-orders-archive_mongos_node_2',
            'master',
            '192.168.0.52',
            'dds.mongodb.s6.large.4.mongos',
          ),
          nat_gateway_id: 'a78fb3eb-1654-4710-8742-3fc49d5f04f8',
          external_service_port: 8635,
        },
      ],
    },
    {
      type: 'shard',
      id: '4ef2f19d7a7e4cb3b2d1c1c6a08e3f55gr02',
      name: 'shard_1',
      status: 'normal',
      volume: { size: '100', used: '12.4' },
      nodes: [
        clusterNode(
          '0c6f3a9e2b1d4e8fa7c5d2b1e9f0a3c4no02',
          'dds-orders-archive_shard_1_node_1',
          'Primary',
          undefined,
          'dds.mongodb.s6.xlarge.4.shard',
        ),
        clusterNode(
          '1d7e4b0f3c2e4f9ab8d6e3c2f0a1b4d5no02',
          'dds-orders-archive_shard_1_node_2',
          'Secondary',
          undefined,
          'dds.mongodb.s6.xlarge.4.shard',
        ),
      ],
    },
    {
      type: 'config',
      id: '7b3e5c1d9f2a4b6c8d0e1f2a3b4c5d6egr02',
      name: 'config',
      status: 'normal',
      volume: { size: '20', used: '0.41' },
      nodes: [
        clusterNode(
          '2e8f5c1a4d3f4a0bb9e7f4d3a1b2c5e6no02',
          'dds-orders-archive_config_node_1',
          'Primary',
          undefined,
          'dds.mongodb.s6.large.2.config',
        ),
      ],
    },
  ],
};

export const listInstances = defineOperation({
  operationId: 'listInstances',
  method: 'get',
  path: '/v3/{project_id}/instances',
  summary: 'List instances with their nodes',
  description:
    'Returns the instances of the project, newest first, each with its groups and nodes; the node ids are what the session operations take. Filter by id, name, type, database type, network or tags.',
  tags: ['Instances'],
  docUrl: `${DOCS}/dds_api_0023.html`,
  safety: 'read',
  request: { params: z.object({ project_id: ProjectId }), query: ListInstancesQuery },
  responses: {
    200: { description: 'The matching instances.', body: ListInstancesResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A replica set of three nodes',
      request: { params: { project_id: EXAMPLE.projectId }, query: { id: EXAMPLE.instanceId } },
      response: { status: 200, body: { instances: [replicaSet], total_count: 1 } },
    },
    {
      name: 'clusters-by-name',
      summary: 'Clusters whose name fuzzily matches orders, with the parameters as a decoded query string carries them',
      request: { params: { project_id: EXAMPLE.projectId }, query: { mode: 'Sharding', name: '*orders', offset: '0', limit: '10' } },
      response: { status: 200, body: { instances: [cluster], total_count: 1 } },
    },
    {
      name: 'duplicate-tag-key',
      summary: 'A tag key given twice',
      outcome: { from: 'request', why: 'the tags filter names the same key twice' },
      request: { params: { project_id: EXAMPLE.projectId }, query: { tags: 'env=prod,env=test' } },
      response: { status: 400, body: { error_code: 'DBS.280001', error_msg: 'Parameter error.' } },
    },
  ],
  inputs: [
    {
      target: '/query/id',
      from: {
        values: 'optional',
        why: 'a filter: the documented instance exists in no account, so without a value a live run lists every instance',
      },
    },
  ],
  docNotes: [
    'port is a string in the page and its example ("8635"), and in the current SDKs; older SDK releases typed it as an integer. The schema expects a string of digits.',
    'datastore_type is documented as DDS-Community only, while the SDKs also offer DDS-Enhanced; both are accepted.',
    'Instance ids end in in01 in the Huawei pages and in02 in the partner (OTC) edition, node ids in no02; the schemas accept any two-digit suffix.',
    'The page lists no mandatory response fields; fields the example and the SDKs always carry are required, those described as conditional (remark, pay_mode, disk_encryption_id, enterprise_project_id, dss_pool_id, order_id, tags, and the id, name, status and volume of a group) are optional.',
    "The official SDKs (Python 3.1.211, Go) model remark, disk_encryption_id, enterprise_project_id, tags, a group's id, name, status and volume, and a node's private_ip and public_ip as always present; the page describes them as present only in some cases (a group's id, name and status only for shard and config groups, a node's addresses only for mongos, replica set and single nodes), and the partner edition's example leaves them out there (no remark, no group id in a replica set, no addresses on shard and config nodes). They stay optional: a required field the service leaves out would be reported as drift on every cluster and replica set.",
    'patch_available and whole_version (datastore) and nat_gateway_id and external_service_port (a node) are in the SDK models but not in the page as read; they are accepted and described, and optional: patch_available and whole_version are always present in both SDKs but not documented as such, the two node fields only when a public NAT gateway is bound (the Go SDK does not have them yet).',
    'The field tables these choices were checked against (per source: type, whether always present) are kept as test fixtures beside the Huawei schemas.',
    'The partner example uses placeholder region and zone names ("aaa", "bbb"); the examples use ap-southeast-1.',
  ],
});
