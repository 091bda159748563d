/**
 * `npm run bench:proxy`: requests per second through `api-contracts proxy` (the command itself: every exchange
 * checked, folded into the report, its console line written out) in front of a bare node:http upstream, against
 * the same upstream hit directly, in JSON and in XML, one after the other in the same run. Upstream and proxy each
 * run in their own process (the proxy's checks on a worker thread of it); autocannon runs in this one.
 *
 * A third target is the floor of the stack: a bare node:http server passing each request to the upstream with
 * undici and the answer back, checking nothing. What the proxy costs beyond it is routing, hop-by-hop handling,
 * the checks and the report.
 *
 * The baseline from elsewhere is Prism's validating proxy (`prism proxy`, which checks each request and response
 * against the generated spec) in front of the same upstream, in JSON: Prism does not validate XML bodies.
 *
 * Targets (issue 16): through the proxy ≥ 40 % of direct for JSON, ≥ 30 % for XML.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { services } from '../schemas/index.ts';
import { proxyCommand } from '../scripts/proxy/command.ts';
import { type AutocannonResult, describeRun, measure, NCP_AUTH, ratio, rows, servedKind, startChild, startPrism } from './load.ts';

const OPERATION = 'accountsGetDetail';
const SPEC = 'spec/ncp-dataforest/openapi.json';

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
/** Every target gets the NCP signature headers Prism demands (unchecked here: the proxy passes them through). */
const headers = (format: 'json' | 'xml') => ({ ...NCP_AUTH, 'content-type': `application/${format}`, accept: `application/${format}` });

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

/**
 * The proxy: `api-contracts proxy` itself, its console lines written to /dev/null as they would be to a redirected
 * stdout. Asked for its stats, it stops as on Ctrl-C and answers with its closing summary line.
 */
function serveProxy(upstream: string): Promise<string> {
  const sink = openSync('/dev/null', 'w');
  const stop = new AbortController();
  let summary: ((line: string) => void) | undefined;
  process.on('message', () => {
    summary = (line) => process.send?.(line);
    stop.abort();
  });
  return new Promise((resolve, reject) => {
    const stdout = (text: string) => {
      writeSync(sink, text);
      const url = /^Proxy listening on (\S+);/.exec(text)?.[1];
      if (url !== undefined) {
        resolve(url);
      } else if (summary !== undefined && / exchanges?: /.test(text)) {
        summary(text.trim());
      }
    };
    const io = { stdout, stderr: (text: string) => process.stderr.write(text), cwd: process.cwd(), env: {}, signal: stop.signal };
    proxyCommand.run(['--upstream', `${service?.id}=${upstream}`, '--port', '0'], io).then(
      (code) => reject(new Error(`bench: api-contracts proxy exited (${code}) before listening`)),
      (error: unknown) => reject(error),
    );
  });
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

/**
 * Stops the proxy and reads its summary (`303420 exchanges: 303420 passed, 0 failed; …`): a benchmark of exchanges
 * it found at fault would measure its error paths.
 */
async function stats(child: ChildProcess): Promise<{ line: string; clean: boolean }> {
  const answer = once(child, 'message') as Promise<[string]>;
  child.send('stats');
  const [line] = await answer;
  const counts = /^(\d+) exchanges?: (\d+) passed, 0 failed;/.exec(line);
  return { line, clean: counts !== null && counts[1] !== '0' && counts[1] === counts[2] };
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
    ratio('proxy JSON / prism proxy', rps('proxy JSON') / rps('prism proxy JSON'), 1, '×'),
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
    const prism = await startPrism(['proxy', SPEC, upstream.url], { path, headers: headers('json'), body: REQUEST.json });
    children.push(prism);
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
    const prismTarget = { name: 'prism proxy JSON', url: `${prism.url}${path}`, headers: headers('json'), body: REQUEST.json };
    const results = await measure([...targets('json'), prismTarget, ...targets('xml')]);
    const seen = await stats(proxy.child);
    if (!seen.clean) {
      throw new Error(`bench: the proxy saw no traffic, or found problems in it (${seen.line}); its numbers would be meaningless`);
    }
    // biome-ignore lint/suspicious/noConsole: this is a script
    console.log(`${report(results)}\n  (proxy: ${seen.line})`);
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
