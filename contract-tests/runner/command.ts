import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { services } from '../../schemas/index.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../../scripts/cli/command.ts';
import type { Format } from '../format.ts';
import type { Report } from './report.ts';
import { progressLine, summaryLine } from './reporters/console.ts';
import { jsonReport } from './reporters/json.ts';
import { junitReport } from './reporters/junit.ts';
import { markdownReport } from './reporters/markdown.ts';
import { DEFAULT_CONCURRENCY, dryRun, type RunOptions, runContracts } from './run.ts';
import { loadValuesFile } from './values-file.ts';

const usage = `Usage: api-contracts test [options]

Sends every documented example, in JSON and in XML, to the embedded mock (default) or to live base URLs,
and checks each response against its schema and example.

  --base-url URL | SERVICE=URL   test a live API instead of the embedded mock (repeatable); live runs
                                 read credentials from the environment: NCP_ACCESS_KEY, NCP_SECRET_KEY;
                                 HUAWEI_AK, HUAWEI_SK or HUAWEI_AUTH_TOKEN, and HUAWEI_PROJECT_ID; ids the
                                 examples name are taken from list reads on your account (chained)
  --service ID                   only this service (repeatable)
  --operation OP                 only this operationId or path (repeatable)
  --format json|xml|both         body formats to send (default both)
  --allow-unsafe                 against a live URL, also send write and destructive operations
  --strict                       warnings (additive drift) fail too
  --dry-run                      print each request as a signed curl command (secrets redacted); send nothing
  --report KIND=FILE             write a report: json, junit or md (repeatable)
  --shard I/N                    run the I-th of N slices of the operations
  --values FILE                  request values from your own account (JSON or YAML): per operation
                                 { "accountsGetDetail": { "body": { "id": "…" } } }, or for a field of that
                                 name in every request { "*": { "instance_id": "…" } }; beats chained values
  --concurrency N                requests in flight at once (default ${DEFAULT_CONCURRENCY})
  -h, --help

Exit codes: 0 all passed (warnings allowed unless --strict), 1 a contract failure, drift or
authentication failure, 2 a usage or configuration error.`;

const REPORTERS: Record<string, (report: Report) => string> = { json: jsonReport, junit: junitReport, md: markdownReport };

function parseReports(values: readonly string[]): [kind: string, file: string][] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const kind = value.slice(0, Math.max(eq, 0));
    const file = value.slice(eq + 1);
    if (eq < 1 || file === '' || !Object.hasOwn(REPORTERS, kind)) {
      throw new UsageError(`--report ${value}: expected KIND=FILE with KIND one of ${Object.keys(REPORTERS).join(', ')}`);
    }
    return [kind, file];
  });
}

function parseFormat(value: string | undefined): Format | 'both' {
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

export const testCommand: Command = {
  name: 'test',
  summary: 'run every example (JSON and XML) against the mock or a live API and report drift',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('test', argv, {
      'base-url': { type: 'string', multiple: true },
      service: { type: 'string', multiple: true },
      operation: { type: 'string', multiple: true },
      format: { type: 'string' },
      'allow-unsafe': { type: 'boolean' },
      strict: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string', multiple: true },
      shard: { type: 'string' },
      values: { type: 'string' },
      concurrency: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const reports = parseReports(values.report ?? []);
    const options: RunOptions = {
      ...(values['base-url'] ? { baseUrls: values['base-url'] } : {}),
      ...(values.service ? { services: values.service } : {}),
      ...(values.operation ? { operations: values.operation } : {}),
      format: parseFormat(values.format),
      allowUnsafe: values['allow-unsafe'] ?? false,
      strict: values.strict ?? false,
      ...(values.shard ? { shard: values.shard } : {}),
      ...(values.concurrency ? { concurrency: parseConcurrency(values.concurrency) } : {}),
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
    const started = performance.now();
    const report = await runContracts({ ...options, onResult: (result) => io.stdout(progressLine(result)) });
    io.stdout(`\n${summaryLine(report, performance.now() - started)}`);
    for (const [kind, file] of reports) {
      const path = resolve(io.cwd, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, (REPORTERS[kind] as (r: Report) => string)(report));
      io.stdout(`${kind} report: ${file}\n`);
    }
    if (io.signal?.aborted) {
      io.stderr('api-contracts test: interrupted; the reports hold the results completed so far\n');
      return EXIT.failed;
    }
    return report.summary.failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
