import { z } from 'zod';
import { huaweiErrors } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, NodePath } from '../common.ts';

export const DeleteSessionRequest = z
  .object({
    sessions: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'IDs of the sessions to kill, as listSessions returns them (cluster ids may carry a shard prefix).' }),
  })
  .meta({ id: 'DeleteSessionRequest' });

export const DeleteSessionResponse = z.object({}).meta({ id: 'DeleteSessionResponse', description: 'An empty object.' });

export const deleteSession = defineOperation({
  operationId: 'deleteSession',
  method: 'post',
  path: '/v3/{project_id}/nodes/{node_id}/session',
  summary: 'Kill sessions of a node',
  description: 'Kills the given active sessions of an instance node (Community Edition 3.4 or later). Inactive sessions cannot be killed.',
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
      summary: 'Kill two sessions',
      request: {
        params: { project_id: '619d3e78f61b4be68bc5aa0b59edcf7b', node_id: '520c58ba00a3497e97ce0b9604874dd6no02' },
        body: { sessions: ['34631', '34703'] },
      },
      response: { status: 200, body: {} },
    },
    {
      name: 'no-such-node',
      summary: 'The node does not exist',
      request: {
        params: { project_id: '619d3e78f61b4be68bc5aa0b59edcf7b', node_id: 'ffffffffffffffffffffffffffffffffno02' },
        body: { sessions: ['34631'] },
      },
      response: { status: 404, body: { error_code: 'DBS.200013', error_msg: 'The node does not exist.' } },
    },
  ],
  docNotes: [
    'The path is singular (/session) while the list operation is plural (/sessions), in the docs and in every SDK.',
    'The example response is "None" on one page and {} on another; the schema accepts the empty object the SDKs expect.',
    'The supported versions differ by page (3.4 or later; 4.0, 4.2, 4.4; 4.0 to 5.0); the description follows the current page.',
  ],
});
