import type { Finding } from '../checks/finding.ts';
import {
  type CoverageRow,
  type CoverageState,
  failureKind,
  type Report,
  type Result,
  resultName,
  type Summary,
  summarize,
  warningsOf,
} from './report.ts';

/** GitHub refuses a comment over 65,536 characters; a job summary is cut at 1 MiB. Keep well under both. */
export const MAX_MARKDOWN_CHARS = 60_000;

const MAX_CELL = 240;

/** A table cell: one line, pipes escaped, code spans kept intact, cut short. */
function cell(text: string): string {
  const line = text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
  return line.length > MAX_CELL ? `${line.slice(0, MAX_CELL - 1)}…` : line;
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replaceAll('`', 'ˋ')}\``;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The rows, at most `limit` of them, and a pointer to report.json for the rest. */
function table(header: string[], rows: readonly string[], limit: number): string[] {
  const shown = rows.slice(0, limit);
  const more = rows.length - shown.length;
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---|').join('')}`,
    ...shown,
    ...(more > 0 ? ['', `… ${plural(more, 'more row')}: see report.json`] : []),
  ];
}

/**
 * Findings that read the same wherever they occur (rule, pointer, expected, actual), one row each with a count;
 * `brief`: rule, count, message and results only (a skip's reason).
 */
function groupedRows(entries: readonly [Result, Finding][], brief = false): string[] {
  const groups = new Map<string, { finding: Finding; results: Result[] }>();
  for (const [result, f] of entries) {
    const key = JSON.stringify([f.severity, f.rule, f.pointer, f.expected, f.actual]);
    const group = groups.get(key) ?? { finding: f, results: [] };
    group.results.push(result);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.results.length - a.results.length)
    .map(({ finding: f, results }) => {
      const names = results.slice(0, 3).map(resultName);
      const where = results.length > 3 ? `${names.join(', ')} and ${results.length - 3} more` : names.join(', ');
      if (brief) {
        return `| ${f.rule} | ${results.length} | ${cell(f.message)} | ${cell(where)} |`;
      }
      return `| ${f.rule} | ${results.length} | ${cell(code(f.pointer))} | ${cell(code(f.expected))} | ${cell(code(f.actual))} | ${cell(f.message)} | ${cell(where)} |`;
    });
}

const GROUP_HEADER = ['Rule', 'Count', 'Pointer', 'Expected', 'Actual', 'Message (first)', 'Results'];

/** The findings that failed each result: its errors, or under --strict the warnings that failed it. */
function failing(result: Result): Finding[] {
  const errors = result.findings.filter((f) => f.severity === 'error');
  return errors.length > 0 ? errors : result.findings;
}

function headline({ passed, failed, skipped, drift, couldNotVerify, planned, interrupted, nothingVerified, emptyShard }: Summary): string {
  const red = [
    drift > 0 ? `drift in ${plural(drift, 'case')}` : '',
    couldNotVerify > 0 ? `${drift > 0 ? `${couldNotVerify} more` : plural(couldNotVerify, 'case')} could not be verified` : '',
  ].filter(Boolean);
  if (interrupted) {
    // However far it got, an interrupted run proves nothing: never a passing headline.
    return `⚠️ interrupted after ${passed + failed + skipped} of ${plural(planned, 'case')}${red.length > 0 ? ` · ❌ ${red.join('; ')}` : ''}`;
  }
  if (red.length > 0) {
    return `❌ ${red.join('; ')}${drift === 0 ? ' (no drift found in the rest)' : ''}`;
  }
  if (emptyShard) {
    return '✅ empty shard: no selected operation falls in it, nothing to run';
  }
  if (passed === 0) {
    return `${nothingVerified ? '❌' : '⚠️'} nothing verified: all ${plural(skipped, 'case')} skipped`;
  }
  return nothingVerified
    ? `❌ nothing verified: no documented success of any selected operation passed (${plural(passed, 'error example')} cannot count alone)`
    : '✅ all contracts hold';
}

const STATE_LABEL: Record<CoverageState, string> = {
  'verified-live': 'verified live',
  'verified-mock': 'verified on the mock',
  skipped: 'skipped',
  failed: 'failed',
  'could-not-verify': 'could not verify',
  'no-example': 'no example',
  'not-run': 'not run',
};

const STATES = Object.keys(STATE_LABEL) as CoverageState[];

function coverageTotals(coverage: readonly CoverageRow[]): string[] {
  const services = [...new Set(coverage.map((row) => row.service))];
  return services.map((service) => {
    const rows = coverage.filter((row) => row.service === service);
    const counts = STATES.map((state) => rows.filter((row) => row.state === state).length);
    return `| ${service} | ${rows.length} | ${counts.join(' | ')} |`;
  });
}

/** One line per operation: what was not verified, by state and reason, each with its statuses (and format, if not all). */
function unverifiedRows(coverage: readonly CoverageRow[], verified: ReadonlySet<CoverageState>): string[] {
  const operations = new Map<string, CoverageRow[]>();
  for (const row of coverage) {
    const key = `${row.service} ${row.operationId}`;
    operations.set(key, [...(operations.get(key) ?? []), row]);
  }
  return [...operations].flatMap(([operation, rows]) => {
    const formats = new Set(rows.map((row) => row.format));
    const labels = new Map<string, Map<number, string[]>>();
    for (const row of rows.filter((r) => !verified.has(r.state))) {
      const label = `${STATE_LABEL[row.state]}${row.rule === undefined ? '' : ` (${row.rule})`}`;
      const statuses = labels.get(label) ?? new Map<number, string[]>();
      statuses.set(row.httpStatus, [...(statuses.get(row.httpStatus) ?? []), row.format]);
      labels.set(label, statuses);
    }
    if (labels.size === 0) {
      return [];
    }
    const parts = [...labels].map(([label, statuses]) => {
      const list = [...statuses].map(([status, in_]) => (in_.length === formats.size ? String(status) : `${status} ${in_.join(', ')}`));
      return `${label}: ${list.join(', ')}`;
    });
    return [`| ${cell(operation)} | ${cell(parts.join(' · '))} |`];
  });
}

function render(report: Report, limit: number): string {
  const { summary, results, coverage } = report;
  const warnings = warningsOf(results);
  const live = results.some((r) => r.targetKind === 'live') || !results.some((r) => r.targetKind === 'mock');
  const ran = summary.passed + summary.failed + summary.skipped;
  const of = ran === summary.planned ? '' : ` · ${ran} of ${summary.planned} cases ran`;
  const lines = [
    `## API contracts: ${headline(summary)}`,
    '',
    `Target: ${code(report.target)}${live ? '' : ' (an api-contracts mock: verified on the mock, not live)'}${of} · **${summary.passed} passed** · **${summary.drift} drift** · **${summary.couldNotVerify} could not verify** · ${summary.skipped} skipped · ${plural(warnings, 'warning')}`,
  ];
  const services = [...new Set(results.map((r) => r.service))];
  if (services.length > 1) {
    const rows = services.map((service) => {
      const counts = summarize(results.filter((r) => r.service === service));
      return `| ${service} | ${counts.passed} | ${counts.drift} | ${counts.couldNotVerify} | ${counts.skipped} |`;
    });
    lines.push('', ...table(['Service', 'Passed', 'Drift', 'Could not verify', 'Skipped'], rows, limit));
  }
  const failed = (kind: 'drift' | 'could-not-verify') =>
    results.filter((r) => failureKind(r) === kind).flatMap((r) => failing(r).map((f): [Result, Finding] => [r, f]));
  const drift = groupedRows(failed('drift'));
  if (drift.length > 0) {
    lines.push('', '### Drift', '', ...table(GROUP_HEADER, drift, limit));
  }
  const unverified = groupedRows(failed('could-not-verify'));
  if (unverified.length > 0) {
    lines.push('', '### Could not verify', '', 'No response arrived whole, or the gateway refused the credentials: nothing was checked.');
    lines.push('', ...table(GROUP_HEADER, unverified, limit));
  }
  const notes = groupedRows(
    results
      .filter((r) => r.status !== 'skipped')
      .flatMap((r) => {
        const failedBy = r.status === 'failed' ? failing(r) : [];
        return r.findings.filter((f) => f.severity === 'warning' && !failedBy.includes(f)).map((f): [Result, Finding] => [r, f]);
      }),
  );
  if (notes.length > 0) {
    lines.push('', '<details><summary>Warnings (additive drift)</summary>', '', ...table(GROUP_HEADER, notes, limit), '', '</details>');
  }
  const skipped = groupedRows(
    results.filter((r) => r.status === 'skipped').flatMap((r) => r.findings.slice(0, 1).map((f): [Result, Finding] => [r, f])),
    true,
  );
  if (skipped.length > 0) {
    const header = ['Rule', 'Count', 'Reason (first)', 'Results'];
    lines.push('', '<details><summary>Skipped</summary>', '', ...table(header, skipped, limit), '', '</details>');
  }
  if (coverage.length > 0) {
    const header = ['Service', 'Documented', ...STATES.map((state) => STATE_LABEL[state].replace(/^./, (c) => c.toUpperCase()))];
    lines.push('', '### Coverage', '', 'Each documented status × format, counted by what this run verified of it.', '');
    lines.push(...table(header, coverageTotals(coverage), limit));
    // Against the mock, "verified on the mock" is the best there is: list only what fell short of it. A status no
    // example documents is listed apart: no run sends it, so it says nothing about this one.
    const verified = new Set<CoverageState>(live ? ['verified-live'] : ['verified-live', 'verified-mock']);
    const sections: [title: (n: string) => string, rows: string[]][] = [
      [(n) => `Not verified${live ? ' live' : ' on the mock'}: ${n}`, unverifiedRows(coverage, new Set([...verified, 'no-example']))],
      [
        (n) => `Documented without an example (nothing sends them): ${n}`,
        unverifiedRows(
          coverage.filter((row) => row.state === 'no-example'),
          verified,
        ),
      ],
    ];
    for (const [title, rows] of sections.filter(([, rows]) => rows.length > 0)) {
      lines.push(
        '',
        `<details><summary>${title(plural(rows.length, 'operation'))}</summary>`,
        '',
        ...table(['Operation', 'Documented responses'], rows, limit),
        '',
        '</details>',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * For a PR comment or a CI job summary: the headline says what made the run red, then the totals, the findings
 * grouped, and the coverage rows that were not verified. Long tables are cut (pointing to report.json) so the
 * whole stays under MAX_MARKDOWN_CHARS.
 */
export function markdownReport(report: Report): string {
  for (const limit of [100, 40, 15, 5]) {
    const text = render(report, limit);
    if (text.length <= MAX_MARKDOWN_CHARS) {
      return text;
    }
  }
  const text = render(report, 0);
  const cut = '\n\n… cut short: see report.json\n';
  return text.length <= MAX_MARKDOWN_CHARS ? text : `${text.slice(0, MAX_MARKDOWN_CHARS - cut.length)}${cut}`;
}
