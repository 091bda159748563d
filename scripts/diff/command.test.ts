import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { at, fixtureSpec } from '../../contract-tests/spec/fixture.ts';
import type { Node } from '../../contract-tests/spec/openapi.ts';
import { runDiffCommand } from './command.ts';

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
  await writeFile(
    join(dir, 'acknowledged.yaml'),
    `# Intentional breaks of this release
- rule: operation-id-changed
  operation: POST /api/v2/accounts/getDetail
  reason: Renamed to match the vendor's SDK; clients regenerate in the same release.
  expires: 2999-12-31
- rule: xml-wrapped-changed
  operation: getAccountDetail
  location: /quotas
  reason: The vendor wraps quotas since v2.1.
  expires: 2999-12-31
`,
  );
  await writeFile(
    join(dir, 'expired.yaml'),
    `- rule: operation-id-changed
  operation: getAccountDetail
  reason: Renamed to match the vendor's SDK.
  expires: 2000-01-31
- rule: response-field-removed
  location: /name
  reason: Nothing removes it any more.
  expires: 2999-12-31
`,
  );
  await writeFile(join(dir, 'malformed.yaml'), '- rule: operation-id-changed\n  operation: getAccountDetail\n  expires: 2999-12-31\n');
  // What `--format github` points at: one operation file and one component declared in a shared file.
  await mkdir(join(dir, 'schemas', 'ncp-dataforest', 'accounts'), { recursive: true });
  // A file read first that only refers to the operation, as chained inputs do: not where it is declared.
  await writeFile(
    join(dir, 'schemas', 'ncp-dataforest', 'accounts', 'delete.ts'),
    "export const accountsDelete = defineOperation({\n  operationId: 'accountsDelete',\n  inputs: [{ target: '/body/id', from: { operationId: 'getAccountDetail', pointer: '/id' } }],\n});\n",
  );
  await writeFile(
    join(dir, 'schemas', 'ncp-dataforest', 'accounts', 'get-detail.ts'),
    "import { defineOperation } from '../../_shared/operation.ts';\n\nexport const accountsGetDetail = defineOperation({\n  operationId: 'getAccountDetail',\n});\n",
  );
  await writeFile(
    join(dir, 'schemas', 'ncp-dataforest', 'common.ts'),
    "export const Quota = z\n  .object({})\n  .meta({ id: 'Quota' });\n",
  );
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
      "BREAKING  POST /api/v2/accounts/getDetail: operationId changed accountsGetDetail → getAccountDetail [operation-id-changed]
      BREAKING  POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true [xml-wrapped-changed]
      WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed without being deprecated first [request-field-removed]
      INFO      POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /createdAt: field added (optional) [response-field-added]

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
      acknowledged: null,
    });
  });

  test('--format md prints a table for a PR comment or job summary', async () => {
    const { stdout } = await runDiff(['old.json', 'warning.json', '--format', 'md'], dir);
    expect(stdout).toMatchInlineSnapshot(`
      "### API diff: old.json → warning.json

      1 change: 0 breaking, 1 warning, 0 info

      | Severity | Operation | Location | Change | Rule |
      |---|---|---|---|---|
      | warning | \`POST /api/v2/accounts/getList\` | \`request application/json, application/xml /limit\` | field removed without being deprecated first | \`request-field-removed\` |

      "
    `);
  });
});

describe('api-contracts diff --acknowledged', () => {
  test('acknowledged breaks are reported apart and do not fail', async () => {
    const result = await runDiff(['old.json', 'new.json', '--fail-on', 'breaking', '--acknowledged', 'acknowledged.yaml'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed without being deprecated first [request-field-removed]
      INFO      POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /createdAt: field added (optional) [response-field-added]
      ACKED     POST /api/v2/accounts/getDetail: operationId changed accountsGetDetail → getAccountDetail [operation-id-changed, breaking; acknowledged until 2999-12-31: Renamed to match the vendor's SDK; clients regenerate in the same release.]
      ACKED     POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true [xml-wrapped-changed, breaking; acknowledged until 2999-12-31: The vendor wraps quotas since v2.1.]

      4 changes: 0 breaking, 1 warning, 1 info, 2 acknowledged
      "
    `);
  });

  test('each text line names what an entry needs: the rule id, the operation, the location', async () => {
    const { stdout } = await runDiff(['old.json', 'new.json', '--fail-on', 'breaking'], dir);
    const entries = stdout
      .split('\n')
      .map((line) => /^BREAKING {2}(\w+ \S+)(?: {2}\S+ \S+ \S+ (\S+))?: .* \[([a-z-]+)\]$/.exec(line))
      .filter((match) => match !== null)
      .map(([, operation, location, rule]) => ({ rule, operation, ...(location ? { location } : {}), reason: 'r', expires: '2999-12-31' }));
    expect(entries.map(({ rule, operation, location }) => [rule, operation, location])).toEqual([
      ['operation-id-changed', 'POST /api/v2/accounts/getDetail', undefined],
      ['xml-wrapped-changed', 'POST /api/v2/accounts/getDetail', '/quotas'],
    ]);
    await writeFile(join(dir, 'from-text.yaml'), stringify(entries));
    const result = await runDiff(['old.json', 'new.json', '--fail-on', 'breaking', '--acknowledged', 'from-text.yaml'], dir);
    expect([result.code, result.stdout.trim().split('\n').at(-1)]).toEqual([0, '4 changes: 0 breaking, 1 warning, 1 info, 2 acknowledged']);
  });

  test('the job summary lists them in their own table', async () => {
    const { stdout } = await runDiff(['old.json', 'new.json', '--format', 'md', '--acknowledged', 'acknowledged.yaml'], dir);
    expect(stdout).toMatchInlineSnapshot(`
      "### API diff: old.json → new.json

      4 changes: 0 breaking, 1 warning, 1 info, 2 acknowledged

      | Severity | Operation | Location | Change | Rule |
      |---|---|---|---|---|
      | warning | \`POST /api/v2/accounts/getList\` | \`request application/json, application/xml /limit\` | field removed without being deprecated first | \`request-field-removed\` |
      | info | \`POST /api/v2/accounts/getDetail\` | \`response 200 application/json, application/xml /createdAt\` | field added (optional) | \`response-field-added\` |

      #### Acknowledged breaks

      | Rule | Operation | Location | Change | Reason | Until |
      |---|---|---|---|---|---|
      | \`operation-id-changed\` | \`POST /api/v2/accounts/getDetail\` |  | operationId changed accountsGetDetail → getAccountDetail | Renamed to match the vendor's SDK; clients regenerate in the same release. | 2999-12-31 |
      | \`xml-wrapped-changed\` | \`POST /api/v2/accounts/getDetail\` | \`response 200 application/xml /quotas\` | xml.wrapped changed false → true | The vendor wraps quotas since v2.1. | 2999-12-31 |

      "
    `);
  });

  test('an expired entry acknowledges nothing, and it and an unused one are warnings', async () => {
    const result = await runDiff(['old.json', 'new.json', '--fail-on', 'breaking', '--acknowledged', 'expired.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "BREAKING  POST /api/v2/accounts/getDetail: operationId changed accountsGetDetail → getAccountDetail [operation-id-changed]
      BREAKING  POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true [xml-wrapped-changed]
      WARNING   expired.yaml:1: acknowledgement of operation-id-changed getAccountDetail expired on 2000-01-31: renew it or remove it [acknowledgement-expired]
      WARNING   expired.yaml:5: acknowledgement of response-field-removed /name matches no change: remove it [acknowledgement-unused]
      WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed without being deprecated first [request-field-removed]
      INFO      POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /createdAt: field added (optional) [response-field-added]

      6 changes: 2 breaking, 3 warning, 1 info
      "
    `);
  });

  test.each([
    { file: 'malformed.yaml', stderr: 'api-contracts diff: malformed.yaml:1: reason is missing: say why the break is intended\n' },
    { file: 'absent.yaml', stderr: 'api-contracts diff: absent.yaml: no such acknowledged-breaks file\n' },
  ])('$file: exit 2 naming the file and line', async ({ file, stderr }) => {
    expect(await runDiff(['old.json', 'new.json', '--acknowledged', file], dir)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('api-contracts diff --format github', () => {
  test('annotates the schema source of each operation or component, else the spec', async () => {
    const edited = editedSpec();
    at(edited, 'components', 'schemas', 'Quota', 'properties').spaceTb = { type: 'string' };
    at(edited, 'components', 'schemas', 'Quota').description = 'HDFS quota of one namespace.';
    await writeFile(join(dir, 'github.json'), JSON.stringify(edited, null, 2));
    const result = await runDiff(['old.json', 'github.json', '--format', 'github', '--acknowledged', 'expired.yaml'], dir);
    expect(result.stdout).toMatchInlineSnapshot(`
      "::error file=schemas/ncp-dataforest/accounts/get-detail.ts,line=4,title=operation-id-changed (breaking)::POST /api/v2/accounts/getDetail: operationId changed accountsGetDetail → getAccountDetail
      ::error file=schemas/ncp-dataforest/accounts/get-detail.ts,line=4,title=type-changed (breaking)::POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /quotas[]/spaceTb: type changed integer → string
      ::error file=schemas/ncp-dataforest/accounts/get-detail.ts,line=4,title=xml-wrapped-changed (breaking)::POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true
      ::warning file=expired.yaml,line=1,title=acknowledgement-expired (warning)::expired.yaml:1: acknowledgement of operation-id-changed getAccountDetail expired on 2000-01-31: renew it or remove it
      ::warning file=expired.yaml,line=5,title=acknowledgement-unused (warning)::expired.yaml:5: acknowledgement of response-field-removed /name matches no change: remove it
      ::warning file=github.json,title=request-field-removed (warning)::POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed without being deprecated first
      ::notice file=schemas/ncp-dataforest/common.ts,line=3,title=docs-changed (info)::#/components/schemas/Quota: description changed
      ::notice file=schemas/ncp-dataforest/accounts/get-detail.ts,line=4,title=response-field-added (info)::POST /api/v2/accounts/getDetail  response 200 application/json, application/xml /createdAt: field added (optional)
      8 changes: 3 breaking, 3 warning, 2 info
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
      'WARNING   POST /api/v2/accounts/getList  request application/json, application/xml /limit: field removed without being deprecated first [request-field-removed]\n',
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
      stderr: "api-contracts diff: --format must be one of text, json, md, github (got 'xml')\n",
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
    expect(result.stdout).toMatch(
      /^Usage: api-contracts diff OLD NEW \[--fail-on breaking\|warning\] \[--format text\|json\|md\|github\]\n/,
    );
  });
});
