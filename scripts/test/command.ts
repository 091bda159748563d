import { resolve } from 'node:path';
import { DEFAULT_TIMEOUT_MS } from '../../contract-tests/client/client.ts';
import type { BodyFormat } from '../../contract-tests/format.ts';
import { HistoryRecorder, runIdOf, secretsOf } from '../../contract-tests/history/recorder.ts';
import { sinceLastGreenOf } from '../../contract-tests/history/run-history.ts';
import { progressLine, startLine, summaryLine } from '../../contract-tests/report/console.ts';
import { isGreen, type Report } from '../../contract-tests/report/report.ts';
import { REPORTERS } from '../../contract-tests/report/reporters.ts';
import { runWithEmbeddedMock } from '../../contract-tests/runner/embedded.ts';
import { DEFAULT_CONCURRENCY, dryRun, type RunOptions } from '../../contract-tests/runner/run.ts';
import { loadValuesFile } from '../../contract-tests/runner/values-file.ts';
import { services } from '../../schemas/index.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../cli/command.ts';
import { openHistory } from '../cli/history-dir.ts';
import { sharedOptions, sharedUsage, timeoutMs } from '../cli/options.ts';
import { checkReportFiles, parseReports, type ReportFile, writeReportFile } from '../cli/report-files.ts';

/** The width of the usage's option column. */
const W = 30;

const usage = `Usage: api-contracts test [options]

Sends every documented example, in JSON and in XML, to the embedded mock (default) or to live base URLs,
and checks each response against its schema and example.

  --base-url URL | SERVICE=URL   test a live API instead of the embedded mock (repeatable); live runs
                                 read credentials from the environment: NCP_ACCESS_KEY, NCP_SECRET_KEY;
                                 HUAWEI_AK, HUAWEI_SK or HUAWEI_AUTH_TOKEN, and HUAWEI_PROJECT_ID; ids the
                                 examples name are taken from list reads on your account (chained). A URL
                                 where \`api-contracts mock\` runs (one unsigned GET of it tells) is tested
                                 as the embedded mock is: every example, no credentials needed
${sharedUsage(W, 'service')}
  --operation OP                 only this operationId or path (repeatable)
  --format json|xml|both         body formats to send (default both)
${sharedUsage(W, 'allow-unsafe', 'against a live URL, also send write and destructive operations')}
${sharedUsage(W, 'strict', 'warnings (additive drift) fail too')}
  --dry-run                      print each request as a signed curl command (secrets redacted); send nothing
${sharedUsage(W, 'report')}
  --shard I/N                    run the I-th of N slices of the operations
  --history DIR                  append this run's record to the history store in DIR (one file per service,
                                 month and shard; see \`api-contracts history\`), and open report.md with
                                 what changed since the last green run
  --values FILE                  request values from your own account (JSON or YAML): per operation
                                 { "accountsGetDetail": { "body": { "id": "…" } } }, or for a field of that
                                 name in every request { "*": { "instance_id": "…" } }; beats chained values
  --concurrency N                requests in flight at once (default ${DEFAULT_CONCURRENCY})
${sharedUsage(W, 'timeout', String(DEFAULT_TIMEOUT_MS / 1000))}
  -h, --help

Exit codes: 0 all passed (warnings allowed unless --strict); 1 drift, or a case that could not be
verified (unreachable, timed out, cut off, a gateway error page, throttled, credentials refused, an error
example where no success of its operation came back), or no documented success passed at all: the
summary counts drift and could-not-verify apart; 2 a usage or configuration error; 130 interrupted
(Ctrl-C or SIGTERM), with every report written and marked interrupted.`;

function parseFormat(value: string | undefined): BodyFormat | 'both' {
  if (value === undefined || value === 'json' || value === 'xml' || value === 'both') {
    return value ?? 'both';
  }
  throw new UsageError(`--format ${value}: expected json, xml or both`);
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--concurrency ${value}: expected a whole number of at least 1`);
  }
  return Number(value);
}

/**
 * Writes every report, marked interrupted if the signal came at any point before the last one was written (a
 * report written before it is written again), so no report claims a run was whole when it was not.
 */
async function writeReports(files: readonly ReportFile[], report: Report, signal: AbortSignal | undefined, preface = ''): Promise<Report> {
  const marked = (): Report =>
    signal?.aborted && !report.summary.interrupted ? { ...report, summary: { ...report.summary, interrupted: true } } : report;
  const render = (file: ReportFile, r: Report) =>
    `${file.kind === 'md' ? preface : ''}${(REPORTERS[file.kind] as (r: Report) => string)(r)}`;
  let written = marked();
  for (const file of files) {
    await writeReportFile(file, render(file, written));
  }
  if (marked() !== written) {
    written = marked();
    for (const file of files) {
      await writeReportFile(file, render(file, written));
    }
  }
  return written;
}

export const testCommand: Command = {
  name: 'test',
  summary: 'run every example (JSON and XML) against the mock or a live API and report drift',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('test', argv, {
      'base-url': { type: 'string', multiple: true },
      ...sharedOptions('service', 'allow-unsafe', 'strict', 'report', 'timeout'),
      operation: { type: 'string', multiple: true },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      shard: { type: 'string' },
      values: { type: 'string' },
      concurrency: { type: 'string' },
      history: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const timeout = timeoutMs(values.timeout);
    const options: RunOptions = {
      ...(values['base-url'] ? { baseUrls: values['base-url'] } : {}),
      ...(values.service ? { services: values.service } : {}),
      ...(values.operation ? { operations: values.operation } : {}),
      format: parseFormat(values.format),
      allowUnsafe: values['allow-unsafe'] ?? false,
      strict: values.strict ?? false,
      ...(values.shard ? { shard: values.shard } : {}),
      ...(values.concurrency ? { concurrency: parseConcurrency(values.concurrency) } : {}),
      ...(timeout === undefined ? {} : { client: { timeoutMs: timeout } }),
      ...(values.values ? { values: await loadValuesFile(resolve(io.cwd, values.values), values.values, services) } : {}),
      env: io.env,
      ...(io.signal ? { signal: io.signal } : {}),
    };
    if (values['dry-run']) {
      const requests = await dryRun(options);
      for (const request of requests) {
        const { service, operation, example, format } = request.case;
        const notes = [
          ...(request.skipped === undefined ? [] : [`# skipped: ${request.skipped}`]),
          ...request.chained.map((chain) => `# chained at run time (the example's value shown): ${chain}`),
          ...request.fresh.map((field) => `# generated for this request, an id that names nothing: ${field}`),
        ];
        const head = [`# ${service.id} ${operation.operationId} ${example.name} ${format}`, ...notes].join('\n');
        io.stdout(`${head}\n${request.curl}\n\n`);
      }
      io.stdout(`${requests.length} requests, none sent (--dry-run)\n`);
      return EXIT.ok;
    }
    const reports = await checkReportFiles(parseReports(values.report ?? []), io.cwd);
    const history = values.history === undefined ? undefined : await openHistory(io.cwd, values.history);
    const recorder = new HistoryRecorder(secretsOf(io.env));
    const at = new Date().toISOString();
    const started = performance.now();
    // The embedded mock, for the services with no --base-url, is started for the run and closed after it.
    const report = await runWithEmbeddedMock({
      ...options,
      onStart: (start) => io.stdout(startLine(start)),
      onResult: (result) => io.stdout(progressLine(result)),
      ...(history
        ? { onResponse: (item, response) => recorder.observe(item.service.id, item.operation, item.example.name, item.format, response) }
        : {}),
    });
    io.stdout(`\n${summaryLine(report, performance.now() - started)}`);
    let preface = '';
    if (history) {
      const files = await recorder.write(history.path, report, {
        at,
        run: runIdOf(io.env, at),
        shard: values.shard ?? '1/1',
        source: 'test',
      });
      const summary = await sinceLastGreenOf(history.path, files);
      for (const warning of summary.warnings) {
        io.stderr(`api-contracts test: history: ${warning}\n`);
      }
      preface = summary.markdown;
      io.stdout(`history: ${files.map((file) => `${history.given}/${file}`).join(', ')}\n`);
    }
    const written = await writeReports(reports, report, io.signal, preface);
    for (const { kind, file } of reports) {
      io.stdout(`${kind} report: ${file}\n`);
    }
    if (written.summary.interrupted) {
      io.stderr('api-contracts test: interrupted; the reports hold the results completed so far\n');
      return EXIT.interrupted;
    }
    if (report.summary.failed === 0 && !isGreen(report.summary)) {
      io.stderr('api-contracts test: not green: no documented success of any selected operation passed, so the run verified nothing\n');
    }
    return isGreen(report.summary) ? EXIT.ok : EXIT.failed;
  },
};
