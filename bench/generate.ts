/**
 * `npm run bench:generate`: what `generate` costs as services multiply. For the real services and a synthetic
 * set ten times larger (each real service repeated under new ids), it measures:
 * - render: `generate` into an empty folder, every docs page built by Redocly (at most
 *   os.availableParallelism() services at a time): wall time per service, and peak memory of the largest single
 *   process and of the whole process tree (sampled from /proc every 50 ms; Linux only);
 * - check: `generate --check` of that folder, every page rendered from unchanged input (reused, not rendered
 *   again), per service.
 * The real set is the baseline: per-service times of the 10x set are printed as ratios against it.
 *
 * Targets (issue 17): render time per service flat (10x/real within 1.5x), peak memory bounded (not growing
 * with the number of services), check well under a second per service.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpec, writeSpec } from '../contract-tests/spec/write-spec.ts';
import type { Service } from '../schemas/_shared/service.ts';
import { services } from '../schemas/index.ts';

const SCALE = 10;
const SAMPLE_MS = 50;

/** RSS in MB of this process and every descendant, from /proc; undefined where there is no /proc. */
async function treeRss(): Promise<{ total: number; largest: number } | undefined> {
  const pids = await readdir('/proc').catch(() => undefined);
  if (pids === undefined) {
    return undefined;
  }
  const procs = new Map<number, { ppid: number; rssKb: number }>();
  await Promise.all(
    pids
      .filter((p) => /^\d+$/.test(p))
      .map(async (pid) => {
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const ppid = /^PPid:\s+(\d+)/m.exec(status)?.[1];
        const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
        if (ppid !== undefined) {
          procs.set(Number(pid), { ppid: Number(ppid), rssKb: Number(rss ?? 0) });
        }
      }),
  );
  const inTree = (pid: number): boolean => pid === process.pid || (pid > 1 && inTree(procs.get(pid)?.ppid ?? 0));
  const rss = [...procs].filter(([pid]) => inTree(pid)).map(([, p]) => p.rssKb / 1024);
  return { total: rss.reduce((a, b) => a + b, 0), largest: Math.max(...rss) };
}

/** Runs `work` while sampling memory; returns its result, wall time and peaks. */
async function measure<T>(work: () => Promise<T>) {
  let peak: { total: number; largest: number } | undefined;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = await treeRss();
      if (now) {
        peak = { total: Math.max(peak?.total ?? 0, now.total), largest: Math.max(peak?.largest ?? 0, now.largest) };
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  sampling = false;
  await sampler;
  return { result, ms, peak };
}

async function run(name: string, set: Service[]) {
  const dir = await mkdtemp(join(tmpdir(), 'api-contracts-bench-generate-'));
  try {
    const render = await measure(() => writeSpec(dir, set));
    const check = await measure(() => checkSpec(dir, set));
    if (check.result.stale.length > 0) {
      throw new Error(`generate --check after generate found stale files: ${check.result.stale.join(', ')}`);
    }
    return { name, count: set.length, renderMs: render.ms / set.length, checkMs: check.ms / set.length, peak: render.peak };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const synthetic = Array.from({ length: SCALE }, (_, i) =>
  services.map((s) => ({ ...s, id: `${s.id}-${i + 1}`, title: `${s.title} (${i + 1})` })),
).flat();

const results = [await run('real', services), await run(`${SCALE}x`, synthetic)];
const [real, scaled] = results as [(typeof results)[0], (typeof results)[0]];

const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${Math.round(value)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const renderRatio = scaled.renderMs / real.renderMs;
const memoryRatio = scaled.peak && real.peak ? scaled.peak.total / real.peak.total : undefined;
const lines = [
  `generate: ${real.count} real services and ${scaled.count} synthetic (${SCALE}x); at most ${availableParallelism()} Redocly builds at a time`,
  '  set    services  render/service  check/service  peak RSS (all processes)  peak RSS (largest process)',
  ...results.map(
    (r) =>
      `  ${r.name.padEnd(5)}  ${String(r.count).padStart(8)}  ${s(r.renderMs).padStart(14)}  ${`${Math.round(r.checkMs)} ms`.padStart(13)}  ${mb(r.peak?.total).padStart(24)}  ${mb(r.peak?.largest).padStart(26)}`,
  ),
  `  render time per service, ${SCALE}x vs real: ${ratio(scaled.renderMs, real.renderMs)} (target ≤ 1.5x: ${renderRatio <= 1.5 ? 'met' : 'MISSED'})`,
  `  peak memory, ${SCALE}x vs real:            ${memoryRatio === undefined ? 'n/a (no /proc)' : `${memoryRatio.toFixed(2)}x (bounded: ${memoryRatio <= 1.5 ? 'met' : 'MISSED'})`}`,
  `  check time per service, ${SCALE}x:          ${Math.round(scaled.checkMs)} ms (target well under 1 s: ${scaled.checkMs < 250 ? 'met' : 'MISSED'})`,
];
// biome-ignore lint/suspicious/noConsole: this is a script
console.log(lines.join('\n'));
process.exitCode = renderRatio <= 1.5 && (memoryRatio ?? 1) <= 1.5 && scaled.checkMs < 250 ? 0 : 1;
