import { isSuccess, type Operation } from '../../schemas/_shared/operation.ts';
import type { Finding, Rule } from '../checks/finding.ts';
import type { BodyFormat } from '../format.ts';

/** Where a service's requests go: the embedded mock or a live endpoint. */
export type TargetKind = 'mock' | 'live';

/** What a run is about to do: the start line says it. */
export interface RunStart {
  cases: number;
  /** Distinct examples among the cases (each is sent once per format its service speaks). */
  examples: number;
  formats: BodyFormat[];
  /** Each service's target, in plan order; `embedded`: the mock this run started itself. */
  targets: { service: string; kind: TargetKind; baseUrl: string; embedded: boolean }[];
}

export type ResultStatus = 'passed' | 'failed' | 'skipped';

/** One example sent in one format, as the report in docs/reports.md fixes it. */
export interface Result {
  service: string;
  operationId: string;
  method: string;
  path: string;
  example: string;
  format: BodyFormat;
  status: ResultStatus;
  /** Null when no response arrived (skipped, or a transport failure). */
  httpStatus: number | null;
  durationMs: number;
  attempts: number;
  /**
   * Where the request's values came from: the example itself, a values file, another operation's response, or
   * (`fresh`) an id generated for the request so that it names nothing, for an error that follows from the request,
   * or (`traffic`) a caller of `api-contracts proxy`.
   */
  valuesFrom: 'example' | 'values' | 'fresh' | 'traffic' | `chained:${string}`;
  /** What answered: the embedded mock (an example verified there says nothing about the vendor) or a live base URL. */
  targetKind: 'mock' | 'live';
  findings: Finding[];
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Failed results whose response broke the contract: every failed result that is not `couldNotVerify`. */
  drift: number;
  /**
   * Failed results where nothing could be checked: the response never arrived whole (`transport`), the credentials
   * were refused (`auth`), or an error example's answer came where nothing proved the operation reached (`reach-unproven`).
   */
  couldNotVerify: number;
  /**
   * Passed results whose response was a documented success (2xx). A run with none proved no selected operation
   * reachable, so it is not green whatever else passed (an error example's 404 can come from a wrong path).
   */
  verifiedSuccesses: number;
}

export interface Summary extends Counts {
  /** Cases the run selected; more than passed + failed + skipped only when it was interrupted. */
  planned: number;
  /** Ctrl-C (or SIGTERM) stopped the run: the counts are those so far, and the run proves nothing. */
  interrupted: boolean;
  /** `test`: there were cases to run, and not one documented success passed among them, so the run is not green. */
  nothingVerified?: boolean;
  /** `test`: the shard holds none of the selected operations (fewer of them than shards): nothing ran, and that is green. */
  emptyShard?: boolean;
}

/**
 * One documented response of one operation, in one format, and what the run learnt of it:
 * - `verified-live` / `verified-mock`: an example documenting it passed against a live target / the embedded mock;
 * - `skipped`: every example documenting it was skipped (`rule`, `reason`: the first one's reason);
 * - `failed`: an example documenting it drifted (`rule`, `reason`: its first error);
 * - `could-not-verify`: the response never arrived whole, or the credentials were refused;
 * - `no-example`: the operation documents the status but no example does, so nothing sends it;
 * - `not-run`: the run was interrupted before its examples ran.
 */
export type CoverageState = 'verified-live' | 'verified-mock' | 'skipped' | 'failed' | 'could-not-verify' | 'no-example' | 'not-run';

export interface CoverageRow {
  service: string;
  operationId: string;
  /** A status the operation documents. */
  httpStatus: number;
  format: BodyFormat;
  state: CoverageState;
  /** The examples that document this status. */
  examples: string[];
  rule?: Rule;
  reason?: string;
}

export interface Report {
  target: string;
  summary: Summary;
  results: Result[];
  /** Per operation of the selection: each documented status × each format the run sent it in. */
  coverage: CoverageRow[];
}

/** What a report is built from: the selected cases (one example in one format) and the results they gave. */
export interface PlannedCase {
  service: { id: string };
  operation: Operation;
  example: { name: string };
  format: BodyFormat;
}

/** Rules that say the response was not checked at all: counted as "could not verify", never as drift. */
const UNVERIFIED: ReadonlySet<Rule> = new Set<Rule>(['transport', 'auth', 'reach-unproven']);

/** Why a failed result failed: the contract broke (`drift`), or nothing could be checked; undefined unless failed. */
export function failureKind(result: Pick<Result, 'status' | 'findings'>): 'drift' | 'could-not-verify' | undefined {
  if (result.status !== 'failed') {
    return undefined;
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  return errors.length > 0 && errors.every((f) => UNVERIFIED.has(f.rule)) ? 'could-not-verify' : 'drift';
}

export function summarize(results: readonly Result[]): Counts {
  const counts = { passed: 0, failed: 0, skipped: 0, drift: 0, couldNotVerify: 0, verifiedSuccesses: 0 };
  for (const result of results) {
    counts[result.status] += 1;
    if (result.status === 'passed' && result.httpStatus !== null && isSuccess(result.httpStatus)) {
      counts.verifiedSuccesses += 1;
    }
    const kind = failureKind(result);
    if (kind !== undefined) {
      counts[kind === 'drift' ? 'drift' : 'couldNotVerify'] += 1;
    }
  }
  return counts;
}

const caseKey = (service: string, operationId: string, example: string, format: BodyFormat) =>
  `${service} ${operationId} ${example} ${format}`;

/** The state of one cell from the results documenting it (examples run, or exchanges seen): drift first, then what was verified. */
export function cellState(results: readonly Result[], planned: number): Pick<CoverageRow, 'state' | 'rule' | 'reason'> {
  const first = (kind: 'drift' | 'could-not-verify') => results.find((r) => failureKind(r) === kind);
  // A failure's reason is its first error; a skip's is its first finding, whatever rule skipped it.
  const because = (result: Result | undefined) => {
    const reason = (result?.status === 'failed' && result.findings.find((f) => f.severity === 'error')) || result?.findings[0];
    return reason ? { rule: reason.rule, reason: reason.message } : {};
  };
  const drifted = first('drift');
  if (drifted) {
    return { state: 'failed', ...because(drifted) };
  }
  const verified = results.filter((r) => r.status === 'passed');
  if (verified.length > 0) {
    return { state: verified.some((r) => r.targetKind === 'live') ? 'verified-live' : 'verified-mock' };
  }
  const unverified = first('could-not-verify');
  if (unverified) {
    return { state: 'could-not-verify', ...because(unverified) };
  }
  const skipped = results.find((r) => r.status === 'skipped');
  if (skipped && results.length === planned) {
    return { state: 'skipped', ...because(skipped) };
  }
  return { state: 'not-run' };
}

/** The coverage table: every documented status of every selected operation, in each format the run selected for it. */
export function coverageOf(planned: readonly PlannedCase[], results: readonly Result[]): CoverageRow[] {
  const byCase = new Map(results.map((r) => [caseKey(r.service, r.operationId, r.example, r.format), r]));
  const selected = new Set(planned.map((c) => caseKey(c.service.id, c.operation.operationId, c.example.name, c.format)));
  const cells = new Map<string, { service: string; operation: Operation; format: BodyFormat }>();
  for (const { service, operation, format } of planned) {
    cells.set(`${service.id} ${operation.operationId} ${format}`, { service: service.id, operation, format });
  }
  return [...cells.values()].flatMap(({ service, operation, format }) =>
    operation.responses.map(({ status }): CoverageRow => {
      const examples = operation.examples.filter((e) => e.response.status === status).map((e) => e.name);
      const row = { service, operationId: operation.operationId, httpStatus: status, format, examples };
      if (examples.length === 0) {
        return { ...row, state: 'no-example' };
      }
      const keys = examples.map((name) => caseKey(service, operation.operationId, name, format)).filter((key) => selected.has(key));
      return {
        ...row,
        ...cellState(
          keys.flatMap((key) => byCase.get(key) ?? []),
          keys.length,
        ),
      };
    }),
  );
}

export interface ReportInput {
  target: string;
  planned: readonly PlannedCase[];
  /** In plan order; a prefix of the plan when the run was interrupted. */
  results: Result[];
  interrupted: boolean;
}

/** The report of a run: `test` and `proxy` both build theirs here, so the reporters read one shape. */
export function buildReport({ target, planned, results, interrupted }: ReportInput): Report {
  return {
    target,
    summary: (() => {
      const counts = summarize(results);
      // A run has no case only when its shard is empty: a selection that is empty whatever the shard is refused.
      const emptyShard = planned.length === 0;
      return {
        ...counts,
        planned: planned.length,
        interrupted,
        nothingVerified: !emptyShard && counts.verifiedSuccesses === 0,
        emptyShard,
      };
    })(),
    results,
    coverage: coverageOf(planned, results),
  };
}

/** Whether a run's verdict is a pass: nothing failed, it was not interrupted, and it verified something. */
export function isGreen({ failed, interrupted, nothingVerified }: Summary): boolean {
  return failed === 0 && !interrupted && nothingVerified !== true;
}

/** Findings that count: those of results that ran (a skipped result's finding is its reason). */
export function warningsOf(results: readonly Result[]): number {
  return results.filter((r) => r.status !== 'skipped').reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
}

/** `ncp-dataforest accountsGetDetail [default] json`: how a result is named in every output. */
export function resultName(result: Pick<Result, 'service' | 'operationId' | 'example' | 'format'>): string {
  return `${result.service} ${result.operationId} [${result.example}] ${result.format}`;
}
