import { huaweiErrorEnvelope, huaweiSecurity, huaweiSecuritySchemes, huaweiServers } from '../_huawei/common.ts';
import { defineService } from '../_shared/service.ts';
import { deleteSession } from './sessions/delete-session.ts';

export const huaweiDds = defineService({
  id: 'huawei-dds',
  title: 'Huawei Cloud DDS session management',
  version: 'v3',
  description: 'Document Database Service (MongoDB) session management: find instance nodes, list their sessions, kill sessions.',
  docUrl: 'https://support.huaweicloud.com/intl/en-us/api-dds/dds_connect_0003.html',
  servers: huaweiServers('dds'),
  securitySchemes: huaweiSecuritySchemes,
  security: huaweiSecurity,
  signers: ['huawei-aksk', 'huawei-token'],
  mediaTypes: ['application/json'],
  tags: [{ name: 'Sessions', description: 'Sessions of an instance node.' }],
  errors: huaweiErrorEnvelope,
  docNotes: [],
  operations: [deleteSession],
});
