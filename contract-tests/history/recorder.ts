import type { Operation } from '../../schemas/_shared/operation.ts';
import type { ReceivedResponse } from '../checks/check-response.ts';
import type { BodyFormat } from '../format.ts';
import { failureKind, type Report, type Result } from '../report/report.ts';
import type { CaseRecord, Outcome, RunRecord, Shape } from './record.ts';
import { FORMAT_VERSION } from './record.ts';
import { observeShape, ShapeMerger } from './shape.ts';
import { appendRun, shapeKey } from './store.ts';

/** The environment variables whose values must never reach the store, whatever field echoes them. */
const SECRET_VARIABLES = ['NCP_ACCESS_KEY', 'NCP_SECRET_KEY', 'HUAWEI_AK', 'HUAWEI_SK', 'HUAWEI_AUTH_TOKEN', 'HUAWEI_PROJECT_ID'];

export function secretsOf(env: NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_VARIABLES.flatMap((name) => (env[name] ? [env[name] as string] : []));
}

/** Groups the shards of one run: a CI run (id and attempt) when there is one, else the start time. */
export function runIdOf(env: Readonly<Record<string, string | undefined>>, at: string): string {
  if (env.API_CONTRACTS_RUN_ID) {
    return env.API_CONTRACTS_RUN_ID;
  }
  return env.GITHUB_RUN_ID ? `gh-${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : at;
}

export function outcomeOf(result: Pick<Result, 'status' | 'findings'>): Outcome {
  return failureKind(result) === 'could-not-verify' ? 'unverified' : result.status;
}

const caseKey = (service: string, operationId: string, example: string, format: BodyFormat) =>
  `${service} ${operationId} ${example} ${format}`;

/** A result as the store keeps it: outcome, status, rule ids, latency and the key of its answer's shape. */
export function caseRecord(result: Result, shape: string | undefined, count?: number): CaseRecord {
  const rules = [...new Set(result.findings.map((f) => f.rule))].sort();
  return {
    op: result.operationId,
    fmt: result.format,
    ex: result.example,
    out: outcomeOf(result),
    ...(result.httpStatus === null ? {} : { http: result.httpStatus }),
    ...(result.status === 'skipped' ? {} : { ms: result.durationMs }),
    ...(rules.length > 0 ? { rules } : {}),
    ...(shape === undefined ? {} : { shape }),
    ...(count === undefined ? {} : { n: count }),
  };
}

export interface RunMeta {
  /** ISO time the run started. */
  at: string;
  run: string;
  shard: string;
  source: RunRecord['source'];
}

/**
 * Collects the shape of every answer a run receives (the runner's `onResponse`) and, once the run is over, appends
 * one record per service to the store. Shapes are taken as the answers arrive, so no body outlives its check.
 */
export class HistoryRecorder {
  readonly shapes = new Map<string, Shape>();
  private readonly observed = new Map<string, string>();
  private readonly merged = new Map<string, ShapeMerger>();

  constructor(private readonly secrets: readonly string[]) {}

  /** Observes one answer to one example (or exchange) of an operation in one format. */
  observe(service: string, operation: Operation, example: string, format: BodyFormat, response: ReceivedResponse): string | undefined {
    const shape = observeShape(operation, format, response, this.secrets);
    if (shape === undefined) {
      return undefined;
    }
    const key = shapeKey(shape);
    this.shapes.set(key, shape);
    this.observed.set(caseKey(service, operation.operationId, example, format), key);
    return key;
  }

  /** Adds the shape of one more answer of a group of traffic (`proxy --history`: one case stands for many exchanges). */
  merge(service: string, operationId: string, group: string, format: BodyFormat, shape: Shape): void {
    const key = caseKey(service, operationId, group, format);
    const merger = this.merged.get(key) ?? new ShapeMerger();
    merger.add(shape);
    this.merged.set(key, merger);
  }

  private shapeOf(key: string): string | undefined {
    const merger = this.merged.get(key);
    if (merger === undefined) {
      return this.observed.get(key);
    }
    const shape = merger.shape();
    const shapeId = shapeKey(shape);
    this.shapes.set(shapeId, shape);
    return shapeId;
  }

  /** One record per service of the report, its cases in report order. */
  records(report: Report, meta: RunMeta): Omit<RunRecord, 'shapes'>[] {
    const byService = new Map<string, Result[]>();
    for (const result of report.results) {
      byService.set(result.service, [...(byService.get(result.service) ?? []), result]);
    }
    return [...byService].map(([service, results]) => ({
      v: FORMAT_VERSION,
      at: meta.at,
      run: meta.run,
      service,
      shard: meta.shard,
      source: meta.source,
      target: results.some((r) => r.targetKind === 'live') ? 'live' : 'mock',
      ...(report.summary.interrupted ? { interrupted: true as const } : {}),
      cases: results.map((r) => {
        // A group of traffic: its latency is the mean of its exchanges', and it says how many it stands for.
        const exchanges = (r as { exchanges?: number }).exchanges;
        const row = exchanges === undefined ? r : { ...r, durationMs: Math.round(r.durationMs / Math.max(exchanges, 1)) };
        return caseRecord(row, this.shapeOf(caseKey(r.service, r.operationId, r.example, r.format)), exchanges);
      }),
    }));
  }

  /** Appends the run's records; returns the files written, relative to `dir`. */
  async write(dir: string, report: Report, meta: RunMeta): Promise<string[]> {
    const files: string[] = [];
    for (const record of this.records(report, meta)) {
      files.push(await appendRun(dir, record, this.shapes));
    }
    return files;
  }
}
