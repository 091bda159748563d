import { z } from 'zod';
import { huaweiErrors, noSuchResource } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, NodePath } from '../common.ts';

export const DeleteSessionRequest = z
  .object({
    sessions: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'IDs of the sessions to kill, exactly as listSessions returns them (cluster ids keep their shard prefix).' }),
  })
  .meta({ id: 'DeleteSessionRequest' });

export const DeleteSessionResponse = z.object({}).meta({ id: 'DeleteSessionResponse', description: 'An empty object.' });

const params = { project_id: EXAMPLE.projectId, node_id: EXAMPLE.nodeId };

export const deleteSession = defineOperation({
  operationId: 'deleteSession',
  method: 'post',
  path: '/v3/{project_id}/nodes/{node_id}/session',
  summary: 'Kill sessions of a node',
  description: 'Kills the given active sessions of an instance node; inactive sessions cannot be killed. Community Edition 3.4 or later.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/dds_connect_0003.html`,
  safety: 'destructive',
  request: { params: NodePath, body: DeleteSessionRequest },
  responses: {
    200: { description: 'The sessions were killed.', body: DeleteSessionResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Kill two sessions of a replica-set primary (the documented request)',
      request: { params, body: { sessions: ['34631', '34703'] } },
      response: { status: 200, body: {} },
    },
    {
      name: 'cluster-session',
      summary: 'Kill a session found through a mongos node, shard prefix included',
      request: {
        params: { project_id: EXAMPLE.projectId, node_id: '3d391a3a2a4f4ebf93b2fdd3e0c1cf1bno02' },
        body: { sessions: ['shard_1:7201646'] },
      },
      response: { status: 200, body: {} },
    },
    {
      name: 'no-such-node',
      summary: 'The node does not exist',
      outcome: noSuchResource('/params/node_id', 'node of the project'),
      request: {
        params: { project_id: EXAMPLE.projectId, node_id: 'ffffffffffffffffffffffffffffffffno02' },
        body: { sessions: ['34631'] },
      },
      response: { status: 404, body: { error_code: 'DBS.200013', error_msg: 'The node does not exist.' } },
    },
  ],
  docNotes: [
    'The path is singular (/session) while the list operation is plural (/sessions), in the pages and in every SDK.',
    'The example response is "None" on one page and {} on another, and only "Status Code: 200" is stated; the schema expects the empty object the SDKs decode.',
    'The supported versions differ by page (3.4 or later; 3.4 and 4.0; 4.0, 4.2 and 4.4; 4.0 to 5.0); the description follows the current page.',
    'Which nodes qualify differs too: any mongos, shard or config node of a cluster (current page) or mongos only (older pages); the path accepts any node id.',
  ],
});
