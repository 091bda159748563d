import { HUAWEI_DOC_NOTES, huaweiErrorEnvelope, huaweiSecurity, huaweiSecuritySchemes, huaweiServers } from '../_huawei/common.ts';
import { defineService } from '../_shared/service.ts';
import { listInstances } from './instances/list-instances.ts';
import { deleteSession } from './sessions/delete-session.ts';
import { listSessions } from './sessions/list-sessions.ts';

export const huaweiDds = defineService({
  id: 'huawei-dds',
  title: 'Huawei Cloud DDS session management',
  version: 'v3',
  description:
    'Document Database Service (MongoDB) session management: find the nodes of an instance, list the sessions of a node, kill sessions.',
  docUrl: 'https://support.huaweicloud.com/intl/en-us/api-dds/dds_connect_0003.html',
  servers: [
    ...huaweiServers('dds'),
    {
      url: 'https://dds.eu-west-101.myhuaweicloud.eu',
      description: 'Region eu-west-101, which is served from the myhuaweicloud.eu domain',
    },
  ],
  securitySchemes: huaweiSecuritySchemes,
  security: huaweiSecurity,
  signers: ['huawei-aksk', 'huawei-token'],
  mediaTypes: ['application/json'],
  tags: [
    { name: 'Instances', description: 'Instances with their groups and nodes: where node ids come from.' },
    { name: 'Sessions', description: 'Sessions of an instance node: list, kill.' },
  ],
  errors: huaweiErrorEnvelope,
  docNotes: [
    ...HUAWEI_DOC_NOTES,
    'Some English pages write example URIs without the dds. host prefix (https://ap-southeast-1.myhuaweicloud.com/...); the SDK endpoint list has it, and so do the servers here.',
    'DDS publishes one error-code table for all operations and no per-operation list; the error examples use codes from that table (DBS.200013 for an unknown node, DBS.280001 for a bad parameter).',
  ],
  operations: [listInstances, listSessions, deleteSession],
});
