import type { Finding } from '../../checks/finding.ts';
import { type Report, type Result, warningsOf } from '../report.ts';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/** Messages start with the pointer they are about, so it is not repeated. */
export function findingLine(f: Finding): string {
  return `    ${f.severity === 'error' ? '✗' : '!'} ${f.rule}: ${f.message}`;
}

/** `✓ ncp-dataforest accountsGetDetail default json 200 3ms`, then the findings worth reading, indented. */
export function progressLine(result: Result): string {
  const head = `${MARK[result.status]} ${result.service} ${result.operationId} ${result.example} ${result.format}`;
  if (result.status === 'skipped') {
    return `${head} skipped: ${result.findings[0]?.message ?? ''}\n`;
  }
  const status = result.httpStatus === null ? '---' : String(result.httpStatus);
  const retried = result.attempts > 1 ? ` (${result.attempts} attempts)` : '';
  const lines = [`${head} ${status} ${result.durationMs}ms${retried}`, ...result.findings.map(findingLine)];
  return `${lines.join('\n')}\n`;
}

/** `40 passed, 1 failed, 3 skipped (2 warnings) in 812ms against http://127.0.0.1:4010` */
export function summaryLine(report: Report, elapsedMs: number): string {
  const { passed, failed, skipped } = report.summary;
  const warnings = warningsOf(report.results);
  const noted = warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'})`;
  return `${passed} passed, ${failed} failed, ${skipped} skipped${noted} in ${Math.round(elapsedMs)}ms against ${report.target}\n`;
}
