import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedInputs } from './shared-inputs.ts';

const bin = join(REPO_ROOT, 'bin/api-contracts.js');

/** Runs the real CLI in a child process, as a user or CI does. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, 'import', ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const page = async (name: string, content: string | Uint8Array) => {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
};

/** Pages that are not operation pages, written for this test: each is refused in one line, exit 2, nothing written. */
const BAD = [
  { name: 'empty.txt', content: '', says: 'empty file' },
  { name: 'image.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), says: 'binary file' },
  { name: 'notes.txt', content: 'Shopping list\n- milk\n- bread\n', says: 'unknown layout' },
  {
    name: 'login.html',
    content: '<html><body><h1>Sign in</h1><form><p>Email</p><p>Password</p><p>Log in</p></form></body></html>',
    says: 'a sign-in page',
  },
  { name: 'error.html', content: '<html><body><h1>404 Not Found</h1><p>The page does not exist.</p></body></html>', says: 'an error page' },
  {
    name: 'no-uri.txt',
    content:
      'Deleting a Backup\nFunction\nDeletes a backup.\nURI\nStatus code: 200\nParameter\nType\nDescription\njob_id\nString\nJob.\nStatus Codes\n| Status Code | Description |\n|---|---|\n| 200 | OK |\n',
    says: 'no method and URI',
  },
  {
    name: 'truncated.txt',
    content:
      'Available in VPC\nStops a cluster.\nRequest\nMethod | URI |\n---|---|\nPOST | /api/v2/clusters/stop |\nRequest body\nField | Type | Required | Description |\n---|---|---|---|\nid |\nString | Required | Cluster id\n|\nRequest example\ncurl --request POST \'https://api.example.com/api/v2/clusters/stop\' --data \'{\n"id": "a1"\n',
    says: 'truncated page',
  },
];

describe('bad input', () => {
  it.each(BAD)('$name → exit 2: $says', async ({ name, content, says }) => {
    const file = await page(name, content);
    const result = await run([file, '--write', '--service', 'ncp-dataforest']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${file}: ${says}`);
  });

  it('refuses to overwrite an operation file without --force, and writes nothing', async () => {
    const shared = sharedInputs();
    if (!shared) {
      return;
    }
    const target = join(REPO_ROOT, 'schemas/ncp-dataforest/apps/kill-master.ts');
    const before = await readFile(target, 'utf8');
    const result = await run([join(shared.seeds, '000_0d6946aeeb36bb0c.txt'), '--write']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'api-contracts import: schemas/ncp-dataforest/apps/kill-master.ts: already exists: pass --force to replace it\n',
    );
    expect(await readFile(target, 'utf8')).toBe(before);
  });
});

describe('a page of an operation the project does not have', () => {
  const fixture = join(import.meta.dirname, 'new-operation.fixture.txt');

  it('imports into a file that compiles, passes Biome and generates', { timeout: 180_000 }, async () => {
    const ts = await run([fixture]);
    expect(ts.code).toBe(0);
    expect(ts.stdout).toContain('export const listBigkeyTasks = defineOperation({');
    expect(ts.stdout).toContain("path: '/v2/{project_id}/instances/{instance_id}/bigkey-tasks',");
    expect(ts.stdout).toContain("safety: 'read',");
    expect(ts.stdout).toContain('...huaweiErrors,');

    // Type-check it where --write would put it, through a tsconfig of its own under .tmp/.
    const scratch = join(REPO_ROOT, '.tmp', `import-compile-${randomUUID()}`);
    const at = join(REPO_ROOT, 'schemas/huawei-dcs/bigkey-tasks');
    const source = ts.stdout.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => {
      const moved = relative(scratch, resolve(at, spec));
      return `from '${moved.startsWith('.') ? moved : `./${moved}`}'`;
    });
    await mkdir(scratch, { recursive: true });
    try {
      await writeFile(join(scratch, 'list-bigkey-tasks.ts'), source);
      await writeFile(
        join(scratch, 'tsconfig.json'),
        JSON.stringify({ extends: '../../tsconfig.json', include: ['list-bigkey-tasks.ts'], exclude: [] }),
      );
      const tsc = await new Promise<{ code: number; out: string }>((done) =>
        execFile(
          process.execPath,
          [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(scratch, 'tsconfig.json')],
          (error, stdout) => done({ code: error ? 1 : 0, out: stdout }),
        ),
      );
      expect(tsc.out).toBe('');
      expect(tsc.code).toBe(0);

      // Biome with the project's rules (the repository's configuration ignores .tmp/, so a copy that does not).
      const config = JSON.parse(await readFile(join(REPO_ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
      await writeFile(
        join(scratch, 'biome.json'),
        JSON.stringify({ ...config, $schema: undefined, vcs: { enabled: false }, files: { includes: ['**/*.ts'] } }),
      );
      await writeFile(join(scratch, 'list-bigkey-tasks.ts'), ts.stdout);
      const biome = await new Promise<{ code: number; out: string }>((done) =>
        execFile(
          process.execPath,
          [join(REPO_ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'check', 'list-bigkey-tasks.ts'],
          { cwd: scratch },
          (error, stdout, stderr) => done({ code: error ? 1 : 0, out: `${stdout}${stderr}` }),
        ),
      );
      expect(biome.out).toContain('Checked 1 file');
      expect(biome.code).toBe(0);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }

    const openapi = await run([fixture, '--print', 'openapi']);
    expect(openapi.code).toBe(0);
    const doc = JSON.parse(openapi.stdout) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const op = doc.paths['/v2/{project_id}/instances/{instance_id}/bigkey-tasks']?.get;
    expect(op?.operationId).toBe('listBigkeyTasks');
    expect(Object.keys(op?.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '500']);
    expect(Object.keys(doc.paths)).toHaveLength(1);
    expect(existsSync(at)).toBe(false);
  });
});

const shared = sharedInputs();

describe.skipIf(!shared)('--check (docs drift) on saved pages (skipped: no ../shared beside the repository)', () => {
  const pages = shared?.vendorPages ?? '';

  it('reports the 2024 scanClients page documenting no 200 body, explained by a doc note; the 2025-12 page agrees', async () => {
    const old = await run(['--check', join(pages, 'huawei-dcs-scanclients-1.txt'), '--format', 'json']);
    expect(old.code).toBe(0);
    const changes = JSON.parse(old.stdout) as {
      rule: string;
      location: string;
      message: string;
      acknowledged: { reason: string } | null;
    }[];
    expect(changes.map((c) => [c.rule, c.location, c.message])).toEqual([
      ['response-field-removed', 'response 200 /job_id', 'the page now documents no 200 body; the schema has `/job_id` (string)'],
    ]);
    expect(changes[0]?.acknowledged?.reason).toMatch(/^One language edition documents a 200 body/);

    const current = await run(['--check', join(pages, 'huawei-dcs-scanclients-4.txt')]);
    expect([current.code, current.stdout]).toEqual([0, 'no changes\n']);
  });

  it('fails (exit 1) and says what changed when a page documents what the schema does not', async () => {
    const text = await readFile(join(pages, 'huawei-dcs-scanclients-6.txt'), 'utf8');
    const edited = await page(
      'scanclients-edited.txt',
      text
        .replace('clean_cache |\nNo |\nBoolean |', 'clean_cache |\nYes |\nString |')
        .replace(
          'Response Parameters',
          'Request Parameters\nParameter |\nMandatory |\nType |\nDescription |\n---|---|---|---|\nnode_id |\nYes |\nString |\nNode. |\nclean_cache |\nYes |\nString |\nWhether. |\nmax_count |\nNo |\nInteger |\nAt most this many. |\nResponse Parameters',
        ),
    );
    const result = await run(['--check', edited]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((l) => /^(BREAKING|WARNING|INFO) /.test(l))).toEqual([
      'BREAKING  POST /v2/{project_id}/instances/{instance_id}/clients  request body /clean_cache: the page now documents it as required; the schema says optional [request-field-made-required]',
      'BREAKING  POST /v2/{project_id}/instances/{instance_id}/clients  request body /clean_cache: the page now documents string; the schema says boolean [type-changed]',
      'INFO      POST /v2/{project_id}/instances/{instance_id}/clients  request body /max_count: the page now documents `/max_count` (integer); the schema has no such field [request-optional-field-added]',
    ]);
    expect(result.stderr).toBe(
      'api-contracts import --check: 3 difference(s) between the vendor pages and the schemas that no doc note explains\n',
    );
  });

  it.each(['md', 'github'])('writes the %s format', async (format) => {
    const result = await run(['--check', join(pages, 'huawei-dcs-scanclients-1.txt'), '--format', format]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      format === 'md' ? '#### Acknowledged breaks' : '::notice title=response-field-removed (breaking%2C acknowledged)::',
    );
  });

  it('checks the overview seed: its operations and error statuses agree with the model; an edited one does not', async () => {
    const overview = join(shared?.seeds ?? '', '001_e71a0affc6d13597.txt');
    const agreeing = await run(['--check', overview]);
    expect([agreeing.code, agreeing.stdout]).toEqual([0, 'no changes\n']);

    const text = await readFile(overview, 'utf8');
    const edited = await page(
      'overview-edited.txt',
      text
        .replace(
          'delete | Deletes the Data Forest account. |',
          'delete | Deletes the Data Forest account. |\nrename | Renames the account. |',
        )
        .replace(/^500 \|.*\n/m, ''),
    );
    const result = await run(['--check', edited]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((l) => /^(BREAKING|WARNING|INFO) /.test(l))).toEqual([
      'BREAKING  response 500: the overview no longer documents status 500; every operation answers it [response-status-removed]',
      'INFO      group Accounts rename: the overview now lists Accounts rename; no operation models it [operation-added]',
    ]);
  });
});
