import type { Finding } from '../checks/finding.ts';
import type { Format } from '../format.ts';

export type ResultStatus = 'passed' | 'failed' | 'skipped';

/** One example sent in one format, as DESIGN.md's report fixes it. */
export interface Result {
  service: string;
  operationId: string;
  method: string;
  path: string;
  example: string;
  format: Format;
  status: ResultStatus;
  /** Null when no response arrived (skipped, or a transport failure). */
  httpStatus: number | null;
  durationMs: number;
  attempts: number;
  /**
   * Where the request's values came from: the example itself, a values file, another operation's response, or
   * (`fresh`) an id generated for the request so that it names nothing, for an error that follows from the request.
   */
  valuesFrom: 'example' | 'values' | 'fresh' | `chained:${string}`;
  findings: Finding[];
}

export interface Report {
  target: string;
  summary: { passed: number; failed: number; skipped: number };
  results: Result[];
}

export function summarize(results: readonly Result[]): Report['summary'] {
  const summary = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    summary[result.status] += 1;
  }
  return summary;
}

/** Findings that count: those of results that ran (a skipped result's finding is its reason). */
export function warningsOf(results: readonly Result[]): number {
  return results.filter((r) => r.status !== 'skipped').reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
}

/** `ncp-dataforest accountsGetDetail [default] json`: how a result is named in every output. */
export function resultName(result: Pick<Result, 'service' | 'operationId' | 'example' | 'format'>): string {
  return `${result.service} ${result.operationId} [${result.example}] ${result.format}`;
}
