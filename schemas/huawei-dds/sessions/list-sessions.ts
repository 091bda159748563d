import { z } from 'zod';
import { huaweiErrors, limitParam, noSuchResource, offsetParam, queryInteger } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, NodePath } from '../common.ts';

export const DdsSession = z
  .object({
    id: z.string().min(1).meta({ description: 'Session ID to pass to deleteSession; cluster ids carry a shard prefix.' }),
    active: z.boolean().meta({ description: 'Whether the session is active; only active sessions can be killed.' }),
    operation: z.string().meta({ description: 'The running operation, as MongoDB extended JSON text.' }),
    type: z.string().meta({ description: 'Operation type, e.g. query, getmore, command, update.' }),
    cost_time: z
      .string()
      .regex(/^\d+$/, 'a whole number as a string')
      .meta({ description: 'How long the operation has run, in microseconds, as a string of digits.' }),
    plan_summary: z.string().meta({ description: 'Execution plan, e.g. COLLSCAN or IXSCAN { status: 1 }.' }),
    host: z.string().meta({ description: 'Host name and port of the mongod or mongos serving the session.' }),
    client: z.string().meta({ description: 'Client address and port.' }),
    description: z.string().meta({ description: 'Connection name, e.g. conn20.' }),
    namespace: z.string().meta({ description: 'database.collection the operation works on.' }),
    db: z.string().optional().meta({ description: 'Database name.' }),
    user: z.string().optional().meta({ description: 'Database user (4.2 and later).' }),
  })
  .meta({ id: 'DdsSession', description: 'One session of a node.' });

export const ListSessionsQuery = z.object({
  offset: offsetParam,
  limit: limitParam(100, 10),
  plan_summary: z.string().optional().meta({ description: 'Only sessions with this execution plan, e.g. COLLSCAN.' }),
  type: z.string().optional().meta({ description: 'Only sessions of this operation type, e.g. query or getmore.' }),
  namespace: z.string().optional().meta({ description: 'Only sessions on this database.collection.' }),
  cost_time: queryInteger(z.int32().min(0))
    .optional()
    .meta({ description: 'Only sessions that have run longer than this many microseconds.', example: 1000000 }),
});

export const ListSessionsResponse = z
  .object({
    total_count: z.number().int().min(0).meta({ description: 'Number of matching sessions.' }),
    sessions: z.array(DdsSession),
  })
  .meta({ id: 'ListSessionsResponse' });

const params = { project_id: EXAMPLE.projectId, node_id: EXAMPLE.nodeId };

const slowQuery = {
  id: '34631',
  active: true,
  operation: '{"find":"orders","filter":{"status":"open"},"$db":"shop"}',
  type: 'query',
  cost_time: '4215532',
  plan_summary: 'COLLSCAN',
  host: 'host-192-168-0-174:8635',
  client: '192.168.0.26:50712',
  description: 'conn1842',
  namespace: 'shop.orders',
  db: 'shop',
  user: 'rwuser',
};

export const listSessions = defineOperation({
  operationId: 'listSessions',
  method: 'get',
  path: '/v3/{project_id}/nodes/{node_id}/sessions',
  summary: 'List the sessions of a node',
  description:
    'Returns one page of the sessions running on an instance node, optionally only those with a given plan, operation type or namespace, or running longer than a given time. Community Edition 3.4 or later.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/dds_connect_0002.html`,
  safety: 'read',
  request: { params: NodePath, query: ListSessionsQuery },
  responses: {
    200: { description: 'A page of sessions.', body: ListSessionsResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Two sessions on the primary of a replica set',
      request: { params, query: { offset: 0, limit: 10 } },
      response: {
        status: 200,
        body: {
          total_count: 2,
          sessions: [
            slowQuery,
            {
              id: '34703',
              active: true,
              operation: '{"getMore":7723648213641240591,"collection":"events","batchSize":101,"$db":"shop"}',
              type: 'getmore',
              cost_time: '812',
              plan_summary: 'IXSCAN { createdAt: 1 }',
              host: 'host-192-168-0-174:8635',
              client: '192.168.0.27:41208',
              description: 'conn1907',
              namespace: 'shop.events',
              db: 'shop',
              user: 'rwuser',
            },
          ],
        },
      },
    },
    {
      name: 'slow-collection-scans',
      summary: 'Collection scans running over a second, with the parameters as a decoded query string carries them',
      request: { params, query: { plan_summary: 'COLLSCAN', cost_time: '1000000', limit: '20' } },
      response: { status: 200, body: { total_count: 1, sessions: [slowQuery] } },
    },
    {
      name: 'cluster-shard-prefix',
      summary: 'A cluster node: session ids carry the shard name (the documented example)',
      request: { params: { project_id: EXAMPLE.projectId, node_id: '3d391a3a2a4f4ebf93b2fdd3e0c1cf1bno02' } },
      response: {
        status: 200,
        body: {
          total_count: 1,
          sessions: [
            {
              id: 'shard_1:7201646',
              active: true,
              operation: '{"getMore":4.9473050217983027E18,"collection":"$cmd.aggregate","batchSize":101.0,"$db":"admin"}',
              type: 'getmore',
              cost_time: '25',
              plan_summary: 'COLLSCAN',
              host: 'host-172-16-27-182:8635',
              client: '172.16.41.233:50700',
              description: 'conn20',
              namespace: 'admin.$cmd.aggregate',
            },
          ],
        },
      },
    },
    {
      name: 'no-such-node',
      summary: 'The node does not exist',
      outcome: noSuchResource('/params/node_id', 'node of the project'),
      request: { params: { project_id: EXAMPLE.projectId, node_id: 'ffffffffffffffffffffffffffffffffno02' } },
      response: { status: 404, body: { error_code: 'DBS.200013', error_msg: 'The node does not exist.' } },
    },
  ],
  inputs: [{ target: '/params/node_id', from: { operationId: 'listInstances', pointer: '/instances/0/groups/0/nodes/0/id' } }],
  docNotes: [
    'limit: the current page allows 1 to 100, older and partner editions and the SDK comment 1 to 20 (default 10 everywhere); the schema follows the current page, so a live node that still caps at 20 answers 400 above it.',
    'Filters: the pages say a filter left empty matches sessions whose field is empty, the SDK comments say it matches everything. The examples leave unused filters out and expect all sessions, the SDK reading.',
    'cost_time is an integer in the query but a string of digits in each session; its unit is microseconds in the pages and milliseconds in the SDK comments. The schema follows the pages.',
    'Session ids on cluster nodes carry a shard prefix ("shard_1:7201646") while replica-set ids are bare numbers ("34631"); any non-empty string is accepted.',
    'Which nodes may be queried differs: the current page allows any mongos, shard or config node of a cluster, older pages and the SDK only mongos nodes. The path accepts any node id.',
    'The documented cluster example embeds a long $clusterTime and driver block in operation; the example keeps only the command so it stays readable.',
  ],
});
