import { type Report, type Result, resultName, warningsOf } from '../report.ts';

/** A table cell: one line, pipes escaped, code spans kept intact. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replaceAll('`', 'ˋ')}\``;
}

function findingRows(results: readonly Result[], severity: 'error' | 'warning'): string[] {
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.severity === severity)
      .map(
        (f) =>
          `| ${cell(resultName(r))} | ${r.httpStatus ?? '—'} | ${f.rule} | ${cell(code(f.pointer))} | ${cell(code(f.expected))} | ${cell(code(f.actual))} | ${cell(f.message)} |`,
      ),
  );
}

const HEADER = ['| Result | HTTP | Rule | Pointer | Expected | Actual | Message |', '|---|---|---|---|---|---|---|'];

/** For a PR comment or a CI job summary: the verdict first, then only what needs reading. */
export function markdownReport(report: Report): string {
  const { passed, failed, skipped } = report.summary;
  const warnings = warningsOf(report.results);
  // A Ctrl-C'd run must not read as a green one: its skipped rows are work that never happened.
  const interrupted = report.results.some((r) => r.findings.some((f) => f.rule === 'interrupted'));
  const verdict = failed > 0 ? `❌ ${failed} failed` : interrupted ? '⚠️ interrupted before every contract ran' : '✅ all contracts hold';
  const lines = [
    `## API contracts: ${verdict}`,
    '',
    `Target: ${code(report.target)} · **${passed} passed** · **${failed} failed** · ${skipped} skipped · ${warnings} warning${warnings === 1 ? '' : 's'}`,
  ];
  const failures = findingRows(
    report.results.filter((r) => r.status === 'failed'),
    'error',
  );
  const strictFailures = findingRows(
    report.results.filter((r) => r.status === 'failed' && r.findings.every((f) => f.severity === 'warning')),
    'warning',
  );
  if (failures.length + strictFailures.length > 0) {
    lines.push('', '### Failures', '', ...HEADER, ...failures, ...strictFailures);
  }
  const notes = findingRows(
    report.results.filter((r) => r.status !== 'skipped'),
    'warning',
  ).filter((row) => !strictFailures.includes(row));
  if (notes.length > 0) {
    lines.push('', '<details><summary>Warnings (additive drift)</summary>', '', ...HEADER, ...notes, '', '</details>');
  }
  const skippedRows = report.results
    .filter((r) => r.status === 'skipped')
    .map((r) => `| ${cell(resultName(r))} | ${cell(r.findings[0]?.message ?? '')} |`);
  if (skippedRows.length > 0) {
    lines.push('', '<details><summary>Skipped</summary>', '', '| Result | Reason |', '|---|---|', ...skippedRows, '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
