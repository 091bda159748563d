/**
 * `npm run bench:mock`: requests per second of the mock (JSON and XML, with validation), of a bare node:http
 * server answering a constant body (the ceiling), and of Prism mocking the generated spec, all on the same
 * operation and the same machine, one after the other. Each server runs in its own process so the load
 * generator (autocannon, in this process) never shares its event loop.
 *
 * Targets (issue 7): JSON ≥ 10× Prism, JSON ≥ 50 % of bare node:http, XML ≥ 35 % of bare node:http.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startMock } from '../contract-tests/mock/server.ts';
import { encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { services } from '../schemas/index.ts';
import { type AutocannonResult, describeRun, measure, NCP_AUTH, ratio, rows, servedKind, startChild, startPrism } from './load.ts';

const OPERATION = 'accountsGetDetail';
const SPEC = 'spec/ncp-dataforest/openapi.json';

const service = services.find((s) => s.operations.some((op) => op.operationId === OPERATION));
const operation = service?.operations.find((op) => op.operationId === OPERATION);
const example = operation?.examples[0];
if (!operation?.request.body || example === undefined) {
  throw new Error(`bench: ${OPERATION} with a request body and an example is needed`);
}
const requestBody = operation.request.body;
const JSON_BODY = JSON.stringify(example.request.body);
const XML_BODY = encodeXml(
  requestBody.xmlSchema,
  requestBody.schema.parse(example.request.body),
  xmlRootName(requestBody.xmlSchema) as string,
);

/** Child mode: serve one target and tell the parent where; exit when the parent goes away. */
async function serve(kind: string): Promise<void> {
  let url: string;
  if (kind === 'mock') {
    url = (await startMock({ services: [service?.id as string] })).url;
  } else {
    const answer = Buffer.from(JSON.stringify(example?.response.body));
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  process.send?.({ url });
  process.on('disconnect', () => process.exit(0));
}

const JSON_HEADERS = { ...NCP_AUTH, 'content-type': 'application/json', accept: 'application/json' };
const XML_HEADERS = { ...NCP_AUTH, 'content-type': 'application/xml', accept: 'application/xml' };

function report(results: Map<string, AutocannonResult>): string {
  const rps = (name: string) => results.get(name)?.requests.average ?? Number.NaN;
  return [
    `${OPERATION} (${operation?.method.toUpperCase()} ${operation?.path}): ${describeRun()}`,
    ...rows(results),
    ratio('mock JSON / prism', rps('mock JSON') / rps('prism'), 10, '×'),
    ratio('mock JSON / bare', rps('mock JSON') / rps('bare node:http'), 0.5, '%'),
    ratio('mock XML / bare', rps('mock XML') / rps('bare node:http'), 0.35, '%'),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(SPEC)) {
    throw new Error(`bench: ${SPEC} is missing; run \`npx api-contracts generate\` first`);
  }
  const script = fileURLToPath(import.meta.url);
  const servers = await Promise.all([
    startChild(script, 'mock'),
    startChild(script, 'bare'),
    startPrism(['mock', SPEC], { path: operation?.path ?? '', headers: JSON_HEADERS, body: JSON_BODY }),
  ]);
  try {
    const [mock, bare, prism] = servers.map((s) => `${s.url}${operation?.path}`) as [string, string, string];
    const results = await measure([
      { name: 'mock JSON', url: mock, headers: JSON_HEADERS, body: JSON_BODY },
      { name: 'mock XML', url: mock, headers: XML_HEADERS, body: XML_BODY },
      { name: 'bare node:http', url: bare, headers: JSON_HEADERS, body: JSON_BODY },
      { name: 'prism', url: prism, headers: JSON_HEADERS, body: JSON_BODY },
    ]);
    // biome-ignore lint/suspicious/noConsole: this is a script
    console.log(report(results));
  } finally {
    for (const { child } of servers) {
      child.kill();
    }
  }
}

const served = servedKind();
if (served) {
  await serve(served.kind);
} else {
  await main();
}
