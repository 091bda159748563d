import type { Report } from './report.ts';

/** The report exactly as docs/reports.md shapes it, stable key order, trailing newline. */
export function jsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
