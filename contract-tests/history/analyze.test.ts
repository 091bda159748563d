import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import type { StoredCase, StoredRun } from './store.ts';

/** Night `n` of December, one case per entry. */
function night(n: number, cases: Partial<StoredCase>[], extra: Partial<StoredRun> = {}): StoredRun {
  const at = `2026-12-${String(n).padStart(2, '0')}T02:00:00.000Z`;
  return {
    at,
    run: at,
    service: 'svc',
    shard: '1/1',
    source: 'test',
    target: 'live',
    file: 'f',
    line: n,
    cases: cases.map((c) => ({ op: 'op', fmt: 'json', ex: 'default', out: 'passed', http: 200, ms: 10, ...c })),
    ...extra,
  };
}

const only = (runs: StoredRun[], options = {}) => {
  const [history] = analyze(runs, options);
  if (history === undefined) {
    throw new Error('no history');
  }
  return history;
};

describe('analyze', () => {
  it('flapping: three red↔green changes in the window; skips and unverified runs do not count', () => {
    const outs = ['passed', 'failed', 'skipped', 'passed', 'unverified', 'failed'] as const;
    const history = only(outs.map((out, i) => night(i + 1, [{ out }])));
    expect(history.flapping).toEqual([{ op: 'op', fmt: 'json', flips: 3, runs: 4 }]);
    expect(history.newlyFailing).toEqual([{ op: 'op', fmt: 'json', since: '2026-12-06T02:00:00.000Z', rules: [] }]);
    expect(history.lastGreen?.at).toBe('2026-12-04T02:00:00.000Z');
  });

  it('since when red: the first run of the current red streak; shards of one run are one run', () => {
    const history = only([
      night(1, [{ out: 'passed' }]),
      night(2, [{ out: 'failed', rules: ['status-code'] }], { shard: '1/2' }),
      night(2, [{ op: 'other', out: 'passed' }], { shard: '2/2' }),
      night(3, [{ out: 'failed', rules: ['response-missing-field'] }]),
    ]);
    expect(history.runs).toBe(3);
    expect(history.failing).toEqual([{ op: 'op', fmt: 'json', since: '2026-12-02T02:00:00.000Z', rules: ['response-missing-field'] }]);
    expect(history.newlyFailing).toEqual([]);
  });

  it('coverage rot: never verified for --rot runs, or not verified since it last passed', () => {
    const runs = [1, 2, 3].map((n) =>
      night(n, [
        { ex: 'always-skipped', out: 'skipped', rules: ['state-dependent'] },
        { ex: 'stopped', out: n === 1 ? 'passed' : 'unverified', rules: n === 1 ? [] : ['transport'] },
      ]),
    );
    expect(only(runs).coverage.map((g) => `${g.ex} ${g.runs} ${g.reason} ${g.lastVerified ?? 'never'}`)).toEqual([
      'stopped 2 unverified 2026-12-01T02:00:00.000Z',
    ]);
    expect(only(runs, { rotRuns: 3 }).coverage.map((g) => `${g.ex} ${g.runs} ${g.reason} ${g.since}`)).toEqual([
      'always-skipped 3 state-dependent 2026-12-01T02:00:00.000Z',
      'stopped 2 unverified 2026-12-02T02:00:00.000Z',
    ]);
  });

  it('a status never seen before, and latency against its own trailing median', () => {
    const runs = [10, 12, 11, 10, 9].map((ms, i) => night(i + 1, [{ ms }]));
    runs.push(night(6, [{ ms: 60, http: 404 }]));
    const history = only(runs);
    expect(history.newStatuses).toEqual([{ op: 'op', fmt: 'json', status: 404, since: '2026-12-06T02:00:00.000Z', known: [200] }]);
    expect(history.latency).toEqual([{ op: 'op', p50: 60, p95: 60, trailing: 10, slower: true }]);
    // Four earlier runs are too few to call a trend.
    expect(only([...runs.slice(0, 4), runs[5] as StoredRun]).latency).toEqual([
      { op: 'op', p50: 60, p95: 60, trailing: 10, slower: false },
    ]);
  });

  it('interrupted runs prove nothing and are left out', () => {
    const history = only([night(1, [{ out: 'passed' }]), night(2, [{ out: 'failed' }], { interrupted: true })]);
    expect(history.runs).toBe(1);
    expect(history.latest.green).toBe(true);
  });
});
