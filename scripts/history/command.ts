import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyze, DEFAULT_ROT_RUNS } from '../../contract-tests/history/analyze.ts';
import { writeStatusPages } from '../../contract-tests/history/page.ts';
import { readHistory } from '../../contract-tests/history/store.ts';
import { formatHistory, type HistoryFormat, sinceLastGreen } from '../../contract-tests/history/summary.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../cli/command.ts';

const usage = `Usage: api-contracts history DIR [options]

Reads the run records \`test --history DIR\` and \`proxy --history DIR\` appended, and says what changed: newly
failing and newly passing operations, flapping ones, examples not verified for many runs, fields gone after
being in every earlier run, new fields, new values of enum-like fields, statuses never seen before, and
operations slower than their own trailing median.

  --since DATE          only runs from this date (YYYY-MM-DD) or time (ISO 8601) on
  --service ID          only this service
  --format text|md|json what to print (default text)
  --rot N               an example not verified for N runs in a row is reported even if it never passed
                        (default ${DEFAULT_ROT_RUNS}); one that passed before is reported from its first miss
  --html OUTDIR         also write the status pages there: OUTDIR/history.html and one page per service
  --last-green          print only what changed since each service's last green run, as Markdown: the
                        summary \`test --history\` opens report.md with (a CI issue body)
  -h, --help

Problems in the store (a line cut short, a record of a newer format) are warned about on stderr, naming the
file and line; the rest is read. Exit codes: 0 read (whatever the runs say), 2 a usage error.`;

function parseFormat(value: string | undefined): HistoryFormat {
  if (value === undefined || value === 'text' || value === 'md' || value === 'json') {
    return value ?? 'text';
  }
  throw new UsageError(`--format ${value}: expected text, md or json`);
}

/** `2026-12-01` or an ISO time, as the ISO time records are compared with. */
function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
    ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
    : Number.NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(`--since ${value}: expected a date (2026-12-01) or an ISO time (2026-12-01T02:00:00Z)`);
  }
  return new Date(time).toISOString();
}

function parseRot(value: string | undefined): number | undefined {
  if (value !== undefined && (!/^\d+$/.test(value) || Number(value) < 1)) {
    throw new UsageError(`--rot ${value}: expected a whole number of runs, at least 1`);
  }
  return value === undefined ? undefined : Number(value);
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'what changed across the recorded runs (test/proxy --history): drift, coverage rot, new fields and values',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      'history',
      argv,
      {
        since: { type: 'string' },
        service: { type: 'string' },
        format: { type: 'string' },
        rot: { type: 'string' },
        html: { type: 'string' },
        'last-green': { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) {
      throw new UsageError(`expected one history directory, got ${positionals.length} (see \`api-contracts history --help\`)`);
    }
    const given = positionals[0] as string;
    const dir = resolve(io.cwd, given);
    const found = await stat(dir).catch(() => undefined);
    if (!found?.isDirectory()) {
      throw new UsageError(`${given}: ${found ? 'not a directory' : 'no such directory'}; give the directory \`test --history\` wrote`);
    }
    const format = parseFormat(values.format);
    const since = parseSince(values.since);
    const rotRuns = parseRot(values.rot);
    const { runs, warnings } = await readHistory(dir, {
      ...(since ? { since } : {}),
      ...(values.service ? { service: values.service } : {}),
    });
    for (const warning of warnings) {
      io.stderr(`api-contracts history: ${warning}\n`);
    }
    const histories = analyze(runs, rotRuns === undefined ? {} : { rotRuns });
    io.stdout(values['last-green'] ? sinceLastGreen(histories) : formatHistory(histories, format, format === 'json' ? warnings : []));
    if (values.html !== undefined) {
      const written = await writeStatusPages(resolve(io.cwd, values.html), runs, histories, values.html);
      io.stderr(`status pages: ${written.join(', ')}\n`);
    }
    return EXIT.ok;
  },
};
