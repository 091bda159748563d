import type { Finding } from '../../contract-tests/checks/finding.ts';
import type { BodyFormat } from '../../contract-tests/format.ts';
import { findingLine } from '../../contract-tests/report/console.ts';
import { markdownReport } from '../../contract-tests/report/markdown.ts';
import { type CoverageRow, cellState, type Report, type Result, summarize, warningsOf } from '../../contract-tests/report/report.ts';
import type { Exchange, ProxiedOperation } from './server.ts';

/** A finding as the report lists it once per group, with the number of exchanges it was seen in. */
export interface CountedFinding extends Finding {
  count: number;
}

/**
 * The exchanges of one operation, in one format, that got one status: what `test` reports per example, the proxy
 * reports per group of traffic. `example` names the group (`HTTP 200`, `no response`), `valuesFrom` is `traffic`.
 */
export interface TrafficResult extends Result {
  exchanges: number;
  failedExchanges: number;
  findings: CountedFinding[];
  /** Distinct findings past the listing bound, counted but not listed. */
  unlistedFindings: number;
}

/** One documented operation of the proxied services and the traffic it saw: seen or not, with counts. */
export interface OperationTraffic {
  service: string;
  operationId: string;
  method: string;
  path: string;
  exchanges: number;
  failedExchanges: number;
  /** Exchanges per status (`"none"`: no response arrived). */
  statuses: Record<string, number>;
}

/**
 * The report of `test`, read by the same reporters: `results` are groups of exchanges, `summary` counts them (a
 * proxy session has no plan and is never interrupted: Ctrl-C is how it ends), `coverage` has a row per documented
 * status × format of each proxied operation, `not-run` where no exchange had it. Beside them, the exchange counts
 * and the operations table.
 */
export interface ProxyReport extends Report {
  results: TrafficResult[];
  exchanges: { total: number; passed: number; failed: number };
  operations: OperationTraffic[];
}

/**
 * Bounds on what a long session accumulates: distinct undocumented paths (ids in paths would make each request
 * its own), and distinct findings per group (an array of thousands of items can break at every index).
 */
const MAX_UNDOCUMENTED_PATHS = 100;
const MAX_FINDINGS_PER_GROUP = 100;
const OTHER_PATHS = '(other undocumented paths)';

export type Verdict = 'passed' | 'failed';

/** An exchange fails on an error finding, or on any finding with `--strict`. */
export function exchangeStatus(exchange: Exchange, strict: boolean): Verdict {
  return exchange.findings.some((f) => f.severity === 'error' || strict) ? 'failed' : 'passed';
}

/** `✓ ncp-dataforest accountsGetDetail json 200 3ms`, then the findings, indented as `test` prints them. */
export function exchangeLine(exchange: Exchange, status: Verdict): string {
  const name = exchange.operationId ?? `${exchange.method} ${exchange.path}`;
  const head = `${status === 'passed' ? '✓' : '✗'} ${exchange.service} ${name} ${exchange.format} ${exchange.status ?? '---'} ${exchange.durationMs}ms`;
  return `${[head, ...exchange.findings.map(findingLine)].join('\n')}\n`;
}

interface Group {
  result: Omit<TrafficResult, 'status' | 'findings'>;
  findings: Map<string, CountedFinding>;
}

/** Every exchange folded into groups and per-operation counts as it happens, so memory does not grow with traffic. */
export class Traffic {
  private readonly groups = new Map<string, Group>();
  private readonly operations = new Map<string, OperationTraffic>();
  private readonly proxied: readonly ProxiedOperation[];
  private readonly undocumentedPaths = new Set<string>();
  private readonly totals = { total: 0, passed: 0, failed: 0 };

  constructor(
    operations: readonly ProxiedOperation[],
    private readonly strict: boolean,
  ) {
    this.proxied = operations;
    for (const { service, operation } of operations) {
      const { operationId, path } = operation;
      const counts = { service, operationId, method: operation.method.toUpperCase(), path, exchanges: 0, failedExchanges: 0, statuses: {} };
      this.operations.set(`${service} ${operationId}`, counts);
    }
  }

  /** Exchanges recorded so far. */
  count(): number {
    return this.totals.total;
  }

  /** Records one exchange and returns its verdict. */
  add(exchange: Exchange): Verdict {
    const status = exchangeStatus(exchange, this.strict);
    this.totals.total += 1;
    this.totals[status] += 1;
    const group = this.groupOf(exchange);
    group.result.exchanges += 1;
    group.result.attempts += 1;
    group.result.durationMs += exchange.durationMs;
    group.result.failedExchanges += status === 'failed' ? 1 : 0;
    for (const f of exchange.findings) {
      const key = `${f.rule} ${f.severity} ${f.pointer}`;
      const counted = group.findings.get(key);
      if (counted !== undefined) {
        counted.count += 1;
      } else if (group.findings.size < MAX_FINDINGS_PER_GROUP) {
        group.findings.set(key, { ...f, count: 1 });
      } else {
        group.result.unlistedFindings += 1;
      }
    }
    const operation = exchange.operationId === undefined ? undefined : this.operations.get(`${exchange.service} ${exchange.operationId}`);
    if (operation !== undefined) {
      const code = String(exchange.status ?? 'none');
      operation.exchanges += 1;
      operation.failedExchanges += status === 'failed' ? 1 : 0;
      operation.statuses[code] = (operation.statuses[code] ?? 0) + 1;
    }
    return status;
  }

  private groupOf(exchange: Exchange): Group {
    let path = exchange.path;
    if (exchange.operationId === undefined && !this.undocumentedPaths.has(path)) {
      if (this.undocumentedPaths.size < MAX_UNDOCUMENTED_PATHS) {
        this.undocumentedPaths.add(path);
      } else {
        path = OTHER_PATHS;
      }
    }
    const operationId = exchange.operationId ?? `${exchange.method} ${path}`;
    const key = `${exchange.service} ${operationId} ${exchange.format} ${exchange.status}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = {
        result: {
          service: exchange.service,
          operationId,
          method: exchange.method,
          path,
          example: exchange.status === null ? 'no response' : `HTTP ${exchange.status}`,
          format: exchange.format,
          httpStatus: exchange.status,
          durationMs: 0,
          attempts: 0,
          valuesFrom: 'traffic',
          targetKind: 'live',
          exchanges: 0,
          failedExchanges: 0,
          unlistedFindings: 0,
        },
        findings: new Map(),
      };
      this.groups.set(key, group);
    }
    return group;
  }

  report(target: string): ProxyReport {
    const results = [...this.groups.values()]
      .map(
        ({ result, findings }): TrafficResult => ({
          ...result,
          status: result.failedExchanges > 0 ? 'failed' : 'passed',
          findings: [...findings.values()].map((f) =>
            f.count > 1 ? { ...f, message: `${f.message} (in ${f.count} of ${result.exchanges} exchanges)` } : f,
          ),
        }),
      )
      .sort((a, b) => resultKey(a).localeCompare(resultKey(b)));
    return {
      target,
      summary: { ...summarize(results), planned: results.length, interrupted: false },
      results,
      coverage: coverageOf(this.proxied, results),
      exchanges: { ...this.totals },
      operations: [...this.operations.values()].map((op) => ({ ...op, statuses: { ...op.statuses } })),
    };
  }
}

/** Each documented status of each proxied operation, in each format its service speaks, by what the traffic showed of it. */
function coverageOf(proxied: readonly ProxiedOperation[], results: readonly TrafficResult[]): CoverageRow[] {
  const byCell = new Map<string, TrafficResult[]>();
  for (const result of results) {
    const key = `${result.service} ${result.operationId} ${result.format} ${result.httpStatus}`;
    byCell.set(key, [...(byCell.get(key) ?? []), result]);
  }
  return proxied.flatMap(({ service, operation, formats }) =>
    formats.flatMap((format: BodyFormat) =>
      operation.responses.map(({ status }): CoverageRow => {
        const seen = byCell.get(`${service} ${operation.operationId} ${format} ${status}`) ?? [];
        const examples = operation.examples.filter((e) => e.response.status === status).map((e) => e.name);
        return { service, operationId: operation.operationId, httpStatus: status, format, examples, ...cellState(seen, seen.length) };
      }),
    ),
  );
}

function resultKey(result: TrafficResult): string {
  return `${result.service} ${result.operationId} ${result.format} ${String(result.httpStatus ?? 0).padStart(3, '0')}`;
}

/** `120 exchanges: 118 passed, 2 failed (3 warnings); 7 of 59 operations seen` */
export function trafficSummaryLine(report: ProxyReport): string {
  const { total, passed, failed } = report.exchanges;
  const warnings = warningsOf(report.results);
  const noted = warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'})`;
  const seen = report.operations.filter((op) => op.exchanges > 0).length;
  return `${total} exchange${total === 1 ? '' : 's'}: ${passed} passed, ${failed} failed${noted}; ${seen} of ${report.operations.length} operations seen, through ${report.target}\n`;
}

function statusList(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}

/** The Markdown report of `test`, then the operation coverage table: each operation seen, with counts, and those not seen. */
export function trafficMarkdown(report: ProxyReport): string {
  const seen = report.operations.filter((op) => op.exchanges > 0);
  const unseen = report.operations.filter((op) => op.exchanges === 0);
  const { total, failed } = report.exchanges;
  const lines = [
    markdownReport(report).trimEnd(),
    '',
    `### Operations seen: ${seen.length} of ${report.operations.length} (${total} exchanges, ${failed} failed)`,
  ];
  if (seen.length > 0) {
    lines.push(
      '',
      '| Service | Operation | Exchanges | Failed | Statuses |',
      '|---|---|---|---|---|',
      ...seen.map((op) => `| ${op.service} | ${op.operationId} | ${op.exchanges} | ${op.failedExchanges} | ${statusList(op.statuses)} |`),
    );
  }
  if (unseen.length > 0) {
    lines.push(
      '',
      `<details><summary>Not seen (${unseen.length})</summary>`,
      '',
      '| Service | Operation | Method | Path |',
      '|---|---|---|---|',
      ...unseen.map((op) => `| ${op.service} | ${op.operationId} | ${op.method} | \`${op.path}\` |`),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}
