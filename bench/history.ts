/**
 * `npm run bench:history`: a synthetic year of nightly live runs, as `test --history` writes them: 365 nights ×
 * every operation of the catalog (59) × its examples in each format its service speaks, 4 shards, the answers'
 * shapes taken from the documented examples (with a field dropped and a status value changed now and then, so
 * shapes vary as they do live), latencies drawn from a seeded generator.
 *
 * Prints the store's size after 90, 180 and 365 nights (growth must be linear in runs), then, in a fresh process
 * so the figures are its own: `history`'s read + analysis + text time and peak memory (RSS), against a baseline
 * measured in the same run (reading and JSON-parsing every line of the store, the least any reader does), and the
 * status pages' render time. Targets (issue 25): `history` under 1 s and 200 MB.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatsOf, MEDIA_TYPE } from '../contract-tests/format.ts';
import { analyze } from '../contract-tests/history/analyze.ts';
import { writeStatusPages } from '../contract-tests/history/page.ts';
import { FORMAT_VERSION, type RunRecord, type Shape } from '../contract-tests/history/record.ts';
import { observeShape } from '../contract-tests/history/shape.ts';
import { appendRun, readHistory, shapeKey } from '../contract-tests/history/store.ts';
import { formatHistory } from '../contract-tests/history/summary.ts';
import { serve } from '../contract-tests/support/drifts.ts';
import { services } from '../schemas/index.ts';

const NIGHTS = 365;
const SHARDS = 4;
const TARGET_MS = 1000;
const TARGET_MB = 200;
const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Every file under `dir`, summed. */
async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      total += (await stat(join(entry.parentPath, entry.name))).size;
    }
  }
  return total;
}

/** The measurements of a fresh process: what `history DIR` pays after start-up, and the pages. */
async function child(dir: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { runs, warnings } = await readHistory(dir);
  const histories = analyze(runs);
  const text = formatHistory(histories, 'text', warnings);
  const historyMs = performance.now() - t0;
  const spent = process.cpuUsage(cpu0);
  // On a shared machine wall time says more about the neighbours than about the code: CPU time beside it.
  const historyCpuMs = (spent.user + spent.system) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const t1 = performance.now();
  await writeStatusPages(join(dir, '..', 'pages'), runs, histories);
  const pagesMs = performance.now() - t1;
  const t2 = performance.now();
  let lines = 0;
  for (const service of await readdir(dir)) {
    for (const file of await readdir(join(dir, service))) {
      for (const line of (await readFile(join(dir, service, file), 'utf8')).split('\n')) {
        if (line !== '') {
          JSON.parse(line);
          lines += 1;
        }
      }
    }
  }
  const parseMs = performance.now() - t2;
  process.stdout.write(
    JSON.stringify({ historyMs, historyCpuMs, rssMb, pagesMs, parseMs, lines, records: runs.length, textBytes: text.length }),
  );
}

/** Mulberry32: the same year every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  service: string;
  op: string;
  fmt: 'json' | 'xml';
  ex: string;
  status: number;
  shapes: Shape[];
  skipped: boolean;
}

/** Each example in each format, with its documented answer's shape and a drifted variant of it. */
function templates(): Template[] {
  return services.flatMap((service) =>
    service.operations.flatMap((operation) =>
      formatsOf(service.mediaTypes).flatMap((fmt) =>
        operation.examples.map((example): Template => {
          const { status, body } = example.response;
          const answer = (value: unknown) => {
            try {
              const served = serve(operation, fmt, status, value);
              return observeShape(operation, fmt, { status, headers: { 'content-type': MEDIA_TYPE[fmt] }, body: Buffer.from(served.body) });
            } catch {
              return undefined;
            }
          };
          const faithful = answer(body);
          const drifted =
            typeof body === 'object' && body !== null && !Array.isArray(body)
              ? answer(Object.fromEntries(Object.entries(body).slice(1)))
              : undefined;
          const shapes = [faithful, drifted].filter((s): s is Shape => s !== undefined);
          const skipped = operation.safety !== 'read' || example.outcome?.from === 'state';
          return { service: service.id, op: operation.operationId, fmt, ex: example.name, status, shapes, skipped };
        }),
      ),
    ),
  );
}

async function buildYear(dir: string): Promise<{ at90: number; at180: number; at365: number; cases: number }> {
  const all = templates();
  const next = random(25);
  const sizes: Record<number, number> = {};
  let cases = 0;
  for (let night = 0; night < NIGHTS; night += 1) {
    const at = new Date(Date.UTC(2026, 0, 1, 2) + night * 86_400_000).toISOString();
    for (const service of services) {
      const mine = all.filter((t) => t.service === service.id);
      for (let shard = 1; shard <= SHARDS; shard += 1) {
        const slice = mine.filter((_, index) => index % SHARDS === shard - 1);
        const shapes = new Map<string, Shape>();
        const recorded = slice.map((t) => {
          // Now and then the vendor drops a field for a few nights; now and then an answer does not arrive.
          const drifting = t.shapes.length > 1 && night % 60 >= 50 && t.op.length % 3 === 0;
          const unverified = next() < 0.002;
          const shape = t.skipped || unverified ? undefined : t.shapes[drifting ? 1 : 0];
          const key = shape === undefined ? undefined : shapeKey(shape);
          if (shape !== undefined && key !== undefined) {
            shapes.set(key, shape);
          }
          const out = t.skipped ? 'skipped' : unverified ? 'unverified' : 'passed';
          return {
            op: t.op,
            fmt: t.fmt,
            ex: t.ex,
            out,
            ...(t.skipped ? { rules: ['unsafe-skipped'] } : { http: t.status, ms: Math.round(40 + next() * 200) }),
            ...(unverified ? { rules: ['transport'] } : {}),
            ...(key === undefined ? {} : { shape: key }),
          } as RunRecord['cases'][number];
        });
        cases += recorded.length;
        const record = {
          v: FORMAT_VERSION,
          at,
          run: `gh-${night}.1`,
          service: service.id,
          shard: `${shard}/${SHARDS}`,
          source: 'test',
          target: 'live',
          cases,
        } as const;
        await appendRun(dir, { ...record, cases: recorded }, shapes);
      }
    }
    if (night + 1 === 90 || night + 1 === 180 || night + 1 === 365) {
      sizes[night + 1] = await sizeOf(dir);
    }
  }
  return { at90: sizes[90] ?? 0, at180: sizes[180] ?? 0, at365: sizes[365] ?? 0, cases };
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as string);
} else {
  const work = await mkdtemp(join(tmpdir(), 'api-contracts-bench-history-'));
  const dir = join(work, 'history');
  try {
    const operations = services.reduce((n, s) => n + s.operations.length, 0);
    const t0 = performance.now();
    const year = await buildYear(dir);
    const buildS = (performance.now() - t0) / 1000;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
    say(
      `synthetic year: ${NIGHTS} nights × ${operations} operations × their examples in each format, ${SHARDS} shards: ${year.cases} cases (built in ${buildS.toFixed(1)} s)`,
    );
    say(`store size: 90 nights ${mb(year.at90)}, 180 nights ${mb(year.at180)}, 365 nights ${mb(year.at365)}`);
    say(
      `  per night: ${(year.at90 / 90 / 1024).toFixed(1)} kB, ${(year.at180 / 180 / 1024).toFixed(1)} kB, ${(year.at365 / 365 / 1024).toFixed(1)} kB (linear: the same at each size)`,
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'bench', 'history.ts'), '--child', dir], {
      cwd: root,
      maxBuffer: 1 << 20,
    });
    const m = JSON.parse(stdout) as {
      historyMs: number;
      historyCpuMs: number;
      rssMb: number;
      pagesMs: number;
      parseMs: number;
      lines: number;
      records: number;
    };
    const verdict = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');
    say(
      `history (read + analysis + text, ${m.records} records): ${m.historyMs.toFixed(0)} ms wall, ${m.historyCpuMs.toFixed(0)} ms CPU (all threads), ${(m.historyMs / m.parseMs).toFixed(1)}× reading and JSON-parsing the ${m.lines} lines (${m.parseMs.toFixed(0)} ms); target < ${TARGET_MS} ms: ${verdict(m.historyMs < TARGET_MS)} (wall)`,
    );
    say(
      `peak memory of that process (RSS, Node and tsx included): ${m.rssMb.toFixed(0)} MB; target < ${TARGET_MB} MB: ${verdict(m.rssMb < TARGET_MB)}`,
    );
    say(`status pages (overview + one per service, last 90 nights): ${m.pagesMs.toFixed(0)} ms`);
    const cli = async (args: string[]) => {
      const t = performance.now();
      await run(process.execPath, [join(root, 'bin', 'api-contracts.js'), ...args], { cwd: root, maxBuffer: 64 << 20 });
      return performance.now() - t;
    };
    const helpMs = await cli(['--help']);
    const commandMs = await cli(['history', dir]);
    say(`api-contracts history DIR, wall: ${commandMs.toFixed(0)} ms (api-contracts --help: ${helpMs.toFixed(0)} ms of start-up)`);
  } finally {
    if (process.env.BENCH_HISTORY_KEEP) {
      say(`kept: ${dir}`);
    } else {
      await rm(work, { recursive: true, force: true });
    }
  }
}
