/**
 * `npm run bench:proxy`: requests per second through `api-contracts proxy` (every exchange checked, folded into
 * the report and formatted as its console line) in front of a bare node:http upstream, against the same upstream
 * hit directly, in JSON and in XML, one after the other in the same run. Upstream and proxy each run in their own
 * process; autocannon runs in this one.
 *
 * A third target is the floor of the stack: a bare node:http server passing each request to the upstream with
 * undici and the answer back, checking nothing. What the proxy costs beyond it is routing, hop-by-hop handling,
 * the checks and the report.
 *
 * Targets (issue 16): through the proxy ≥ 40 % of direct for JSON, ≥ 30 % for XML.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { services } from '../schemas/index.ts';
import { exchangeLine, Traffic } from '../scripts/proxy/report.ts';
import { startProxy } from '../scripts/proxy/server.ts';
import { type AutocannonResult, describeRun, measure, ratio, rows, servedKind, startChild } from './load.ts';

const OPERATION = 'accountsGetDetail';

const service = services.find((s) => s.operations.some((op) => op.operationId === OPERATION));
const operation = service?.operations.find((op) => op.operationId === OPERATION);
const example = operation?.examples[0];
const documented = operation?.responses.find((r) => r.status === 200)?.body;
if (!operation?.request.body || example === undefined || documented === undefined) {
  throw new Error(`bench: ${OPERATION} with a request body, an example and a 200 body is needed`);
}
const toXml = (body: NonNullable<typeof documented>, value: unknown) =>
  encodeXml(body.xmlSchema, body.fromJson(body.schema.parse(value)), xmlRootName(body.xmlSchema) as string, { declaration: true });
const REQUEST = { json: JSON.stringify(example.request.body), xml: toXml(operation.request.body, example.request.body) };
const RESPONSE = {
  json: Buffer.from(JSON.stringify(example.response.body)),
  xml: Buffer.from(toXml(documented, example.response.body)),
};
const headers = (format: 'json' | 'xml') => ({ 'content-type': `application/${format}`, accept: `application/${format}` });

/** The upstream: a constant, valid answer in the format asked for, as cheaply as node:http can give it. */
async function serveUpstream(): Promise<string> {
  const server = createServer((req, res) => {
    const format = req.headers.accept === 'application/xml' ? 'xml' : 'json';
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': `application/${format}`, 'content-length': RESPONSE[format].length });
      res.end(RESPONSE[format]);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The proxy, doing per exchange what the command does (report, console line), minus writing the line out. */
async function serveProxy(upstream: string): Promise<string> {
  let traffic: Traffic | undefined;
  let withFindings = 0;
  const proxy = await startProxy({
    upstreams: [`${service?.id}=${upstream}`],
    onExchange(exchange) {
      withFindings += exchange.findings.length > 0 ? 1 : 0;
      exchangeLine(exchange, traffic?.add(exchange) ?? 'passed');
    },
  });
  traffic = new Traffic(proxy.operations, false);
  process.on('message', () => process.send?.({ exchanges: traffic?.count() ?? 0, withFindings }));
  return proxy.url;
}

/** The floor: node:http in, undici out, nothing read but what forwarding needs. */
async function servePassThrough(upstream: string): Promise<string> {
  const dispatcher = new Agent();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = req.rawHeaders.filter((_, i, raw) => !['host', 'connection'].includes((raw[i - (i % 2)] as string).toLowerCase()));
      dispatcher.dispatch(
        { origin: upstream, path: req.url ?? '/', method: 'POST', headers, body: Buffer.concat(chunks) },
        {
          // undici takes a handler for its current API only when it has onRequestStart.
          onRequestStart: () => undefined,
          onResponseStart: (controller, status, _headers, message) => {
            const raw = (controller.rawHeaders as Buffer[]).map((b) => b.toString('latin1'));
            res.writeHead(
              status,
              message ?? '',
              raw.filter((_, i) => !/^(connection|keep-alive)$/i.test(raw[i - (i % 2)] as string)),
            );
          },
          onResponseData: (_, chunk) => res.write(chunk),
          onResponseEnd: () => res.end(),
          onResponseError: (_, error) => res.destroy(error),
        },
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const SERVERS: Record<string, (upstream: string) => Promise<string>> = {
  upstream: serveUpstream,
  proxy: serveProxy,
  'pass-through': servePassThrough,
};

async function serve(kind: string, args: string[]): Promise<void> {
  const url = await (SERVERS[kind] as (upstream: string) => Promise<string>)(args[0] as string);
  process.send?.({ url });
  process.on('disconnect', () => process.exit(0));
}

/** Asks the proxy what it saw: a benchmark of exchanges it found at fault would measure its error paths. */
function stats(child: ChildProcess): Promise<{ exchanges: number; withFindings: number }> {
  const answer = once(child, 'message') as Promise<[{ exchanges: number; withFindings: number }]>;
  child.send('stats');
  return answer.then(([message]) => message);
}

const percent = (value: number) => `${(value * 100).toFixed(0)} %`;

function report(results: Map<string, AutocannonResult>): string {
  const rps = (name: string) => results.get(name)?.requests.average ?? Number.NaN;
  return [
    `${OPERATION} (${operation?.method.toUpperCase()} ${operation?.path}): ${describeRun()}`,
    ...rows(results, 18),
    ratio('proxy JSON / direct', rps('proxy JSON') / rps('direct JSON'), 0.4, '%'),
    ratio('proxy XML / direct', rps('proxy XML') / rps('direct XML'), 0.3, '%'),
    `  floor: pass-through JSON / direct ${percent(rps('pass-through JSON') / rps('direct JSON'))}, XML / direct ${percent(rps('pass-through XML') / rps('direct XML'))}`,
    `  proxy / pass-through: JSON ${percent(rps('proxy JSON') / rps('pass-through JSON'))}, XML ${percent(rps('proxy XML') / rps('pass-through XML'))} (what routing, checks and report cost)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const upstream = await startChild(script, 'upstream');
  const children = [upstream];
  try {
    const proxy = await startChild(script, 'proxy', [upstream.url]);
    children.push(proxy);
    const passThrough = await startChild(script, 'pass-through', [upstream.url]);
    children.push(passThrough);
    const path = operation?.path ?? '';
    const targets = (format: 'json' | 'xml') =>
      (
        [
          ['direct', upstream.url],
          ['proxy', proxy.url],
          ['pass-through', passThrough.url],
        ] as const
      ).map(([name, url]) => ({
        name: `${name} ${format.toUpperCase()}`,
        url: `${url}${path}`,
        headers: headers(format),
        body: REQUEST[format],
      }));
    const results = await measure([...targets('json'), ...targets('xml')]);
    const seen = await stats(proxy.child);
    if (seen.exchanges === 0 || seen.withFindings > 0) {
      throw new Error(
        `bench: the proxy found problems in ${seen.withFindings} of ${seen.exchanges} exchanges; its numbers would be meaningless`,
      );
    }
    // biome-ignore lint/suspicious/noConsole: this is a script
    console.log(`${report(results)}\n  (${seen.exchanges} exchanges checked through the proxy, none with a finding)`);
  } finally {
    for (const { child } of children) {
      child.kill();
    }
  }
}

const served = servedKind();
if (served) {
  await serve(served.kind, served.args);
} else {
  await main();
}
