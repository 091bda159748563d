import type { Outcome, Shape } from './record.ts';
import type { StoredCase, StoredRun } from './store.ts';

/** One run of one service: its shards' records merged (a case is in one shard; a re-run of a shard is its own run). */
export interface Run {
  service: string;
  run: string;
  /** The earliest start of its shards. */
  at: string;
  target: 'mock' | 'live';
  source: 'test' | 'proxy';
  /** Case key (`op fmt ex`) → case. */
  cases: Map<string, StoredCase>;
}

/** An operation in one format: the unit that is red or green. */
export type CellState = 'red' | 'green' | 'unverified' | 'skipped';

export interface Cell {
  op: string;
  fmt: string;
}
export interface CaseId extends Cell {
  ex: string;
}

export interface Transition extends Cell {
  /** Start of the first run of the current state. */
  since: string;
  /** Rule ids of the failures (red) of the latest run. */
  rules: string[];
}

export interface CoverageGap extends CaseId {
  /** Latest runs in a row that did not verify it. */
  runs: number;
  since: string;
  /** When it last passed, in the window; absent: never in the window. */
  lastVerified?: string;
  /** Why the latest run did not verify it: the skip's rule, or `failed`/`unverified`. */
  reason: string;
}

export interface FieldChange extends CaseId {
  path: string;
  /** The run the change showed in first (gone since, new since). */
  since: string;
}
export interface VanishedField extends FieldChange {
  /** Runs that had it, every one before it went. */
  presentIn: number;
}
export interface NewField extends FieldChange {
  types: string[];
}
export interface NewValue extends FieldChange {
  values: string[];
  known: string[];
}
export interface NewStatus extends Cell {
  status: number;
  since: string;
  known: number[];
}
export interface Latency {
  op: string;
  /** The latest run's cases of the operation, both formats. */
  p50: number;
  p95: number;
  /** Median of the operation's per-run p50 over the earlier runs of the window (up to 30); absent with none. */
  trailing?: number;
  slower: boolean;
}
export interface Flapping extends Cell {
  /** Red↔green changes in the window. */
  flips: number;
  runs: number;
}

export interface ServiceHistory {
  service: string;
  runs: number;
  first: string;
  latest: { at: string; run: string; target: 'mock' | 'live'; green: boolean; counts: Record<Outcome, number> };
  /** The latest green run before the latest run; absent when none in the window. */
  lastGreen?: { at: string; run: string };
  /** Operations red in the latest run, with since when. */
  failing: Transition[];
  newlyFailing: Transition[];
  newlyPassing: Transition[];
  flapping: Flapping[];
  coverage: CoverageGap[];
  vanishedFields: VanishedField[];
  newFields: NewField[];
  newValues: NewValue[];
  newStatuses: NewStatus[];
  latency: Latency[];
}

export interface AnalyzeOptions {
  /** A case not verified for this many runs in a row is coverage rot even if it never passed (default 30). */
  rotRuns?: number;
  /** A cell changing red↔green this many times in the window is flapping (default 3). */
  flapFlips?: number;
}

export const DEFAULT_ROT_RUNS = 30;
const DEFAULT_FLAP_FLIPS = 3;
const TRAILING_RUNS = 30;
/** Fewer earlier runs than this make no trailing median worth judging against: a night's noise is not a trend. */
const MIN_TRAILING_RUNS = 5;

/**
 * Case and cell keys, one string instance per distinct key: a year holds a hundred thousand cases but a few hundred
 * keys, and a key looked up again is found without building (and hashing) a new string.
 */
class Keys<T> {
  private readonly tree = new Map<string, Map<string, T>>();
  constructor(private readonly make: (a: string, b: string) => T) {}
  of(a: string, b: string): T {
    let inner = this.tree.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.tree.set(a, inner);
    }
    let key = inner.get(b);
    if (key === undefined) {
      key = this.make(a, b);
      inner.set(b, key);
    }
    return key;
  }
}
const cells = new Keys((op, fmt) => `${op} ${fmt}`);
const cases = new Keys((cell, ex) => `${cell} ${ex}`);
const cellKey = (c: Cell) => cells.of(c.op, c.fmt);
const caseKey = (c: CaseId) => cases.of(cellKey(c), c.ex);
const idOf = (key: string): CaseId => {
  const [op = '', fmt = '', ...ex] = key.split(' ');
  return { op, fmt, ex: ex.join(' ') };
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Records merged into runs per service, oldest first; interrupted runs are left out (they prove nothing). */
export function runsOf(stored: readonly StoredRun[]): Map<string, Run[]> {
  const runs = new Map<string, Run>();
  for (const record of stored) {
    if (record.interrupted) {
      continue;
    }
    const key = `${record.service}\u0000${record.source}\u0000${record.run}`;
    const run = runs.get(key) ?? {
      service: record.service,
      run: record.run,
      at: record.at,
      target: record.target,
      source: record.source,
      cases: new Map<string, StoredCase>(),
    };
    run.at = record.at < run.at ? record.at : run.at;
    for (const item of record.cases) {
      run.cases.set(caseKey(item), item);
    }
    runs.set(key, run);
  }
  const services = new Map<string, Run[]>();
  for (const run of [...runs.values()].sort((a, b) => byText(a.at, b.at))) {
    const list = services.get(run.service);
    if (list) {
      list.push(run);
    } else {
      services.set(run.service, [run]);
    }
  }
  return services;
}

function cellStates(run: Run): Map<string, CellState> {
  const states = new Map<string, CellState>();
  const rank: Record<CellState, number> = { red: 3, green: 2, unverified: 1, skipped: 0 };
  for (const item of run.cases.values()) {
    const state: CellState = item.out === 'failed' ? 'red' : item.out === 'passed' ? 'green' : item.out;
    const key = cellKey(item);
    const before = states.get(key);
    states.set(key, before === undefined || rank[state] > rank[before] ? state : before);
  }
  return states;
}

export function isGreen(run: Run): boolean {
  return [...run.cases.values()].every((c) => c.out === 'passed' || c.out === 'skipped');
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}
const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

function failureRules(run: Run, cell: string): string[] {
  const rules = [...run.cases.values()].filter((c) => cellKey(c) === cell && c.out === 'failed').flatMap((c) => c.rules ?? []);
  return [...new Set(rules)].sort();
}

/** Red/green transitions, flapping and since-when, per operation × format. */
function transitions(runs: readonly Run[], latest: Run, flapFlips: number) {
  const states = runs.map(cellStates);
  const now = states.at(-1) as Map<string, CellState>;
  const failing: Transition[] = [];
  const newlyFailing: Transition[] = [];
  const newlyPassing: Transition[] = [];
  const flapping: Flapping[] = [];
  const cells = new Set(states.flatMap((s) => [...s.keys()]));
  for (const cell of [...cells].sort(byText)) {
    const [op = '', fmt = ''] = cell.split(' ');
    // Only red and green count: a run that skipped the cell or could not verify it says nothing either way.
    const seen = states.flatMap((s, index) => {
      const state = s.get(cell);
      return state === 'red' || state === 'green' ? [{ state, index }] : [];
    });
    let flips = 0;
    for (let i = 1; i < seen.length; i += 1) {
      flips += seen[i]?.state === seen[i - 1]?.state ? 0 : 1;
    }
    if (flips >= flapFlips) {
      flapping.push({ op, fmt, flips, runs: seen.length });
    }
    const current = now.get(cell);
    if (current !== 'red' && current !== 'green') {
      continue;
    }
    let start = seen.length - 1;
    while (start > 0 && seen[start - 1]?.state === current) {
      start -= 1;
    }
    const since = (runs[seen[start]?.index ?? 0] as Run).at;
    const item = { op, fmt, since, rules: current === 'red' ? failureRules(latest, cell) : [] };
    if (current === 'red') {
      failing.push(item);
    }
    // Newly: it changed in the latest run that saw it red or green.
    const previous = seen.at(-2);
    if (previous !== undefined && previous.state !== current && seen.at(-1)?.index === runs.length - 1) {
      (current === 'red' ? newlyFailing : newlyPassing).push(item);
    }
  }
  return { failing, newlyFailing, newlyPassing, flapping };
}

function coverageGaps(runs: readonly Run[], latest: Run, rotRuns: number): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const [key, item] of [...latest.cases].sort(([a], [b]) => byText(a, b))) {
    // A failing case is verified, and failing: the transitions say since when.
    if (item.out === 'passed' || item.out === 'failed') {
      continue;
    }
    let streak = 0;
    let lastVerified: string | undefined;
    for (let i = runs.length - 1; i >= 0; i -= 1) {
      const out = runs[i]?.cases.get(key)?.out;
      if (out === 'passed' || out === 'failed') {
        lastVerified = runs[i]?.at;
        break;
      }
      streak += out === undefined ? 0 : 1;
    }
    if (lastVerified === undefined && streak < rotRuns) {
      continue;
    }
    // The start of the streak: the first run after the last verified one that had the case.
    const firstMissed = runs.find((run) => (lastVerified === undefined || run.at > lastVerified) && run.cases.has(key));
    const reason = item.out === 'skipped' ? (item.rules?.[0] ?? 'skipped') : item.out;
    gaps.push({ ...idOf(key), runs: streak, since: firstMissed?.at ?? latest.at, ...(lastVerified ? { lastVerified } : {}), reason });
  }
  return gaps;
}

/** Consecutive runs that gave the same shape (one object per key, as the store reads them): most cases have one or two. */
interface Segment {
  shape: Shape;
  /** Index in `runs` and start time of the first run of the segment. */
  index: number;
  at: string;
  runs: number;
}

function segmentsOf(runs: readonly Run[], key: string): Segment[] {
  const segments: Segment[] = [];
  for (const [index, run] of runs.entries()) {
    const shape = run.cases.get(key)?.shape;
    if (shape === undefined) {
      continue;
    }
    const last = segments.at(-1);
    if (last !== undefined && last.shape === shape) {
      last.runs += 1;
    } else {
      segments.push({ shape, index, at: run.at, runs: 1 });
    }
  }
  return segments;
}

/** Field, value and status changes still true in the latest run, each dated to the run it showed in first. */
function shapeChanges(runs: readonly Run[], latest: Run) {
  const vanishedFields: VanishedField[] = [];
  const newFields: NewField[] = [];
  const newValues: NewValue[] = [];
  for (const [key, item] of [...latest.cases].sort(([a], [b]) => byText(a, b))) {
    const id = idOf(key);
    const segments = segmentsOf(runs, key);
    const now = segments.at(-1);
    // Judged only when the latest run observed the case and an earlier run saw it otherwise.
    if (item.shape === undefined || now === undefined || segments.length < 2) {
      continue;
    }
    const paths = new Set(segments.flatMap((segment) => Object.keys(segment.shape.f)));
    for (const path of [...paths].sort(byText)) {
      const has = segments.map((segment) => Object.hasOwn(segment.shape.f, path));
      const lastWith = has.lastIndexOf(true);
      const firstWith = has.indexOf(true);
      if (!has.at(-1) && has.slice(0, lastWith + 1).every(Boolean)) {
        const presentIn = segments.slice(0, lastWith + 1).reduce((n, segment) => n + segment.runs, 0);
        vanishedFields.push({ ...id, path, since: (segments[lastWith + 1] as Segment).at, presentIn });
      } else if (has.at(-1) && firstWith > 0 && has.slice(firstWith).every(Boolean)) {
        newFields.push({ ...id, path, since: (segments[firstWith] as Segment).at, types: now.shape.f[path] ?? [] });
      }
    }
    for (const [path, values] of Object.entries(now.shape.v ?? {}).sort(([a], [b]) => byText(a, b))) {
      const firstSeen = new Map<string, Segment>();
      for (const segment of segments) {
        for (const value of segment.shape.v?.[path] ?? []) {
          if (!firstSeen.has(value)) {
            firstSeen.set(value, segment);
          }
        }
      }
      // New: first seen after the first run that observed this case at all.
      const first = segments[0] as Segment;
      const fresh = values.filter((value) => firstSeen.get(value) !== first);
      if (fresh.length > 0) {
        const known = [...firstSeen.keys()].filter((value) => !fresh.includes(value)).sort(byText);
        const since = fresh.map((value) => (firstSeen.get(value) as Segment).at).sort(byText)[0] as string;
        newValues.push({ ...id, path, values: fresh, known, since });
      }
    }
  }
  return { vanishedFields, newFields, newValues };
}

function newStatuses(runs: readonly Run[], latest: Run): NewStatus[] {
  const known = new Map<string, Set<number>>();
  for (const run of runs.slice(0, -1)) {
    for (const item of run.cases.values()) {
      if (item.http !== undefined) {
        const cell = cellKey(item);
        known.set(cell, (known.get(cell) ?? new Set<number>()).add(item.http));
      }
    }
  }
  const found = new Map<string, NewStatus>();
  for (const item of latest.cases.values()) {
    const statuses = known.get(cellKey(item));
    // A cell never answered before in the window has no statuses to be new against.
    if (item.http !== undefined && statuses !== undefined && !statuses.has(item.http)) {
      const sorted = [...statuses].sort((a, b) => a - b);
      found.set(`${cellKey(item)} ${item.http}`, { op: item.op, fmt: item.fmt, status: item.http, since: latest.at, known: sorted });
    }
  }
  return [...found.values()].sort((a, b) => byText(cellKey(a), cellKey(b)) || a.status - b.status);
}

/** A slower operation: p50 half as long again as its own trailing median (of 5 runs at least), and 20 ms more at least. */
function latencies(runs: readonly Run[]): Latency[] {
  const perRun = runs.map((run) => {
    const byOp = new Map<string, number[]>();
    for (const item of run.cases.values()) {
      if (item.ms !== undefined && item.out !== 'skipped') {
        const list = byOp.get(item.op);
        if (list) {
          list.push(item.ms);
        } else {
          byOp.set(item.op, [item.ms]);
        }
      }
    }
    return byOp;
  });
  const now = perRun.at(-1) ?? new Map<string, number[]>();
  return [...now]
    .sort(([a], [b]) => byText(a, b))
    .map(([op, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const p50 = quantile(sorted, 0.5);
      const trailingP50s = perRun
        .slice(0, -1)
        .slice(-TRAILING_RUNS)
        .flatMap((byOp) => (byOp.has(op) ? [median(byOp.get(op) as number[])] : []));
      const trailing = trailingP50s.length === 0 ? undefined : median(trailingP50s);
      const slower = trailing !== undefined && trailingP50s.length >= MIN_TRAILING_RUNS && p50 >= trailing * 1.5 && p50 - trailing >= 20;
      return { op, p50, p95: quantile(sorted, 0.95), ...(trailing === undefined ? {} : { trailing }), slower };
    });
}

/** What changed, per service, over the runs of the window; the latest run is the one judged. */
export function analyze(stored: readonly StoredRun[], options: AnalyzeOptions = {}): ServiceHistory[] {
  const rotRuns = options.rotRuns ?? DEFAULT_ROT_RUNS;
  const flapFlips = options.flapFlips ?? DEFAULT_FLAP_FLIPS;
  return [...runsOf(stored)].map(([service, runs]) => {
    const latest = runs.at(-1) as Run;
    const counts: Record<Outcome, number> = { passed: 0, failed: 0, skipped: 0, unverified: 0 };
    for (const item of latest.cases.values()) {
      counts[item.out] += 1;
    }
    const lastGreen = runs.slice(0, -1).findLast(isGreen);
    return {
      service,
      runs: runs.length,
      first: (runs[0] as Run).at,
      latest: { at: latest.at, run: latest.run, target: latest.target, green: isGreen(latest), counts },
      ...(lastGreen ? { lastGreen: { at: lastGreen.at, run: lastGreen.run } } : {}),
      ...transitions(runs, latest, flapFlips),
      coverage: coverageGaps(runs, latest, rotRuns),
      ...shapeChanges(runs, latest),
      newStatuses: newStatuses(runs, latest),
      latency: latencies(runs),
    };
  });
}
