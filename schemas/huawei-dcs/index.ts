import { HUAWEI_DOC_NOTES, huaweiErrorEnvelope, huaweiSecurity, huaweiSecuritySchemes, huaweiServers } from '../_huawei/common.ts';
import { defineService } from '../_shared/service.ts';
import { hangUpKillAllClients } from './clients/hang-up-kill-all-clients.ts';
import { listClients } from './clients/list-clients.ts';
import { scanClients } from './clients/scan-clients.ts';
import { showJobInfo } from './jobs/show-job-info.ts';
import { showNodesInformation } from './nodes/show-nodes-information.ts';

export const huaweiDcs = defineService({
  id: 'huawei-dcs',
  title: 'Huawei Cloud DCS session management',
  version: 'v2',
  description:
    'Distributed Cache Service (Redis) session management: find the nodes of an instance, refresh and list their client sessions, kill them all, and follow the kill job.',
  docUrl: 'https://support.huaweicloud.com/intl/en-us/api-dcs/topic_300000015.html',
  servers: huaweiServers('dcs'),
  securitySchemes: huaweiSecuritySchemes,
  security: huaweiSecurity,
  signers: ['huawei-aksk', 'huawei-token'],
  mediaTypes: ['application/json'],
  tags: [
    { name: 'Sessions', description: 'Client sessions of an instance node: refresh, list, kill.' },
    { name: 'Nodes', description: 'The nodes of an instance, and which of them hold sessions.' },
    { name: 'Jobs', description: 'Asynchronous jobs, such as a kill of all sessions.' },
  ],
  errors: huaweiErrorEnvelope,
  docNotes: [
    ...HUAWEI_DOC_NOTES,
    'DCS pages describe error_ext_msg as unused and set to null, while their examples leave it out; it is optional and nullable.',
  ],
  operations: [showNodesInformation, scanClients, listClients, hangUpKillAllClients, showJobInfo],
});
