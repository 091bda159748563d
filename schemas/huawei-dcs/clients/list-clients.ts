import { z } from 'zod';
import { huaweiErrors, limitParam, offsetParam } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, InstancePath, NodeId } from '../common.ts';

const counter = (description: string) => z.number().int().min(0).optional().meta({ description });

/** One line of Redis CLIENT LIST, as DCS reports it; field meanings follow Redis. */
export const ClientInfo = z
  .object({
    id: z.string().optional().meta({ description: 'Client ID, unique for the life of the node.', example: '1834' }),
    addr: z.string().optional().meta({ description: 'Client address and port.', example: '192.168.0.26:51004' }),
    fd: z.string().optional().meta({ description: 'File descriptor of the socket.' }),
    name: z.string().optional().meta({ description: 'Name the client set with CLIENT SETNAME (often empty).' }),
    cmd: z.string().optional().meta({ description: 'Last command the client ran.' }),
    age: counter('Seconds since the client connected.'),
    idle: counter('Seconds since the last command.'),
    db: z.string().optional().meta({ description: 'Index of the database the client uses.' }),
    flags: z.string().optional().meta({ description: 'Redis client flags; "N" when none is set.' }),
    sub: counter('Channels subscribed to.'),
    psub: counter('Patterns subscribed to.'),
    multi: z.number().int().optional().meta({ description: 'Commands queued in the current transaction; -1 outside a transaction.' }),
    qbuf: counter('Query buffer length in bytes (0: none allocated).'),
    qbuf_free: counter('Free bytes in the query buffer.'),
    obl: counter('Output buffer length in bytes.'),
    oll: counter('Replies queued in the output list once the output buffer is full.'),
    omem: counter('Memory used by the output buffer and list, in bytes.'),
    events: z
      .string()
      .regex(/^r?w?$/, 'r, w, rw or empty')
      .optional()
      .meta({ description: 'File descriptor events: r (readable), w (writable).' }),
    network: z.string().optional().meta({ description: 'Network type the client connects over.' }),
    peer: z.string().optional().meta({
      description:
        'Instance-side address:port (single-node, master/standby and Redis Cluster instances); the address the kill-by-address API expects.',
    }),
    user: z.string().optional().meta({ description: 'ACL user of the client.' }),
  })
  .meta({ id: 'DcsClientInfo', description: 'One client session of a node.' });

export const ListClientsQuery = z.object({
  node_id: NodeId.meta({
    description:
      'Node whose sessions are listed: a proxy node for Proxy Cluster and read/write-splitting instances, a data node for single-node, master/standby and Redis Cluster instances.',
  }),
  offset: offsetParam,
  limit: limitParam(1000, 10),
  addr: z.string().optional().meta({ description: 'Only the sessions of this client address.', example: '192.168.0.26:51004' }),
  sort: z.string().optional().meta({ description: 'ClientInfo field to sort by.', example: 'idle' }),
  order: z.enum(['asc', 'desc']).optional().meta({ description: 'Sort direction.' }),
});

export const ListClientsResponse = z
  .object({
    time: z.string().optional().meta({ description: 'When the listed snapshot was taken (scanClients refreshes it).' }),
    clients: z.array(ClientInfo).meta({ description: 'One page of sessions.' }),
    count: z.number().int().min(0).meta({ description: 'Total number of sessions in the snapshot.' }),
  })
  .meta({ id: 'ListClientsResponse' });

const params = { project_id: EXAMPLE.projectId, instance_id: EXAMPLE.instanceId };

export const listClients = defineOperation({
  operationId: 'listClients',
  method: 'get',
  path: '/v2/{project_id}/instances/{instance_id}/clients',
  summary: 'List the sessions of a node',
  description:
    'Returns one page of the client sessions of a node, optionally filtered by client address and sorted by a session field. The list is a stored snapshot, taken at `time`; scanClients refreshes it.',
  tags: ['Sessions'],
  docUrl: `${DOCS}/ListClients.html`,
  safety: 'read',
  request: { params: InstancePath, query: ListClientsQuery },
  responses: {
    200: { description: 'A page of sessions.', body: ListClientsResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'Two application connections to a master/standby data node',
      request: { params, query: { node_id: EXAMPLE.nodeId, offset: 0, limit: 10 } },
      response: {
        status: 200,
        body: {
          count: 2,
          clients: [
            {
              id: '1834',
              addr: '192.168.0.26:51004',
              fd: '12',
              name: '',
              cmd: 'get',
              age: 5421,
              idle: 0,
              db: '0',
              flags: 'N',
              sub: 0,
              psub: 0,
              multi: -1,
              qbuf: 0,
              qbuf_free: 32768,
              obl: 0,
              oll: 0,
              omem: 0,
              events: 'r',
              peer: '192.168.0.103:6379',
              user: 'default',
            },
            {
              id: '1901',
              addr: '192.168.0.27:40312',
              fd: '15',
              name: 'orders-worker',
              cmd: 'blpop',
              age: 320,
              idle: 318,
              db: '0',
              flags: 'b',
              sub: 0,
              psub: 0,
              multi: -1,
              qbuf: 0,
              qbuf_free: 0,
              obl: 0,
              oll: 0,
              omem: 0,
              events: 'r',
              peer: '192.168.0.103:6379',
              user: 'default',
            },
          ],
        },
      },
    },
    {
      name: 'query-string',
      summary: 'Longest-idle sessions first, with the parameters as a decoded query string carries them',
      request: { params, query: { node_id: EXAMPLE.nodeId, offset: '0', limit: '1000', sort: 'idle', order: 'desc' } },
      response: {
        status: 200,
        body: {
          count: 1,
          clients: [{ id: '1901', addr: '192.168.0.27:40312', cmd: 'blpop', age: 320, idle: 318, flags: 'b' }],
        },
      },
    },
    {
      name: 'not-supported',
      summary: 'The instance does not offer client management',
      outcome: { from: 'state', why: 'the instance does not offer client management (its type or engine version)' },
      request: { params, query: { node_id: EXAMPLE.nodeId } },
      response: { status: 400, body: { error_code: 'DCS.4848', error_msg: 'Client Management is not supported.' } },
    },
  ],
  inputs: [
    {
      target: '/params/instance_id',
      from: { values: 'required', why: 'no operation of this catalog lists DCS instances' },
    },
    { target: '/query/node_id', from: { operationId: 'showNodesInformation', pointer: '/nodes/0/node_id' } },
  ],
  docNotes: [
    'DCS.4848 "Client Management is not supported" depends on the instance (its type or engine version), not on the request, which is the default example\'s; a live run skips it.',
    'No example response is published and the field table marks nothing mandatory; the official SDKs (Python 3.1.211, Go) model every session field as optional too, so none is required, not even id and addr, which Redis always reports: a required field the service may leave out would be reported as drift. The example is built from the field table with Redis CLIENT LIST values.',
    'node_id is mandatory in the page (every edition) and in the Go SDK, optional in the Python SDK 3.1.211, which validates nothing; the list belongs to one node, so a request without one cannot be answered and the schema requires it.',
    'The format of `time` is not documented, so the schema accepts any string and the examples leave it out.',
    'events is documented as the enum r | w, but Redis reports both letters (rw) or none for some clients; the schema accepts r, w, rw and empty.',
  ],
});
