/**
 * `npm run bench:diff`: `api-contracts diff` of the Data Forest spec (51 operations, 590 kB of JSON)
 * against itself, and against a copy with one edit (what a pull request usually brings).
 *
 * In process: reading and parsing both files plus the whole walk, first run (what a CI step pays) and warm
 * median, against a baseline measured in the same run: parsing both files and comparing them with
 * `isDeepStrictEqual`, the least any diff can do. As a command: the wall time of `api-contracts diff`,
 * against `api-contracts --help` (Node and tsx start-up, no command loaded).
 *
 * Target (issue 15): the self-diff under 300 ms.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { diffSpecs } from '../contract-tests/spec/diff-specs.ts';
import type { Node } from '../contract-tests/spec/openapi.ts';
import { loadSpec } from '../scripts/diff/load-spec.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const TARGET_MS = 300;
const root = join(import.meta.dirname, '..');
const SPEC = 'spec/ncp-dataforest/openapi.json';
const run = promisify(execFile);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
}

/** Reading, parsing and diffing, as the command does after start-up. */
const selfDiff = async () => {
  const [a, b] = await Promise.all([loadSpec(SPEC, root), loadSpec(SPEC, root)]);
  return diffSpecs(a, b);
};

const deepEqual = async () => {
  const [a, b] = await Promise.all([readFile(join(root, SPEC), 'utf8'), readFile(join(root, SPEC), 'utf8')]);
  return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
};

const [firstMs, firstChanges] = await timed(selfDiff);
const warm: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  warm.push((await timed(selfDiff))[0]);
  baseline.push((await timed(deepEqual))[0]);
}

// One edit, as a pull request brings: a request field's pattern tightened. The first round also loads the
// automaton library that compares the two patterns (loaded only when a pattern changed).
const original = await loadSpec(SPEC, root);
const edited = structuredClone(original) as Node;
const id = ((edited.components as Node).schemas as Record<string, Node>).GetAccountDetailRequest?.properties as Record<string, Node>;
(id.id as Node).pattern = '^[0-9]{1,22}$';
const oneEdit: number[] = [];
let editChanges = 0;
for (let i = 0; i < ROUNDS; i++) {
  const [ms, changes] = await timed(() => diffSpecs(original, edited));
  oneEdit.push(ms);
  editChanges = changes.length;
}

/** Wall times of the command, alternating with start-up alone so both see the same machine load. */
async function wall(argv: string[]): Promise<number> {
  return (await timed(() => run(process.execPath, [join(root, 'bin/api-contracts.js'), ...argv], { cwd: root })))[0];
}
const startup: number[] = [];
const command: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  startup.push(await wall(['--help']));
  command.push(await wall(['diff', SPEC, SPEC]));
}
// The fastest run is the one least disturbed by other work on the machine; the median shows the spread.
const [startupMs, commandMs] = [Math.min(...startup), Math.min(...command)];

const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(1)}× the baseline`;
const base = median(baseline);
const lines = [
  `diff: ${SPEC} (${ROUNDS} rounds)`,
  `  baseline: parse both + isDeepStrictEqual   ${ms(base)}`,
  `  self-diff, first run (load + walk)         ${ms(firstMs)}  (${firstChanges.length} changes; target < ${TARGET_MS} ms: ${firstMs < TARGET_MS ? 'met' : 'MISSED'})`,
  `  self-diff, warm median (load + walk)       ${ms(median(warm))}  (${ratio(median(warm), base)})`,
  `  one edit, warm median (walk only)          ${ms(median(oneEdit))}  (${editChanges} change; first run, loading refa: ${ms(oneEdit[0] ?? 0)})`,
  `  command: api-contracts --help (start-up)   fastest ${ms(startupMs)}, median ${ms(median(startup))}`,
  `  command: api-contracts diff SPEC SPEC      fastest ${ms(commandMs)} (${ms(commandMs - startupMs)} more than start-up), median ${ms(median(command))}`,
];
// biome-ignore lint/suspicious/noConsole: this is a script
console.log(lines.join('\n'));
process.exitCode = firstMs < TARGET_MS && firstChanges.length === 0 && editChanges === 1 ? 0 : 1;
