import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { main } from '../scripts/cli.ts';
import { type Served, serve } from './support/drifts.ts';
import { startNcpStandIn } from './support/ncp-stand-in.ts';
import type { DriftHook, StandIn } from './support/stand-in.ts';

/**
 * The history as a team lives with it: nightly runs against a stand-in Data Forest recorded with `--history`,
 * three faithful, then one where the vendor changed four things at once. `history` must name each of them, and
 * report.md must open with what changed since the last green run.
 */
const credentials = { accessKey: 'HISTORYACCESSKEY0001', secretKey: 'history-secret-0123456789abcdef' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };
const operations = ['accountsGetList', 'accountsGetDetail', 'appsGetList', 'notebooksGetVpcList', 'notebooksGetVpcDetail'];

/** The four changes of the drifting night. */
const drifting: DriftHook = (operation, example, format, faithful) => {
  if (example.name !== 'default' || format !== 'json') {
    return undefined;
  }
  const body = structuredClone(faithful.body) as Record<string, unknown>;
  const answer = (edited: Record<string, unknown>): Served => serve(operation, 'json', faithful.status, edited);
  switch (operation.operationId) {
    case 'accountsGetDetail':
      // A required field removed, and a status value the schema does not know.
      delete body.name;
      return answer({ ...body, status: 'SUSPENDED' });
    case 'appsGetList':
      // An optional field no longer sent: nothing fails.
      for (const app of body.contents as Record<string, unknown>[]) {
        delete app.accountName;
      }
      return answer(body);
    case 'notebooksGetVpcList':
      // No VPC any more (and a count the schema does not have): the VPC detail read has no id to ask for, so its
      // examples start to be skipped.
      return answer({ ...body, contents: [], totalRows: 0 });
    default:
      return undefined;
  }
};

let standIn: StandIn;
let cwd: string;
const outputs: string[] = [];

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), cwd, env });
  outputs.push(...stdout, ...stderr);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

const night = (n: number) =>
  cli([
    'test',
    '--base-url',
    `ncp-dataforest=${standIn.url}`,
    '--format',
    'json',
    ...operations.flatMap((op) => ['--operation', op]),
    '--history',
    'history',
    '--report',
    `md=night-${n}.md`,
  ]);

/** Dates and times vary from run to run; the lines are compared without them. */
const undated = (text: string) => text.replaceAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, 'WHEN');

beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
  cwd = await mkdtemp(join(tmpdir(), 'api-contracts-history-'));
  for (const n of [1, 2, 3]) {
    expect((await night(n)).code).toBe(0);
  }
  standIn.drift = drifting;
  expect((await night(4)).code).toBe(1);
}, 120_000);
afterAll(async () => {
  await standIn?.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('history after three green nights and a drifting one', () => {
  it('names the failure, the field removed, the new enum value, the optional field gone and the example now skipped', async () => {
    const { code, stdout, stderr } = await cli(['history', 'history']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = undated(stdout).split('\n');
    expect(lines[0]).toBe(
      'ncp-dataforest: 4 runs since WHEN; latest (live) WHEN is red (8 passed, 2 failed, 0 could not verify, 2 skipped); last green run WHEN',
    );
    for (const line of [
      'Newly failing:',
      '  accountsGetDetail json: red since WHEN (response-enum-value, response-missing-field)',
      'Not verified:',
      '  notebooksGetVpcDetail [default] json: not verified for 1 run (chain-skipped), last verified WHEN',
      'Fields gone:',
      '  accountsGetDetail [default] json /name: gone since WHEN, after 3 runs that all had it',
      '  appsGetList [default] json /contents/*/accountName: gone since WHEN, after 3 runs that all had it',
      '  notebooksGetVpcList [default] json /contents/*/vpcNo: gone since WHEN, after 3 runs that all had it',
      'New fields:',
      '  notebooksGetVpcList [default] json /totalRows (number): new since WHEN',
      'New values:',
      '  accountsGetDetail [default] json /status: SUSPENDED new since WHEN (seen before: RUNNING)',
    ]) {
      expect(lines).toContain(`  ${line}`);
    }
  });

  it('as JSON, for a workflow to act on', async () => {
    const { stdout } = await cli(['history', 'history', '--format', 'json', '--service', 'ncp-dataforest']);
    const [service] = JSON.parse(stdout).services;
    expect(service.latest.green).toBe(false);
    expect(service.newlyFailing.map((t: { op: string }) => t.op)).toEqual(['accountsGetDetail']);
    // The stand-in answers the schema sample's request (its id chained from the same list) as it answers the default one.
    expect(service.newValues.map((v: { ex: string; path: string; values: string[] }) => `${v.ex} ${v.path} ${v.values}`)).toEqual([
      'default /status SUSPENDED',
      'schema-sample /status SUSPENDED',
    ]);
    expect(service.coverage.map((g: { op: string; ex: string; reason: string }) => `${g.op} ${g.ex} ${g.reason}`)).toEqual([
      'notebooksGetVpcDetail default chain-skipped',
      'notebooksGetVpcDetail schema-sample chain-skipped',
    ]);
  });

  it('report.md of the drifting night opens with what changed since the last green run', async () => {
    const report = undated(await readFile(join(cwd, 'night-4.md'), 'utf8'));
    expect(report.startsWith('## Since the last green run\n\n**ncp-dataforest**: red since WHEN; last green run WHEN.\n')).toBe(true);
    const summary = report.slice(0, report.indexOf('## API contracts'));
    for (const line of [
      '- **Failing**',
      '  - `accountsGetDetail` json: red since WHEN (response-enum-value, response-missing-field)',
      '  - `accountsGetDetail` [default] json `/name`: gone since WHEN, after 3 runs that all had it',
      '  - `appsGetList` [default] json `/contents/*/accountName`: gone since WHEN, after 3 runs that all had it',
      '  - `accountsGetDetail` [default] json `/status`: `SUSPENDED` new since WHEN (seen before: RUNNING)',
      '  - `notebooksGetVpcDetail` [default] json: not verified for 1 run (chain-skipped), last verified WHEN',
    ]) {
      expect(summary.split('\n')).toContain(line);
    }
    // What a CI job puts in the issue: the same summary, from the history alone.
    const { stdout } = await cli(['history', 'history', '--last-green']);
    expect(await readFile(join(cwd, 'night-4.md'), 'utf8')).toContain(stdout);
    expect(stdout.startsWith('## Since the last green run\n')).toBe(true);
    // A green night after green nights: nothing changed (latency is not judged on fewer than five earlier runs).
    expect(undated(await readFile(join(cwd, 'night-3.md'), 'utf8'))).toMatch(
      /^## Since the last green run\n\n\*\*ncp-dataforest\*\*: green\.\n\n- nothing changed\n/,
    );
  });

  it('keeps no secret and no id or name the answers carried', async () => {
    const dir = join(cwd, 'history', 'ncp-dataforest');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    const stored = await readFile(join(dir, files[0] as string), 'utf8');
    expect(stored.trimEnd().split('\n')).toHaveLength(4);
    const answered = standIn.calls.map((call) => JSON.stringify(call.body)).join('\n');
    expect(answered).toContain('vpcNo');
    for (const value of [
      credentials.accessKey,
      credentials.secretKey,
      'ArvQ8mZ2cLp4sWd7Tkfn',
      'df001',
      'authorization',
      'x-ncp-apigw-signature-v2',
    ]) {
      expect(stored.toLowerCase()).not.toContain(value.toLowerCase());
    }
    expect(outputs.join('')).not.toContain(credentials.secretKey);
  });
});

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe.skipIf(!executablePath)('the status page (headless Chromium, offline)', () => {
  it('renders from file:// with no request at all, and shows the four runs', async () => {
    expect((await cli(['history', 'history', '--html', 'pages'])).code).toBe(0);
    for (const file of ['history.html', 'ncp-dataforest/history.html']) {
      expect(await readFile(join(cwd, 'pages', file), 'utf8')).not.toMatch(/<script|<link|https?:\/\//i);
    }
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      const sent: string[] = [];
      await page.route(/^(?!file:)/, (route) => {
        sent.push(route.request().url());
        return route.abort();
      });
      await page.goto(pathToFileURL(join(cwd, 'pages', 'history.html')).href, { waitUntil: 'load' });
      await page.getByRole('link', { name: 'ncp-dataforest' }).click();
      await page.waitForURL(/ncp-dataforest\/history\.html$/);
      const strip = page.getByRole('img', { name: 'accountsGetDetail json: last 4 runs' });
      const titles = await strip.locator('rect title').allTextContents();
      expect(titles.map((t) => t.replace(/^.*: /, ''))).toEqual(['passed', 'passed', 'passed', 'failed']);
      await expect(page.getByText('Fields gone').isVisible()).resolves.toBe(true);
      expect(await page.locator('li').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^accountsGetDetail \[default\] json \/status: SUSPENDED new since/)]),
      );
      expect(sent).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

test.runIf(!executablePath)('the status page offline check is skipped: Chromium is not installed (apt-get install chromium)', () => {
  expect(executablePath).toBeUndefined();
});
