import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../cli.ts';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-history-cli-'));
  await writeFile(join(cwd, 'a-file'), '');
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function history(argv: string[]) {
  const out: string[] = [];
  const code = await main(['history', ...argv], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd, env: {} });
  return `${code} ${out.join('')}`;
}

it.each([
  [[], '2 api-contracts history: expected one history directory, got 0 (see `api-contracts history --help`)\n'],
  [['nowhere'], '2 api-contracts history: nowhere: no such directory; give the directory `test --history` wrote\n'],
  [['a-file'], '2 api-contracts history: a-file: not a directory; give the directory `test --history` wrote\n'],
  [
    ['.', '--since', '12/01/2026'],
    '2 api-contracts history: --since 12/01/2026: expected a date (2026-12-01) or an ISO time (2026-12-01T02:00:00Z)\n',
  ],
  [['.', '--format', 'html'], '2 api-contracts history: --format html: expected text, md or json\n'],
  [['.', '--rot', '0'], '2 api-contracts history: --rot 0: expected a whole number of runs, at least 1\n'],
  [['.'], '0 no runs in the history (write some with `api-contracts test --history DIR`)\n'],
  [['.', '--format', 'json'], '0 {\n  "services": [],\n  "warnings": []\n}\n'],
])('history %j → %j', async (argv, expected) => {
  expect(await history(argv)).toBe(expected);
});
