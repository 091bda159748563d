/**
 * What the HTTP benchmarks share: servers in child processes, so the load generator (autocannon, in the parent)
 * never shares their event loop, and interleaved rounds of autocannon against each target.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export const WARMUP_SECONDS = 2;
export const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = 32;

export interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
// autocannon ships no types; this is the slice of its programmatic API the benchmarks use.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface Target {
  name: string;
  /** The full URL requested. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Forks `script` with `--serve KIND`; resolves with the URL it sends back once listening. */
export function startChild(script: string, kind: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(script, ['--serve', kind, ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`bench: the ${kind} server exited (${code}) before listening`)));
  });
}

/** The `--serve KIND` a child was started with, and the arguments after it; undefined in the parent. */
export function servedKind(): { kind: string; args: string[] } | undefined {
  const at = process.argv.indexOf('--serve');
  return at < 0 ? undefined : { kind: process.argv[at + 1] ?? '', args: process.argv.slice(at + 2) };
}

async function run(target: Target, seconds: number): Promise<AutocannonResult> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `bench: ${target.name} answered ${result.non2xx} non-2xx replies and ${result.errors} errors; its numbers would be meaningless`,
    );
  }
  return result;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Rounds interleave the targets, and each target's median round is reported, so a burst of other work on the
 * machine lowers one sample of each target rather than all of one.
 */
export async function measure(targets: Target[]): Promise<Map<string, AutocannonResult>> {
  for (const target of targets) {
    await run(target, WARMUP_SECONDS);
  }
  const samples = new Map<string, AutocannonResult[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      samples.get(target.name)?.push(await run(target, MEASURE_SECONDS));
    }
  }
  return new Map(
    [...samples].map(([name, results]) => {
      const rps = median(results.map((r) => r.requests.average));
      return [name, results.find((r) => r.requests.average === rps) as AutocannonResult];
    }),
  );
}

/** One line per target: requests per second and latency. */
export function rows(results: Map<string, AutocannonResult>, width = 16): string[] {
  return [...results].map(
    ([name, r]) =>
      `  ${name.padEnd(width)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(3)} ms`,
  );
}

/** `  mock JSON / bare     79 %   target ≥ 50 %  ok` */
export function ratio(label: string, value: number, target: number, unit: '×' | '%'): string {
  const shown = unit === '×' ? `${value.toFixed(1)}×` : `${(value * 100).toFixed(0)} %`;
  const wanted = unit === '×' ? `${target}×` : `${target * 100} %`;
  return `  ${label.padEnd(18)} ${shown.padStart(7)}   target ≥ ${wanted.padEnd(5)} ${value >= target ? 'ok' : 'MISSED'}`;
}

export const describeRun = (): string =>
  `${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${MEASURE_SECONDS} s after ${WARMUP_SECONDS} s warm-up`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Prism refuses requests without the spec's security headers; every target gets the same ones, unchecked. */
export const NCP_AUTH = {
  'x-ncp-apigw-timestamp': '1740011575000',
  'x-ncp-iam-access-key': 'BENCHACCESSKEY01',
  'x-ncp-apigw-signature-v2': 'WTPItrmMIfLUk/UyUIyoQbA/z5hq9o3G8eQMolUzTEo=',
};

/**
 * Starts Prism (`mock SPEC` or `proxy SPEC UPSTREAM`) on a free port. It takes seconds to load the spec, so the
 * `probe` request is sent until it answers 200.
 */
export async function startPrism(
  args: string[],
  probe: { path: string; headers: Record<string, string>; body: string },
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('node_modules/.bin/prism', [...args, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`bench: prism exited (${child.exitCode}) before listening`);
    }
    const status = await request(`${url}${probe.path}`, { method: 'POST', headers: probe.headers, body: probe.body })
      .then(async (r) => {
        await r.body.dump();
        return r.statusCode;
      })
      .catch(() => 0);
    if (status === 200) {
      return { child, url };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error('bench: prism did not answer within 60 s');
}
