import { once } from 'node:events';
import { DEFAULT_BODY_LIMIT, type RunningMock, startMock } from '../../contract-tests/mock/server.ts';
import { type Command, EXIT, parseCommandArgs } from '../cli/command.ts';
import { bindAddress, bodyLimit, listenFailure, listenPort, sharedOptions, sharedUsage, usageLines } from '../cli/options.ts';

const DEFAULT_PORT = 4010;
/** The width of the usage's option column. */
const W = 19;

const usage = `Usage: api-contracts mock [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--service ID]... [--verify-auth] [--body-limit BYTES]

Serves every documented operation from the schemas, in JSON and (for services that speak it) XML, until
Ctrl-C. Requests are validated; the answer is the example named by \`Prefer: example=<name>\`, the first
example of \`Prefer: code=<status>\`, the example whose request equals the one sent, the documented
not-found (or not-allowed) error for an id no example documents, or the first success example. Every
answer carries \`X-Api-Contracts-Mock: <version>\`, so \`api-contracts test --base-url\` at the mock runs
as against the embedded one, with no credentials (with --verify-auth: the same ones).

${sharedUsage(W, 'port', String(DEFAULT_PORT))}
${sharedUsage(W, 'host')}
${sharedUsage(W, 'service')}
${usageLines(W, '--verify-auth', [
  'check signatures and tokens with the credentials a live run uses (NCP_ACCESS_KEY,',
  'NCP_SECRET_KEY; HUAWEI_AK, HUAWEI_SK or HUAWEI_AUTH_TOKEN); refuses to start without them',
])}
${sharedUsage(W, 'body-limit', `largest request body accepted (default ${DEFAULT_BODY_LIMIT})`)}
  -h, --help`;

/** The listing printed at start-up: one line per operation, grouped by service. */
export function describeRoutes(routes: RunningMock['routes']): string {
  const methodWidth = Math.max(0, ...routes.map((r) => r.method.length));
  const width = Math.max(0, ...routes.map((r) => methodWidth + 1 + r.path.length));
  const byService = new Map<string, RunningMock['routes']>();
  for (const r of routes) {
    byService.set(r.service, [...(byService.get(r.service) ?? []), r]);
  }
  return [...byService]
    .map(([service, list]) => {
      const lines = list.map((r) => `  ${`${r.method.padEnd(methodWidth)} ${r.path}`.padEnd(width)}  ${r.operationId}`);
      return `${service} (${list.length} operation${list.length === 1 ? '' : 's'})\n${lines.join('\n')}`;
    })
    .join('\n');
}

export const mockCommand: Command = {
  name: 'mock',
  summary: 'serve every documented operation in JSON and XML',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('mock', argv, {
      ...sharedOptions('port', 'host', 'service', 'body-limit'),
      'verify-auth': { type: 'boolean' },
    });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const port = listenPort(values.port, DEFAULT_PORT);
    const host = bindAddress(values.host);
    const limit = bodyLimit(values['body-limit']);
    const mock = await startMock({
      port,
      host,
      services: values.service ?? [],
      verifyAuth: values['verify-auth'] ?? false,
      credentials: io.env,
      ...(limit === undefined ? {} : { bodyLimit: limit }),
    }).catch(listenFailure(host, port));
    const auth = values['verify-auth'] ? 'signatures and tokens are checked' : 'auth is not checked (--verify-auth checks it)';
    io.stdout(`Mock listening on ${mock.url}; ${auth}. Ctrl-C stops it.\n${describeRoutes(mock.routes)}\n`);
    // Without a signal (an embedding that never stops it), the mock runs until the process exits.
    await once(io.signal ?? new AbortController().signal, 'abort');
    await mock.close();
    io.stdout('Mock stopped.\n');
    return EXIT.ok;
  },
};
