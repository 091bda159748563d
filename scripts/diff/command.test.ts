import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { runDiffCommand } from './command.ts';
import { at, fixtureSpec } from './fixture.ts';
import type { Node } from './openapi.ts';

const git = promisify(execFile);

async function runDiff(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runDiffCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

/** The fixture after edits a reviewer wants to hear about: two breaking, one warning, one info. */
function editedSpec(): Node {
  const spec = fixtureSpec();
  at(spec, 'paths', '/api/v2/accounts/getDetail', 'post').operationId = 'getAccountDetail';
  const detail = at(spec, 'components', 'schemas', 'GetAccountDetailResponse', 'properties');
  at(detail, 'quotas').xml = { wrapped: true };
  detail.createdAt = { type: 'string', format: 'date-time' };
  delete at(spec, 'components', 'schemas', 'GetAccountListRequest', 'properties').limit;
  return spec;
}

/** The fixture with one warning-level change: a request field removed. */
function warningOnlySpec(): Node {
  const spec = fixtureSpec();
  delete at(spec, 'components', 'schemas', 'GetAccountListRequest', 'properties').limit;
  return spec;
}

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-contracts-diff-'));
  await writeFile(join(dir, 'old.json'), JSON.stringify(fixtureSpec(), null, 2));
  await writeFile(join(dir, 'old.yaml'), stringify(fixtureSpec()));
  await writeFile(join(dir, 'new.json'), JSON.stringify(editedSpec(), null, 2));
  await writeFile(join(dir, 'warning.json'), JSON.stringify(warningOnlySpec(), null, 2));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('api-contracts diff of a spec against itself', () => {
  test.each([
    { format: 'text', stdout: 'no changes\n' },
    { format: 'json', stdout: '[]\n' },
    { format: 'md', stdout: '### API diff: old.json → old.yaml\n\nNo changes.\n\n' },
  ])('reports nothing as $format and exits 0, even with --fail-on warning', async ({ format, stdout }) => {
    const result = await runDiff(['old.json', 'old.yaml', '--format', format, '--fail-on', 'warning'], dir);
    expect(result).toEqual({ code: 0, stdout, stderr: '' });
  });
});

describe('api-contracts diff of an edited spec', () => {
  test('--fail-on breaking exits 1 with one readable line per change', async () => {
    const result = await runDiff(['old.json', 'new.json', '--fail-on', 'breaking'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "BREAKING  POST /api/v2/accounts/getDetail: operationId changed accountsGetDetail → getAccountDetail
      BREAKING  POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true
      WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed
      INFO      POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /createdAt: field added (optional)

      4 changes: 2 breaking, 1 warning, 1 info
      "
    `);
    expect(result.stderr).toBe('api-contracts diff: 2 change(s) at or above --fail-on breaking in new.json\n');
  });

  test.each([
    { name: 'breaking changes, no --fail-on (report only)', argv: ['old.json', 'new.json'], code: 0 },
    { name: 'breaking changes, --fail-on warning', argv: ['old.json', 'new.json', '--fail-on', 'warning'], code: 1 },
    { name: 'a warning, --fail-on breaking', argv: ['old.json', 'warning.json', '--fail-on', 'breaking'], code: 0 },
    { name: 'a warning, --fail-on warning', argv: ['old.json', 'warning.json', '--fail-on', 'warning'], code: 1 },
    { name: 'the edit reverted: a required request field added', argv: ['warning.json', 'old.json', '--fail-on', 'breaking'], code: 0 },
  ])('$name → exit $code', async ({ argv, code }) => {
    expect((await runDiff(argv, dir)).code).toBe(code);
  });

  test('--format json prints an array of changes', async () => {
    const { stdout } = await runDiff(['old.json', 'new.json', '--format', 'json'], dir);
    expect(JSON.parse(stdout)[1]).toEqual({
      rule: 'xml-wrapped-changed',
      severity: 'breaking',
      operation: 'getAccountDetail',
      method: 'POST',
      path: '/api/v2/accounts/getDetail',
      location: 'response 200 application/xml /quotas',
      message: 'xml.wrapped changed false → true',
    });
  });

  test('--format md prints a table for a PR comment or job summary', async () => {
    const { stdout } = await runDiff(['old.json', 'warning.json', '--format', 'md'], dir);
    expect(stdout).toMatchInlineSnapshot(`
      "### API diff: old.json → warning.json

      1 change: 0 breaking, 1 warning, 0 info

      | Severity | Operation | Location | Change | Rule |
      |---|---|---|---|---|
      | warning | \`POST /api/v2/accounts/getList\` | \`request application/json, application/xml /limit\` | field removed | \`request-field-removed\` |

      "
    `);
  });
});

describe('api-contracts diff with a git revision', () => {
  let repo = '';

  beforeAll(async () => {
    repo = join(dir, 'repo');
    await mkdir(join(repo, 'spec', 'ncp-dataforest'), { recursive: true });
    const specPath = join(repo, 'spec', 'ncp-dataforest', 'openapi.json');
    await writeFile(specPath, JSON.stringify(fixtureSpec(), null, 2));
    await git('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    await git('git', ['add', '.'], { cwd: repo });
    await git('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'spec'], { cwd: repo });
    await writeFile(specPath, JSON.stringify(warningOnlySpec(), null, 2));
  });

  test('reads OLD with git show and NEW from the working tree', async () => {
    const result = await runDiff(
      ['main:spec/ncp-dataforest/openapi.json', 'spec/ncp-dataforest/openapi.json', '--fail-on', 'warning'],
      repo,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed\n',
    );
  });

  test.each([
    { source: 'nope:spec/ncp-dataforest/openapi.json', reason: "invalid object name 'nope'" },
    { source: 'main:spec/huawei-dcs/openapi.json', reason: "path 'spec/huawei-dcs/openapi.json' does not exist in 'main'" },
  ])('a bad revision or path ($source) exits 2 naming it', async ({ source, reason }) => {
    const result = await runDiff([source, 'spec/ncp-dataforest/openapi.json'], repo);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`api-contracts diff: ${source}: not a file, and \`git show ${source}\` failed: fatal: `);
    expect(result.stderr).toContain(reason);
  });
});

describe('api-contracts diff usage errors exit 2 with one line', () => {
  test.each([
    {
      argv: ['old.json', 'new.json', '--colour'],
      stderr: "api-contracts diff: Unknown option '--colour' (see `api-contracts diff --help`)\n",
    },
    {
      argv: ['old.json', 'new.json', '--format', 'xml'],
      stderr: "api-contracts diff: --format must be one of text, json, md (got 'xml')\n",
    },
    {
      argv: ['old.json', 'new.json', '--fail-on', 'info'],
      stderr: "api-contracts diff: --fail-on must be one of breaking, warning (got 'info')\n",
    },
    {
      argv: ['missing.json', 'new.json'],
      stderr: 'api-contracts diff: missing.json: no such file (a git revision looks like main:spec/ncp-dataforest/openapi.json)\n',
    },
  ])('$argv', async ({ argv, stderr }) => {
    expect(await runDiff(argv, dir)).toEqual({ code: 2, stdout: '', stderr });
  });

  test('a missing NEW spec prints the usage', async () => {
    const result = await runDiff(['old.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^api-contracts diff: expected two specs, OLD and NEW \(got 1\)\n\nUsage: api-contracts diff OLD NEW/);
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await runDiff(['--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: api-contracts diff OLD NEW \[--fail-on breaking\|warning\] \[--format text\|json\|md\]\n/);
  });
});
