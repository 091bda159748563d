import { defineService } from '../_shared/service.ts';
import { accounts } from './accounts/index.ts';
import { aiApps } from './ai-apps/index.ts';
import { aiWorkspaces } from './ai-workspaces/index.ts';
import { apps } from './apps/index.ts';
import { ERROR_DOC_NOTES, ncpErrorBody } from './common.ts';
import { notebooks } from './notebooks/index.ts';

export const ncpDataforest = defineService({
  id: 'ncp-dataforest',
  title: 'NAVER Cloud Data Forest API',
  version: 'v2',
  description:
    'Data Forest is the NAVER Cloud Platform big-data service (Hadoop accounts, YARN apps, notebooks, AI workspaces). Every operation is a POST with a JSON or XML body, signed with the API Gateway signature v2.',
  docUrl: 'https://api.ncloud-docs.com/docs/en/analytics-dataforest',
  servers: [{ url: 'https://df.apigw.ntruss.com', description: 'API Gateway (VPC)' }],
  securitySchemes: {
    NcpTimestamp: {
      type: 'apiKey',
      in: 'header',
      name: 'x-ncp-apigw-timestamp',
      description: 'Milliseconds since the Unix epoch; the gateway refuses a request 5 minutes or more away from its clock.',
    },
    NcpAccessKey: {
      type: 'apiKey',
      in: 'header',
      name: 'x-ncp-iam-access-key',
      description: 'Access key of the NAVER Cloud account or of a Sub Account.',
    },
    NcpSignature: {
      type: 'apiKey',
      in: 'header',
      name: 'x-ncp-apigw-signature-v2',
      description:
        'Base64 HMAC-SHA256, keyed with the secret key, of "{METHOD} {path?query}\\n{timestamp}\\n{accessKey}". The body is not signed.',
    },
  },
  security: [{ NcpTimestamp: [], NcpAccessKey: [], NcpSignature: [] }],
  signers: ['ncp-apigw-v2'],
  mediaTypes: ['application/json', 'application/xml'],
  tags: [
    { name: 'Accounts', description: 'Data Forest accounts and their HDFS quotas.' },
    { name: 'Notebooks', description: 'Jupyter notebooks and the network settings they need.' },
    { name: 'Apps', description: 'YARN apps of an account.' },
    { name: 'AI Workspaces', description: 'GPU workspaces for AI apps.' },
    { name: 'AI Apps', description: 'AI jobs run in a workspace.' },
  ],
  errors: {
    body: ncpErrorBody,
    make: (_status, message) => ({ error: { message, success: false } }),
  },
  docNotes: ERROR_DOC_NOTES,
  operations: [...accounts, ...notebooks, ...apps, ...aiWorkspaces, ...aiApps],
});
