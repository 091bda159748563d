import type { Finding } from '../checks/finding.ts';
import { type Report, type Result, type RunStart, warningsOf } from './report.ts';

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

/** `running 286 cases (154 examples in json, xml) against the embedded mock at http://127.0.0.1:41234` */
export function startLine({ cases, examples, formats, targets }: RunStart): string {
  if (cases === 0) {
    return 'nothing to run: this shard holds none of the selected operations (there are fewer of them than shards)\n';
  }
  const urls = new Set(targets.map((t) => t.baseUrl));
  const where = urls.size === 1 ? [...urls].join('') : targets.map(({ service, baseUrl }) => `${service}=${baseUrl}`).join(', ');
  const mocks = targets.every((t) => t.kind === 'mock');
  const against = mocks
    ? `${targets.every((t) => t.embedded) ? 'the embedded mock' : 'an api-contracts mock'} at ${where}`
    : `${where} (live)`;
  return `running ${cases} case${cases === 1 ? '' : 's'} (${examples} example${examples === 1 ? '' : 's'} in ${formats.join(', ')}) against ${against}\n`;
}

/** `40 passed, 2 failed (1 drift, 1 could not verify), 3 skipped (2 warnings) in 812ms against http://127.0.0.1:4010` */
export function summaryLine(report: Report, elapsedMs: number): string {
  const { passed, failed, skipped, drift, couldNotVerify, planned, interrupted } = report.summary;
  const warnings = warningsOf(report.results);
  const noted = warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'})`;
  const kinds = [drift > 0 ? `${drift} drift` : '', couldNotVerify > 0 ? `${couldNotVerify} could not verify` : ''].filter(Boolean);
  const split = failed === 0 ? '' : ` (${kinds.join(', ')})`;
  const stopped = interrupted ? `interrupted after ${passed + failed + skipped} of ${planned} cases: ` : '';
  return `${stopped}${passed} passed, ${failed} failed${split}, ${skipped} skipped${noted} in ${Math.round(elapsedMs)}ms against ${report.target}\n`;
}
