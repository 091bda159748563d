import { z } from 'zod';
import { huaweiErrors } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { requiredWhen } from '../../_shared/spec-rules.ts';
import { DOCS, EXAMPLE, InstancePath, JobId, NodeId } from '../common.ts';

export const HangUpKillAllClientsRequest = requiredWhen(
  z.object({
    node_id: NodeId.optional().meta({ description: 'Node whose sessions are killed; required when kill_all_nodes is false.' }),
    kill_all_nodes: z
      .boolean()
      .optional()
      .meta({ description: 'true: kill the sessions of every node of the instance; false: only those of node_id.' }),
  }),
  'node_id',
  { field: 'kill_all_nodes', equals: false },
  'node_id is required when kill_all_nodes is false',
).meta({ id: 'HangUpKillAllClientsRequest' });

export const HangUpKillAllClientsResponse = z
  .object({ job_id: JobId.meta({ description: 'ID of the kill job; poll it with showJobInfo.' }) })
  .meta({ id: 'HangUpKillAllClientsResponse' });

const params = { project_id: EXAMPLE.projectId, instance_id: EXAMPLE.instanceId };

export const hangUpKillAllClients = defineOperation({
  operationId: 'hangUpKillAllClients',
  method: 'post',
  path: '/v2/{project_id}/instances/{instance_id}/clients/kill-all',
  summary: 'Kill all sessions of a node or instance',
  description:
    'Disconnects every client session of one node, or of all nodes of the instance. The kill runs as an asynchronous job whose id comes back at once; showJobInfo reports when it is done.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/HangUpKillAllClients.html`,
  safety: 'destructive',
  request: { params: InstancePath, body: HangUpKillAllClientsRequest },
  responses: {
    200: { description: 'The kill job was accepted.', body: HangUpKillAllClientsResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Kill the sessions of every node (the documented request)',
      request: { params, body: { node_id: '8f7ee181-88e2-49b7-a4bf-81f18f93a135', kill_all_nodes: true } },
      response: { status: 200, body: { job_id: EXAMPLE.killJobId } },
    },
    {
      name: 'one-node',
      summary: 'Kill the sessions of one data node only',
      request: { params, body: { node_id: EXAMPLE.nodeId, kill_all_nodes: false } },
      response: { status: 200, body: { job_id: '8abf6e1e824dfcb201824e1c5a3b0021' } },
    },
    {
      name: 'task-state',
      summary: 'Another job on the instance is still in a state that does not allow the kill',
      outcome: { from: 'state', why: 'a job of the instance is in a state that blocks the kill' },
      request: { params, body: { kill_all_nodes: true } },
      response: {
        status: 400,
        body: { error_code: 'DCS.4957', error_msg: 'This operation is not allowed when the task is in the current state.' },
      },
    },
  ],
  docNotes: [
    'The Go, Python and Node SDKs type the 200 body as an untyped object; the reference documents {"job_id"}, which the schema requires so that a contract test can follow the job.',
    'The documented example sends node_id together with kill_all_nodes=true, and both fields are optional; what the server does with an empty body is not documented, so {} is accepted.',
    'One language edition prints job_id without quotes (invalid JSON); the example quotes it as the other editions do.',
    'No page says which API reports on the returned job. The Terraform provider polls GET /v2/{project_id}/jobs/{job_id} (showJobInfo) until SUCCESS or FAIL, although that page lists no kill job type.',
    'The en/cn pages require the IAM action dcs:clients:kill; an older Markdown edition says no permission is needed. The schema is unaffected.',
  ],
});
