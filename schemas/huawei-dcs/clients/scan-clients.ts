import { z } from 'zod';
import { huaweiErrors, noSuchResource } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, InstancePath, JobId, NodeId } from '../common.ts';

export const ScanClientsRequest = z
  .object({
    node_id: NodeId.meta({ description: 'Node whose session list is refreshed (the same node listClients is asked about).' }),
    clean_cache: z
      .boolean()
      .optional()
      .meta({ description: 'Whether to drop the stored list before querying the node again; false when left out.' }),
  })
  .meta({ id: 'ScanClientsRequest' });

export const ScanClientsResponse = z
  .object({ job_id: JobId.optional().meta({ description: 'ID of the job that queries the session list.' }) })
  .meta({ id: 'ScanClientsResponse' });

const params = { project_id: EXAMPLE.projectId, instance_id: EXAMPLE.instanceId };

export const scanClients = defineOperation({
  operationId: 'scanClients',
  method: 'post',
  path: '/v2/{project_id}/instances/{instance_id}/clients',
  summary: 'Refresh the session list of a node',
  description:
    'Queries the sessions of a node again and stores the result, which listClients then pages through. Sessions themselves are not touched.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/ScanClients.html`,
  safety: 'read',
  request: { params: InstancePath, body: ScanClientsRequest },
  responses: {
    200: { description: 'The refresh was accepted.', body: ScanClientsResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Refresh the stored list of a data node',
      request: { params, body: { node_id: EXAMPLE.nodeId } },
      response: { status: 200, body: { job_id: '8abf6e1e824dfcb201824e0a61c70017' } },
    },
    {
      name: 'clean-cache',
      summary: 'Drop the stored list and query the node again',
      request: { params, body: { node_id: EXAMPLE.nodeId, clean_cache: true } },
      response: { status: 200, body: { job_id: '8abf6e1e824dfcb201824e0b09e40018' } },
    },
    {
      name: 'wrong-node',
      summary: 'The node id does not name a node of this instance',
      outcome: noSuchResource('/body/node_id', 'node of the instance'),
      request: { params, body: { node_id: '8f7ee181-88e2-49b7-a4bf-81f18f93a135' } },
      response: { status: 400, body: { error_code: 'DCS.3053', error_msg: 'Incorrect node ID.' } },
    },
  ],
  inputs: [
    {
      target: '/params/instance_id',
      from: { values: 'required', why: 'no operation of this catalog lists DCS instances' },
    },
    { target: '/body/node_id', from: { operationId: 'showNodesInformation', pointer: '/nodes/0/node_id' } },
  ],
  docNotes: [
    'DCS.3053 "Incorrect node ID" is documented for a node id that is not a node of the instance; the example follows from the request, so a live run sends a freshly generated node id with the instance of the values file.',
    'Safety is `read` although the method is POST: the call rewrites only the stored copy of the session list that listClients reads, never a session, a key or a setting, and a contract test needs it to see current sessions before and after a kill. Repeating it is harmless.',
    'node_id is mandatory in all seven saved editions of the page and in the Go SDK, optional in the Python SDK 3.1.211, which validates nothing; the refresh is per node, so the schema requires it.',
    'One language edition documents a 200 body {"job_id"}; others only say "Successful" and the SDKs type the body as an untyped object, so job_id is optional.',
  ],
});
