import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { services } from '../../schemas/index.ts';
import { main } from '../cli.ts';
import { readReleases } from '../release/baseline.ts';
import { type Artifacts, generateArtifacts } from './artifacts.ts';
import { staleFiles } from './command.ts';

const root = join(import.meta.dirname, '../..');

async function cli(argv: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

describe('generate --check', () => {
  let artifacts: Artifacts;
  let copy: string;
  beforeAll(async () => {
    artifacts = await generateArtifacts(
      services,
      await readReleases(
        root,
        services.map((s) => s.id),
      ),
    );
    copy = await mkdtemp(join(tmpdir(), 'api-contracts-check-'));
    await cp(join(root, 'spec'), join(copy, 'spec'), { recursive: true });
    await cp(join(root, 'releases'), join(copy, 'releases'), { recursive: true });
  });
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  test('the committed spec/ is what the schemas generate', async () => {
    expect(await staleFiles(root, artifacts)).toEqual([]);
  });

  test('names an edited, a missing and an extra file', async () => {
    await writeFile(join(copy, 'spec/ncp-dataforest/openapi.json'), '{}\n');
    await rm(join(copy, 'spec/huawei-dds/openapi.yaml'));
    await writeFile(join(copy, 'spec/old.json'), '{}\n');
    expect(await staleFiles(copy, artifacts)).toEqual([
      'spec/huawei-dds/openapi.yaml (missing)',
      'spec/ncp-dataforest/openapi.json',
      'spec/old.json (no longer generated)',
    ]);
  });

  test('exits 1 with the fix command when spec/ is stale, or a spec changed without its version bump', async () => {
    // The last release of huawei-dds said something else in its description: the spec now needs a patch release.
    const baseline = join(copy, 'releases/huawei-dds/openapi.json');
    const released = JSON.parse(await readFile(baseline, 'utf8'));
    released.info.description = 'Older words.';
    await writeFile(baseline, `${JSON.stringify(released, null, 2)}\n`);
    const { code, stderr } = await cli(['generate', '--check'], copy);
    expect(code).toBe(1);
    expect(stderr).toContain('run `npx api-contracts generate` and commit the result');
    expect(stderr).toContain('  spec/ncp-dataforest/openapi.json\n');
    expect(stderr).toContain(
      'spec/huawei-dds/openapi.json changed since its last release without a version bump: huawei-dds 1.0.0 → 1.0.1 (patch: 0 breaking, 0 warning, 1 info) — run `npx api-contracts release --service huawei-dds` and commit releases/ and spec/\n',
    );
  });
});

describe('command line', () => {
  test.each([
    ['unknown command', ['generat'], /^api-contracts: unknown command 'generat'\. Commands: generate, mock, test, diff, release\n$/],
    ['unknown flag', ['generate', '--chek'], /^api-contracts generate: Unknown option '--chek'.*\(see `api-contracts generate --help`\)$/m],
    ['stray argument', ['generate', 'spec'], /^api-contracts generate: Unexpected argument 'spec'/],
  ])('%s is a usage error (exit 2, one line, no stack)', async (_name, argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test.each(['generate', 'mock', 'test', 'diff', 'release'])('%s --help prints its usage', async (name) => {
    const { code, stdout } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: api-contracts ${name}`));
  });
});
