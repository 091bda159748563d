import { z } from 'zod';
import { huaweiErrors } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, InstancePath } from '../common.ts';

export const HangUpKillAllClientsRequest = z
  .object({
    node_id: z.string().optional().meta({ description: 'Node whose sessions are killed; required when kill_all_nodes is false.' }),
    kill_all_nodes: z.boolean().optional().meta({ description: 'true: kill the sessions of every node of the instance.' }),
  })
  .meta({ id: 'HangUpKillAllClientsRequest' });

export const HangUpKillAllClientsResponse = z
  .object({ job_id: z.string().meta({ description: 'ID of the asynchronous kill job.' }) })
  .meta({ id: 'HangUpKillAllClientsResponse' });

export const hangUpKillAllClients = defineOperation({
  operationId: 'hangUpKillAllClients',
  method: 'post',
  path: '/v2/{project_id}/instances/{instance_id}/clients/kill-all',
  summary: 'Kill all sessions of a node or instance',
  description:
    'Kills every client session of one node, or of all nodes of the instance. The kill runs as a job; its id is returned.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/HangUpKillAllClients.html`,
  safety: 'destructive',
  request: { params: InstancePath, body: HangUpKillAllClientsRequest },
  responses: {
    200: { description: 'The kill job was submitted.', body: HangUpKillAllClientsResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Kill the sessions of every node',
      request: {
        params: { project_id: '0123456789abcdef0123456789abcdef', instance_id: '5560df16-cebf-4473-95c4-d1b573c16e79' },
        body: { node_id: '8f7ee181-88e2-49b7-a4bf-81f18f93a135', kill_all_nodes: true },
      },
      response: { status: 200, body: { job_id: '8abf6e1e824dfcb201824e02ee9a0015' } },
    },
    {
      name: 'task-state',
      summary: 'The instance is in a state that does not allow the kill',
      request: {
        params: { project_id: '0123456789abcdef0123456789abcdef', instance_id: '5560df16-cebf-4473-95c4-d1b573c16e79' },
        body: { kill_all_nodes: true },
      },
      response: {
        status: 400,
        body: { error_code: 'DCS.4957', error_msg: 'This operation is not allowed when the task is in the current state.' },
      },
    },
  ],
  docNotes: [
    'The Go, Python and Node SDKs model the 200 body as an untyped object; the API reference documents {"job_id"}, which the schema requires.',
    'The documented example sends node_id together with kill_all_nodes=true; both fields are optional and the server behaviour for an empty body is not documented.',
    'One language edition renders job_id unquoted (invalid JSON); the example quotes it as the other editions do.',
  ],
});
