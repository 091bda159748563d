import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * The layer rules of `npm run lint` (.dependency-cruiser.cjs), run on small trees shaped like this repository:
 * each case adds one import and names the violations the check must report for it (none for an allowed one).
 */

const root = join(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const work = await mkdtemp(join(tmpdir(), 'layers-'));
afterAll(() => rm(work, { recursive: true, force: true }));

/** A tree where every import points down: schemas ← contract-tests ← scripts. */
const LEGAL: Record<string, string> = {
  'schemas/index.ts': 'export const services = [];\n',
  'contract-tests/report/report.ts': "import { services } from '../../schemas/index.ts';\nexport const report = services;\n",
  'contract-tests/runner/run.ts': "import { report } from '../report/report.ts';\nexport const run = report;\n",
  'contract-tests/mock/server.ts': "import { services } from '../../schemas/index.ts';\nexport const startMock = services;\n",
  'scripts/cli/command.ts': 'export const EXIT = 0;\n',
  'scripts/mock/command.ts':
    "import { startMock } from '../../contract-tests/mock/server.ts';\nimport { EXIT } from '../cli/command.ts';\nexport const mock = [startMock, EXIT];\n",
  'scripts/test/command.ts': "import { run } from '../../contract-tests/runner/run.ts';\nexport const test = run;\n",
  'scripts/cli.ts':
    "import { mock } from './mock/command.ts';\nimport { test } from './test/command.ts';\nexport const main = [mock, test];\n",
};

/** Violations as `rule: from → to`, run in a fresh copy of LEGAL with `extra` lines appended to files. */
async function violations(name: string, extra: Record<string, string>): Promise<string[]> {
  const dir = join(work, name);
  const files = { ...LEGAL };
  for (const [file, line] of Object.entries(extra)) {
    files[file] = `${line}\n${files[file] ?? ''}`;
  }
  files['tsconfig.json'] = JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true },
  });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const args = [
    depcruise,
    '--config',
    join(root, '.dependency-cruiser.cjs'),
    '--output-type',
    'json',
    'schemas',
    'contract-tests',
    'scripts',
  ];
  // depcruise exits with the number of errors; the JSON on stdout is the same either way.
  const stdout = await promisify(execFile)(process.execPath, args, { cwd: dir }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const result = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('layer rules', () => {
  test.each<{ name: string; add: Record<string, string>; want: string[] }>([
    { name: 'every import points down', add: {}, want: [] },
    {
      name: 'the engine imports a front-end',
      add: { 'contract-tests/runner/run.ts': "import '../../scripts/mock/command.ts';" },
      want: ['engine-imports-no-front-end: contract-tests/runner/run.ts → scripts/mock/command.ts'],
    },
    {
      name: 'schemas import the engine',
      add: { 'schemas/index.ts': "import '../contract-tests/report/report.ts';" },
      want: [
        'no-folder-cycles: contract-tests/report → schemas',
        'no-folder-cycles: schemas → contract-tests/report',
        'schemas-import-nothing-above: schemas/index.ts → contract-tests/report/report.ts',
      ],
    },
    {
      name: "a front-end imports another front-end's folder",
      add: { 'scripts/test/command.ts': "import '../mock/command.ts';" },
      want: ['front-ends-apart: scripts/test/command.ts → scripts/mock/command.ts'],
    },
    {
      name: 'the CLI kit imports a front-end',
      add: { 'scripts/cli/command.ts': "import '../test/command.ts';" },
      want: ['front-ends-apart: scripts/cli/command.ts → scripts/test/command.ts'],
    },
    {
      name: 'a front-end imports the dispatcher',
      add: { 'scripts/mock/command.ts': "import '../cli.ts';" },
      want: ['front-ends-apart: scripts/mock/command.ts → scripts/cli.ts'],
    },
    {
      name: 'two engine folders import each other',
      add: { 'contract-tests/report/report.ts': "import '../runner/run.ts';" },
      want: [
        'no-folder-cycles: contract-tests/report → contract-tests/runner',
        'no-folder-cycles: contract-tests/runner → contract-tests/report',
      ],
    },
    {
      name: 'two front-ends import each other through the kit',
      add: { 'scripts/cli/command.ts': "import '../mock/command.ts';" },
      want: [
        'front-ends-apart: scripts/cli/command.ts → scripts/mock/command.ts',
        'no-folder-cycles: scripts/cli → scripts/mock',
        'no-folder-cycles: scripts/mock → scripts/cli',
      ],
    },
    {
      name: 'a test reaches up to drive a front-end',
      add: { 'contract-tests/runner/run.test.ts': "import '../../scripts/cli.ts';" },
      want: [],
    },
  ])('$name', async ({ name, add, want }) => {
    expect(await violations(name.replace(/\W+/g, '-'), add)).toEqual(want);
  });
});
