import type { Report } from './report.ts';

/** The JSON report in its documented shape: stable key order, trailing newline. */
export function jsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
