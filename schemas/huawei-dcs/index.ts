import { huaweiErrorEnvelope, huaweiSecurity, huaweiSecuritySchemes, huaweiServers } from '../_huawei/common.ts';
import { defineService } from '../_shared/service.ts';
import { hangUpKillAllClients } from './clients/hang-up-kill-all-clients.ts';

export const huaweiDcs = defineService({
  id: 'huawei-dcs',
  title: 'Huawei Cloud DCS session management',
  version: 'v2',
  description:
    'Distributed Cache Service (Redis) session management: list and kill client sessions, with the node and job look-ups a kill needs.',
  docUrl: 'https://support.huaweicloud.com/intl/en-us/api-dcs/topic_300000015.html',
  servers: huaweiServers('dcs'),
  securitySchemes: huaweiSecuritySchemes,
  security: huaweiSecurity,
  signers: ['huawei-aksk', 'huawei-token'],
  mediaTypes: ['application/json'],
  tags: [{ name: 'Sessions', description: 'Client sessions of an instance.' }],
  errors: huaweiErrorEnvelope,
  docNotes: [],
  operations: [hangUpKillAllClients],
});
