import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { specJson } from '../../contract-tests/spec/artifacts.ts';
import { baselinePath, changelogPath } from '../../contract-tests/spec/baseline.ts';
import { at } from '../../contract-tests/spec/fixture.ts';
import type { Node } from '../../contract-tests/spec/openapi.ts';
import { services } from '../../schemas/index.ts';
import { main } from '../cli.ts';
import { cutReleases } from './command.ts';

function service(id: string) {
  const found = services.find((s) => s.id === id);
  if (!found) {
    throw new Error(`${id} is not in schemas/index.ts`);
  }
  return found;
}
const dds = service('huawei-dds');

let dir = '';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env });
  return { code, stdout, stderr };
}

const read = (path: string) => readFile(join(dir, path), 'utf8');

/** Rewrites the recorded baseline of huawei-dds, as if the last release had been a different spec. */
async function recordBaseline(version: string, edit: (spec: Node) => void, changelog: string) {
  const spec = JSON.parse(specJson(dds, version)) as Node;
  edit(spec);
  await writeFile(join(dir, baselinePath('huawei-dds')), `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(join(dir, changelogPath('huawei-dds')), changelog);
}

const PREVIOUS = '# Changelog: Huawei Cloud DDS session management\n\nIntro.\n\n## 1.2.0 — 2026-01-05\n\nEarlier entry.\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-contracts-release-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cutReleases', () => {
  test('a service never released gets 1.0.0: its baseline is the spec at that version', async () => {
    const cut = await cutReleases(dir, [dds], '2026-03-01');
    expect(cut.map((p) => `${p.service} ${p.from} → ${p.to}`)).toEqual(['huawei-dds 0.0.0 → 1.0.0']);
    expect(await read(baselinePath('huawei-dds'))).toBe(specJson(dds, '1.0.0'));
    expect(await read(changelogPath('huawei-dds'))).toContain('## 1.0.0 — 2026-03-01\n\nFirst release: 3 operations.\n');
  });

  test('nothing changed since: nothing to release', async () => {
    expect(await cutReleases(dir, [dds], '2026-03-02')).toEqual([]);
  });

  test('an operation added since the release → minor, with the entry on top of the earlier ones', async () => {
    await recordBaseline('1.2.0', (spec) => delete at(spec, 'paths')['/v3/{project_id}/instances'], PREVIOUS);
    const [pending] = await cutReleases(dir, [dds], '2026-03-03');
    expect(pending).toMatchObject({ from: '1.2.0', to: '1.3.0', bump: 'minor' });
    const changelog = await read(changelogPath('huawei-dds'));
    expect(changelog).toMatch(
      /^# Changelog: Huawei Cloud DDS session management\n\nIntro\.\n\n## 1\.3\.0 — 2026-03-03\n\nBackward compatible/,
    );
    expect(changelog).toContain('- `GET /v3/{project_id}/instances`: operation added (`operation-added`)\n\n## 1.2.0 — 2026-01-05');
    expect(JSON.parse(await read(baselinePath('huawei-dds'))).info.version).toBe('1.3.0');
  });

  test('a response field the release had and the spec lost → major', async () => {
    await recordBaseline(
      '1.3.0',
      (spec) => {
        at(spec, 'components', 'schemas', 'DdsSession', 'properties').legacy_id = { type: 'string' };
      },
      PREVIOUS,
    );
    const [pending] = await cutReleases(dir, [dds], '2026-03-04');
    expect(pending).toMatchObject({ from: '1.3.0', to: '2.0.0', bump: 'major' });
    expect(await read(changelogPath('huawei-dds'))).toContain('### Breaking\n\n- `GET /v3/{project_id}/nodes/{node_id}/sessions` ');
  });
});

describe('api-contracts release', () => {
  test('--dry-run says what it would release and writes nothing', async () => {
    await recordBaseline(
      '2.0.0',
      (spec) => {
        at(spec, 'info').description = 'Older words.';
      },
      PREVIOUS,
    );
    const before = await read(baselinePath('huawei-dds'));
    const result = await cli(['release', '--service', 'huawei-dds', '--dry-run']);
    expect(result).toEqual({
      code: 0,
      stdout: 'Would release:\n  huawei-dds 2.0.0 → 2.0.1 (patch: 0 breaking, 0 warning, 1 info)\n',
      stderr: '',
    });
    expect(await read(baselinePath('huawei-dds'))).toBe(before);
  });

  test('an unknown service is a usage error', async () => {
    expect(await cli(['release', '--service', 'huawei-ddx'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "api-contracts release: unknown service 'huawei-ddx' (services: ncp-dataforest, huawei-dcs, huawei-dds)\n",
    });
  });

  test('releases, regenerates spec/ at the new version, and generate --check then passes', async () => {
    const result = await cli(['release'], { SOURCE_DATE_EPOCH: '1772409600' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  huawei-dds 2.0.0 → 2.0.1 (patch: 0 breaking, 0 warning, 1 info)  releases/huawei-dds/CHANGELOG.md\n',
    );
    expect(result.stdout).toContain('  ncp-dataforest 0.0.0 → 1.0.0 (first release)  releases/ncp-dataforest/CHANGELOG.md\n');
    expect(await read('releases/huawei-dds/CHANGELOG.md')).toContain('## 2.0.1 — 2026-03-02\n\nDocumentation only.\n');
    expect(await read('spec/huawei-dds/openapi.json')).toBe(specJson(dds, '2.0.1'));
    expect(await read('spec/huawei-dds/CHANGELOG.md')).toBe(await read('releases/huawei-dds/CHANGELOG.md'));
    expect(await read('spec/index.html')).toMatch(
      /<code>huawei-dds<\/code><\/td>\s*<td>2\.0\.1<\/td>\s*<td>3<\/td>\s*<td>.*<a href="huawei-dds\/CHANGELOG\.md">changelog<\/a><\/td>/,
    );
    expect(await cli(['generate', '--check'])).toMatchObject({ code: 0, stderr: '' });
  });
});
