import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

/** The nightly workflow's own logic: which services run live, what credentials reach them, when Pages publishes. */

const root = join(import.meta.dirname, '..');
const script = join(root, '.github/api-contracts/select-services.mjs');

function selectServices(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'api-contracts-workflow-'));
  try {
    const output = join(dir, 'output');
    const summary = join(dir, 'summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const run = spawnSync(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
      encoding: 'utf8',
    });
    return { code: run.status, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8'), stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NCP = { NCP_ACCESS_KEY: 'ak', NCP_SECRET_KEY: 'sk' };
const NCP_URL = '--base-url ncp-dataforest=https://df.apigw.ntruss.com';
const DCS_URL = '--base-url huawei-dcs=https://dcs.ap-southeast-1.myhuaweicloud.com';
const DDS_URL = '--base-url huawei-dds=https://dds.ap-southeast-1.myhuaweicloud.com';

describe('select-services: a service nobody configured is skipped with a notice, never a failure', () => {
  test.each([
    ['only NCP secrets', NCP, 0, `run=true\nargs=${NCP_URL}\n`, ['huawei-dcs', 'huawei-dds']],
    ['Huawei AK/SK only', { HUAWEI_AK: 'a', HUAWEI_SK: 's' }, 0, `run=true\nargs=${DCS_URL} ${DDS_URL}\n`, ['ncp-dataforest']],
    ['a Huawei token', { HUAWEI_AUTH_TOKEN: 't', HUAWEI_PROJECT_ID: 'p' }, 0, `run=true\nargs=${DCS_URL} ${DDS_URL}\n`, ['ncp-dataforest']],
    [
      'Huawei IAM password, another region',
      { HUAWEI_IAM_USER: 'u', HUAWEI_IAM_PASSWORD: 'p', HUAWEI_IAM_DOMAIN: 'd', HUAWEI_PROJECT_ID: 'x', HUAWEI_REGION: 'cn-north-4' },
      0,
      'run=true\nargs=--base-url huawei-dcs=https://dcs.cn-north-4.myhuaweicloud.com --base-url huawei-dds=https://dds.cn-north-4.myhuaweicloud.com\n',
      ['ncp-dataforest'],
    ],
    ['half an AK/SK pair: not run, and not taken for no credentials', { HUAWEI_AK: 'a' }, 0, 'run=false\nargs=\n', ['ncp-dataforest']],
    ['no secrets at all: nothing runs, exit 0', {}, 0, 'run=false\nargs=\n', ['ncp-dataforest', 'huawei-dcs', 'huawei-dds']],
    [
      'API_CONTRACTS_SERVICES names what runs, credentials or not',
      { API_CONTRACTS_SERVICES: 'huawei-dds, ncp-dataforest' },
      0,
      `run=true\nargs=${NCP_URL} ${DDS_URL}\n`,
      [],
    ],
    ['API_CONTRACTS_SERVICES naming an unknown service', { API_CONTRACTS_SERVICES: 'aws' }, 2, '', []],
  ])('%s', (_name, env, code, output, skipped) => {
    const run = selectServices(env);
    expect({ code: run.code, output: run.output }).toEqual({ code, output });
    expect([...run.summary.matchAll(/^- (\S+): skipped, no credentials/gm)].map((m) => m[1])).toEqual(skipped);
  });
});

test('select-services: half-set credentials are skipped with a warning that names the missing variable', () => {
  const run = selectServices({ ...NCP, HUAWEI_IAM_USER: 'u', HUAWEI_IAM_PASSWORD: 'p' });
  expect(run.output).toBe(`run=true\nargs=${NCP_URL}\n`);
  expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning::'))).toEqual(
    ['huawei-dcs', 'huawei-dds'].map(
      (id) =>
        `::warning::${id}: skipped, incomplete credentials: HUAWEI_IAM_DOMAIN, HUAWEI_PROJECT_ID not set (beside HUAWEI_IAM_USER, HUAWEI_IAM_PASSWORD)`,
    ),
  );
});

describe('the workflow file', () => {
  const workflow = parse(readFileSync(join(root, '.github/workflows/api-contracts.yml'), 'utf8')) as {
    jobs: Record<
      string,
      {
        if?: string;
        needs?: string | string[];
        steps: { name?: string; id?: string; if?: string; env?: Record<string, string>; uses?: string }[];
      }
    >;
  };
  // Every credential variable the user docs name, found in their text rather than listed twice here.
  const docs = existsSync(join(root, 'docs')) ? readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')) : [];
  const text = [join(root, 'README.md'), ...docs.map((f) => join(root, 'docs', f))].map((f) => readFileSync(f, 'utf8')).join('\n');
  const documented = [...new Set(text.match(/\b(?:NCP|HUAWEI)_[A-Z_]+\b/g) ?? [])].filter((name) => name !== 'HUAWEI_REGION').sort();

  test('the live test step receives every credential variable the README documents', () => {
    const live = workflow.jobs.live?.steps.find((s) => s.name?.startsWith('Contract suite against the live APIs'));
    expect(documented).toEqual(expect.arrayContaining(['HUAWEI_AUTH_TOKEN', 'HUAWEI_IAM_PASSWORD', 'NCP_SECRET_KEY']));
    expect(documented.filter((name) => live?.env?.[name] === undefined)).toEqual([]);
    expect(live?.if).toBe("steps.services.outputs.run == 'true'");
  });

  test('the Pages job deploys only once it found Pages enabled', () => {
    const steps = workflow.jobs.pages?.steps ?? [];
    expect(steps[0]?.id).toBe('pages');
    expect(steps.slice(1).filter((s) => s.if !== "steps.pages.outputs.enabled == 'true'")).toEqual([]);
  });

  test('the Pages job also runs after the nightly run, whatever its verdict, so the status pages show that night', () => {
    const pages = workflow.jobs.pages;
    expect({ needs: pages?.needs, if: pages?.if }).toEqual({
      needs: 'live-history',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      if: "${{ always() && (github.event_name == 'push' || github.event_name == 'schedule') }}",
    });
  });
});
