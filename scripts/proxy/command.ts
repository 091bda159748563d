import { HistoryRecorder, runIdOf, secretsOf } from '../../contract-tests/history/recorder.ts';
import { DEFAULT_BODY_LIMIT } from '../../contract-tests/mock/server.ts';
import { jsonReport } from '../../contract-tests/report/json.ts';
import { junitReport } from '../../contract-tests/report/junit.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../cli/command.ts';
import { openHistory } from '../cli/history-dir.ts';
import { bindAddress, bodyLimit, integer, isLoopback, listenFailure, listenPort, sharedOptions, sharedUsage } from '../cli/options.ts';
import { checkReportFiles, parseReports, writeReportFile } from '../cli/report-files.ts';
import { runWrapped } from './child.ts';
import { exchangeLine, type ProxyReport, Traffic, trafficMarkdown, trafficSummaryLine } from './report.ts';
import { type RunningProxy, startProxy } from './server.ts';

const DEFAULT_PORT = 4020;
/** The width of the usage's option column. */
const W = 30;

/** The variable that tells a wrapped command where the proxy listens. */
export const PROXY_URL_VARIABLE = 'API_CONTRACTS_PROXY_URL';

const usage = `Usage: api-contracts proxy --upstream [SERVICE=]URL... [options] [-- COMMAND [ARGS...]]

Forwards each request to the upstream and returns its answer unchanged, byte for byte, while checking the
exchange against the contract: a request the upstream accepted against its schema (JSON or XML), the response
against the documented statuses, Content-Type, XML root and shape, and schema. One line per exchange; on Ctrl-C (or after
--max-exchanges) the reports, grouped by operation, with the operations seen and not seen.

  --upstream URL | SERVICE=URL   where requests go: one URL for every service, or one per service (repeatable)
${sharedUsage(W, 'port', String(DEFAULT_PORT))}
${sharedUsage(W, 'host')}
  --resign                       sign each forwarded request with the credentials of a live run, from the
                                 environment: NCP_ACCESS_KEY, NCP_SECRET_KEY; HUAWEI_AK, HUAWEI_SK or
                                 HUAWEI_AUTH_TOKEN. Default: the caller's own signature goes through untouched.
                                 Then only documented read operations are forwarded; others get a 403
${sharedUsage(W, 'allow-unsafe', 'with --resign, also forward write and destructive operations')}
  --allow-remote                 with --resign, allow a --host other machines can reach (default: refused)
${sharedUsage(W, 'report')}
${sharedUsage(W, 'strict', 'warnings (additive drift, undocumented operations, unchecked bodies) fail too')}
  --max-exchanges N              stop after N exchanges (default: run until Ctrl-C)
${sharedUsage(W, 'body-limit', `bodies over this size are streamed through unchecked (default ${DEFAULT_BODY_LIMIT})`)}
  --history DIR                  on exit, append the session's record to the history store in DIR: per
                                 operation, format and status, the outcome, latency and the answers' shape
                                 (see \`api-contracts history\`)
  -h, --help
  -- COMMAND [ARGS...]           run COMMAND once the proxy listens, with the proxy's URL in its environment
                                 as ${PROXY_URL_VARIABLE}; stop when it exits and write the reports

Exit codes: 0 every exchange passed (warnings allowed unless --strict), 1 an exchange failed (drift, an invalid
request the upstream accepted, an authentication refusal, an upstream failure), 2 a usage or configuration error.
With a COMMAND: 1 when an exchange failed, else the command's own exit code (127: not found).`;

const REPORTERS: Record<string, (report: ProxyReport) => string> = { json: jsonReport, junit: junitReport, md: trafficMarkdown };

/** The report's `target`: the one upstream, or `service=url` pairs. */
function targetOf(proxy: RunningProxy): string {
  const urls = new Set(proxy.upstreams.map((u) => u.url));
  return urls.size === 1 ? ([...urls][0] as string) : proxy.upstreams.map((u) => `${u.service.id}=${u.url}`).join(' ');
}

function describe(proxy: RunningProxy): string {
  const routes = proxy.upstreams.map((u) => `  ${u.service.id} → ${u.url}`).join('\n');
  const signing = proxy.upstreams.some((u) => u.signing)
    ? `re-signing each request (${[...new Set(proxy.upstreams.map((u) => u.signing?.signer.id))].join(', ')})`
    : "callers' signatures pass through untouched";
  return `Proxy listening on ${proxy.url}; ${signing}. Ctrl-C stops it and writes the reports.\n${routes}\n`;
}

export const proxyCommand: Command = {
  name: 'proxy',
  summary: 'forward real traffic to an API and check each exchange (JSON and XML) against the contract',
  usage,
  async run(argv, io) {
    const dashes = argv.indexOf('--');
    const wrapped = dashes < 0 ? [] : argv.slice(dashes + 1);
    if (dashes >= 0 && wrapped.length === 0) {
      throw new UsageError('-- must be followed by the command to run through the proxy');
    }
    const { values } = parseCommandArgs('proxy', dashes < 0 ? argv : argv.slice(0, dashes), {
      upstream: { type: 'string', multiple: true },
      ...sharedOptions('port', 'host', 'allow-unsafe', 'report', 'strict', 'body-limit'),
      resign: { type: 'boolean' },
      'allow-remote': { type: 'boolean' },
      'max-exchanges': { type: 'string' },
      history: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const port = listenPort(values.port, DEFAULT_PORT);
    const host = bindAddress(values.host);
    if (values.resign && !isLoopback(host) && !values['allow-remote']) {
      throw new UsageError(
        `--host ${host} with --resign would sign, with your keys, the requests of anyone who reaches the port; --allow-remote if that is meant`,
      );
    }
    const maxExchanges =
      values['max-exchanges'] === undefined ? undefined : integer('--max-exchanges', values['max-exchanges'], 1, 2 ** 31);
    const limit = bodyLimit(values['body-limit']);

    const reports = await checkReportFiles(parseReports(values.report ?? []), io.cwd);
    const history = values.history === undefined ? undefined : await openHistory(io.cwd, values.history);
    const recorder = new HistoryRecorder(secretsOf(io.env));
    const at = new Date().toISOString();
    const stop = new AbortController();
    io.signal?.addEventListener('abort', () => stop.abort(), { once: true });
    let traffic: Traffic | undefined;
    // The proxy reports the exchanges of one event-loop turn together (see `startProxy`): their lines go out in
    // one write, once the batch is done, rather than a synchronous write each.
    let lines = '';
    const flush = () => {
      if (lines !== '') {
        io.stdout(lines);
        lines = '';
      }
    };
    const proxy = await startProxy({
      upstreams: values.upstream ?? [],
      port,
      host,
      resign: values.resign ?? false,
      allowUnsafe: values['allow-unsafe'] ?? false,
      env: io.env,
      ...(limit === undefined ? {} : { bodyLimit: limit }),
      ...(history === undefined ? {} : { observe: { secrets: secretsOf(io.env) } }),
      onWarning: (message) => io.stderr(`${message}\n`),
      onExchange(exchange) {
        // Exchanges forwarded before a Ctrl-C are still checked and counted while the proxy closes.
        if (traffic === undefined || (maxExchanges !== undefined && traffic.count() >= maxExchanges)) {
          return;
        }
        if (lines === '') {
          queueMicrotask(flush);
        }
        lines += exchangeLine(exchange, traffic.add(exchange));
        if (exchange.shape !== undefined && exchange.operationId !== undefined) {
          const group = exchange.status === null ? 'no response' : `HTTP ${exchange.status}`;
          recorder.merge(exchange.service, exchange.operationId, group, exchange.format, exchange.shape);
        }
        if (maxExchanges !== undefined && traffic.count() >= maxExchanges) {
          stop.abort();
        }
      },
      // The checks stopped for good: what was checked is reported, and the run fails with the cause (from `close`).
      onFailure: () => stop.abort(),
    }).catch(listenFailure(host, port));
    traffic = new Traffic(proxy.operations, values.strict ?? false);
    io.stdout(describe(proxy));
    const child = wrapped.length === 0 ? undefined : runWrapped(wrapped, { ...io.env, [PROXY_URL_VARIABLE]: proxy.url }, io);
    // The command ending stops the proxy; the proxy stopping first (a signal, --max-exchanges) stops the command.
    void child?.ended.then(() => stop.abort());
    stop.signal.addEventListener('abort', () => child?.stop(), { once: true });
    if (!stop.signal.aborted) {
      await new Promise((done) => stop.signal.addEventListener('abort', done, { once: true }));
    }
    const interrupted = io.signal?.aborted ?? false;
    const end = await child?.ended;
    const failure = await proxy.close().then(
      () => undefined,
      (error: Error) => error.message,
    );
    flush();

    const report = traffic.report(targetOf(proxy));
    io.stdout(`\n${trafficSummaryLine(report)}`);
    for (const file of reports) {
      await writeReportFile(file, (REPORTERS[file.kind] as (r: ProxyReport) => string)(report));
      io.stdout(`${file.kind} report: ${file.file}\n`);
    }
    if (history !== undefined) {
      // Only documented operations: an undocumented path may carry ids, and the store keeps none.
      const documented = new Set(proxy.operations.map((op) => `${op.service} ${op.operation.operationId}`));
      const results = report.results.filter((r) => documented.has(`${r.service} ${r.operationId}`));
      const meta = { at, run: runIdOf(io.env, at), shard: '1/1', source: 'proxy' as const };
      const files = await recorder.write(history.path, { ...report, results }, meta);
      io.stdout(`history: ${files.map((file) => `${history.given}/${file}`).join(', ') || 'no exchange of a documented operation'}\n`);
    }
    if (failure !== undefined) {
      io.stderr(`${failure}\n`);
      return EXIT.failed;
    }
    if (report.exchanges.failed > 0) {
      return EXIT.failed;
    }
    // A command the proxy stopped on a signal did not fail of its own accord: the verdict is the proxy's.
    if (end?.failure !== undefined && !interrupted) {
      io.stderr(`api-contracts proxy: ${end.failure}\n`);
      return end.code;
    }
    return EXIT.ok;
  },
};
