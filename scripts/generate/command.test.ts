import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Artifacts, generateArtifacts, MANIFEST } from '../../contract-tests/spec/artifacts.ts';
import { readReleases } from '../../contract-tests/spec/baseline.ts';
import { staleFiles } from '../../contract-tests/spec/write-spec.ts';
import { services } from '../../schemas/index.ts';
import { main } from '../cli.ts';

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

  test('names an edited, a missing and a no-longer-generated file, and leaves files it never wrote alone', async () => {
    await writeFile(join(copy, 'spec/ncp-dataforest/openapi.json'), '{}\n');
    await rm(join(copy, 'spec/huawei-dds/openapi.yaml'));
    await writeFile(join(copy, 'spec/CNAME'), 'api.example.com\n');
    await writeFile(join(copy, 'spec/old.json'), '{}\n');
    await writeManifest(copy, ['spec/old.json']);
    expect(await staleFiles(copy, artifacts)).toEqual([
      'spec/.generated.json',
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
    const { version } = released.info;
    expect(stderr).toContain(
      `spec/huawei-dds/openapi.json changed since its last release without a version bump: huawei-dds ${version} → ${semver.inc(version, 'patch')} (patch: 0 breaking, 0 warning, 1 info) — run \`npx api-contracts release --service huawei-dds\` and commit releases/ and spec/\n`,
    );
  });
});

/** The manifest an earlier run would have left had it also generated `extra`. */
async function writeManifest(dir: string, extra: string[]) {
  const manifest = JSON.parse(await readFile(join(root, MANIFEST), 'utf8'));
  manifest.files = [...manifest.files, ...extra].sort();
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

describe('generate writes and removes only the files it generates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-contracts-generate-'));
    await cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
    await cp(join(root, 'releases'), join(dir, 'releases'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('a CNAME and hand-written files survive; a file it generated before and no longer does is removed', async () => {
    await writeFile(join(dir, 'spec/CNAME'), 'api.example.com\n');
    await mkdir(join(dir, 'spec/guides'));
    await writeFile(join(dir, 'spec/guides/index.html'), '<p>hand-written</p>\n');
    await mkdir(join(dir, 'spec/retired-service'));
    await writeFile(join(dir, 'spec/retired-service/openapi.json'), '{}\n');
    await writeManifest(dir, ['spec/retired-service/openapi.json']);

    expect((await cli(['generate'], dir)).code).toBe(0);

    expect(await readdir(join(dir, 'spec'))).toEqual([
      '.generated.json',
      'CNAME',
      'guides',
      'huawei-dcs',
      'huawei-dds',
      'index.html',
      'ncp-dataforest',
    ]);
    expect(await readFile(join(dir, 'spec/CNAME'), 'utf8')).toBe('api.example.com\n');
    expect(await readFile(join(dir, 'spec/guides/index.html'), 'utf8')).toBe('<p>hand-written</p>\n');
    expect(await readFile(join(dir, MANIFEST), 'utf8')).toBe(await readFile(join(root, MANIFEST), 'utf8'));
    expect(await cli(['generate', '--check'], dir)).toEqual({
      code: 0,
      stdout: 'spec/ is up to date (14 files) and released\n',
      stderr: '',
    });
  });

  test.each([
    ['not JSON', '{"files": ['],
    ['a path outside spec/', '{"files": ["spec/../package.json"]}'],
    ['no file list', '{}'],
  ])('a manifest with %s is a one-line error (exit 2), and nothing is removed', async (_name, text) => {
    await writeFile(join(dir, 'spec/CNAME'), 'api.example.com\n');
    await writeFile(join(dir, MANIFEST), text);
    expect(await cli(['generate'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'api-contracts generate: spec/.generated.json is not a list of files under spec/; restore it with `git checkout -- spec/.generated.json`\n',
    });
    expect(await readFile(join(dir, 'spec/CNAME'), 'utf8')).toBe('api.example.com\n');
  });
});

describe('command line', () => {
  test.each([
    [
      'unknown command',
      ['generat'],
      /^api-contracts: unknown command 'generat'\. Commands: generate, mock, test, diff, release, proxy, history\n$/,
    ],
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
