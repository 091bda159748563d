import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../schemas/_shared/operation.ts';
import { CaseRecord, caseProblem, FORMAT_VERSION, RunRecord, recordProblem, type Shape } from './record.ts';
import { observeShape } from './shape.ts';
import { appendRun, readHistory, shapeKey } from './store.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'api-contracts-history-'));
  dirs.push(dir);
  return dir;
}

const shape: Shape = { f: { '': ['object'], '/status': ['string'] }, v: { '/status': ['RUNNING'] } };
const key = shapeKey(shape);

function record(at: string, shard: string, out: 'passed' | 'failed' = 'passed'): Omit<RunRecord, 'shapes'> {
  return {
    v: FORMAT_VERSION,
    at,
    run: at,
    service: 'ncp-dataforest',
    shard,
    source: 'test',
    target: 'live',
    cases: [{ op: 'accountsGetDetail', fmt: 'json', ex: 'default', out, http: 200, ms: 12, shape: key }],
  };
}

describe('the store', () => {
  it('each shard appends to its own file per month; a re-run appends, never rewrites; shapes are written once per file', async () => {
    const dir = await tempDir();
    const shapes = new Map([[key, shape]]);
    const files = [
      await appendRun(dir, record('2026-11-30T02:00:00.000Z', '1/2'), shapes),
      await appendRun(dir, record('2026-12-01T02:00:00.000Z', '1/2'), shapes),
      await appendRun(dir, record('2026-12-01T02:00:00.000Z', '2/2'), shapes),
    ];
    expect(files).toEqual([
      'ncp-dataforest/2026-11.shard-1of2.jsonl',
      'ncp-dataforest/2026-12.shard-1of2.jsonl',
      'ncp-dataforest/2026-12.shard-2of2.jsonl',
    ]);
    const before = await readFile(join(dir, files[1] as string), 'utf8');
    await appendRun(dir, record('2026-12-01T03:00:00.000Z', '1/2', 'failed'), shapes);
    const after = await readFile(join(dir, files[1] as string), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.split('\n').map((line) => line.includes('"shapes"'))).toEqual([true, false, false]);
    const { runs, warnings } = await readHistory(dir);
    expect(warnings).toEqual([]);
    expect(runs.map((r) => `${r.at} ${r.shard} ${r.cases[0]?.out} ${r.cases[0]?.shape?.v?.['/status']}`)).toEqual([
      '2026-11-30T02:00:00.000Z 1/2 passed RUNNING',
      '2026-12-01T02:00:00.000Z 1/2 passed RUNNING',
      '2026-12-01T02:00:00.000Z 2/2 passed RUNNING',
      '2026-12-01T03:00:00.000Z 1/2 failed RUNNING',
    ]);
    expect((await readHistory(dir, { since: '2026-12-01T02:30:00Z' })).runs.map((r) => r.at)).toEqual(['2026-12-01T03:00:00.000Z']);
  });

  it('a line cut short is left alone; the next record starts on a line of its own', async () => {
    const dir = await tempDir();
    const file = await appendRun(dir, record('2026-12-01T02:00:00.000Z', '1/1'), new Map([[key, shape]]));
    const path = join(dir, file);
    await appendFile(path, '{"v":1,"at":"2026-12-02T02:00');
    await appendRun(dir, record('2026-12-03T02:00:00.000Z', '1/1'), new Map([[key, shape]]));
    const { runs, warnings } = await readHistory(dir);
    expect(runs.map((r) => r.at)).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-03T02:00:00.000Z']);
    expect(warnings).toEqual([`${path}:2: not a whole JSON record (truncated or corrupt); skipped`]);
    expect(await readFile(path, 'utf8')).toContain('{"v":1,"at":"2026-12-02T02:00\n');
  });

  it.each([
    ['a corrupt line', '{"v":1,,}', 'not a whole JSON record (truncated or corrupt); skipped'],
    [
      'a record of a newer format version',
      JSON.stringify({ v: 2, at: '2027-01-01T00:00:00Z' }),
      'history format version 2 is newer than this api-contracts reads (1); skipped, upgrade to read it',
    ],
    ['something else', JSON.stringify({ v: 1, at: 'yesterday' }), 'not a history record (at: not an ISO time in UTC); skipped'],
  ])('%s: one warning naming file and line, the rest read, nothing rewritten', async (_, line, warning) => {
    const dir = await tempDir();
    const good = JSON.stringify({ ...record('2026-12-01T02:00:00.000Z', '1/1'), shapes: { [key]: shape } });
    const path = join(dir, 'ncp-dataforest', '2026-12.shard-1of1.jsonl');
    await mkdir(join(dir, 'ncp-dataforest'));
    const text = `${good}\n${line}\n${good.replace('02:00:00', '03:00:00')}\n`;
    await writeFile(path, text);
    const { runs, warnings } = await readHistory(dir);
    expect(runs.map((r) => r.at)).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z']);
    expect(warnings).toEqual([`${path}:2: ${warning}`]);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('a directory or file that cannot be read: one warning, the rest read', async () => {
    const dir = await tempDir();
    await appendRun(dir, record('2026-12-01T02:00:00.000Z', '1/1'), new Map([[key, shape]]));
    await mkdir(join(dir, 'ncp-dataforest', '2026-12.shard-2of2.jsonl'));
    const { runs, warnings } = await readHistory(dir);
    expect(runs).toHaveLength(1);
    expect(warnings).toEqual([`${join(dir, 'ncp-dataforest', '2026-12.shard-2of2.jsonl')}: cannot read the file (EISDIR); skipped`]);
    const missing = join(dir, 'nowhere');
    expect(await readHistory(missing)).toEqual({ runs: [], warnings: [`${missing}: cannot read the history directory (ENOENT)`] });
  });
});

describe('the observed shape keeps no id, secret or free text', () => {
  const Response = z
    .object({
      id: z.string(),
      status: z.enum(['RUNNING', 'STOPPED']),
      state: z.string(),
      nodeType: z.string(),
      message: z.string(),
      accessToken: z.string(),
      createdAt: z.iso.datetime(),
      tags: z.record(z.string(), z.string()),
      nodes: z.array(z.object({ role: z.string(), name: z.string() })),
    })
    .meta({ id: 'ShapeTestResponse', xml: { name: 'ShapeTestResponse' } });
  const operation = defineOperation({
    operationId: 'shapeTest',
    method: 'post',
    path: '/shape',
    summary: 'a test operation',
    description: 'a test operation',
    tags: ['Test'],
    docUrl: 'https://example.invalid/shape',
    safety: 'read',
    request: {},
    responses: { 200: { description: 'ok', body: Response } },
    examples: [],
  });
  const secret = 'Sk3cretValue';
  const body = {
    id: 'ArvQ8mZ2cLp4sWd7Tkfn',
    status: 'SUSPENDED',
    state: secret,
    nodeType: 'master',
    message: 'job 42 of df001 failed',
    accessToken: 'tok-1234',
    createdAt: '2026-12-01T02:00:00Z',
    tags: { 'owner-df001': 'alice' },
    nodes: [
      { role: 'Xa9b8C7d6E5f4', name: 'node-1' },
      { role: 'worker', name: 'node-2' },
    ],
  };
  const shape = observeShape(
    operation,
    'json',
    {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-auth-token': 'header-secret' },
      body: Buffer.from(JSON.stringify(body)),
    },
    [secret],
  );

  it('keeps paths, types and the values of enum-like fields only', () => {
    expect(shape).toEqual({
      f: {
        '': ['object'],
        '/accessToken': ['string'],
        '/createdAt': ['string'],
        '/id': ['string'],
        '/message': ['string'],
        '/nodeType': ['string'],
        '/nodes': ['array'],
        '/nodes/*': ['object'],
        '/nodes/*/name': ['string'],
        '/nodes/*/role': ['string'],
        '/state': ['string'],
        '/status': ['string'],
        '/tags': ['object'],
        '/tags/*': ['string'],
      },
      // `state` held a secret and `role` a generated token: neither field keeps any value of this answer.
      v: { '/nodeType': ['master'], '/status': ['SUSPENDED'] },
      a: { '/nodes': [2, 2] },
    });
  });

  it('no value of an id, a secret, a header, free text or a map key is in it', () => {
    const stored = JSON.stringify(shape);
    for (const value of [
      body.id,
      secret,
      'header-secret',
      body.message,
      body.accessToken,
      'owner-df001',
      'alice',
      'node-1',
      'Xa9b8C7d6E5f4',
      body.createdAt,
    ]) {
      expect(stored).not.toContain(value);
    }
  });
});

describe('the hand-written case check agrees with the documented schema', () => {
  const good = { op: 'a', fmt: 'json', ex: 'default', out: 'passed', http: 200, ms: 1.5, rules: ['x'], shape: 'k', n: 2 };
  it.each([
    ['a whole case', good],
    ['the fewest fields', { op: 'a', fmt: 'xml', ex: 'e', out: 'unverified' }],
    ['an unknown key', { ...good, extra: 1 }],
    ['another format', { ...good, fmt: 'yaml' }],
    ['another outcome', { ...good, out: 'green' }],
    ['a status with a fraction', { ...good, http: 200.5 }],
    ['a negative latency', { ...good, ms: -1 }],
    ['rules not strings', { ...good, rules: [1] }],
    ['a count of zero', { ...good, n: 0 }],
    ['no operation', { fmt: 'json', ex: 'e', out: 'passed' }],
    ['not an object', ['a']],
  ])('%s', (_, value) => {
    expect(caseProblem(value) === undefined).toBe(CaseRecord.safeParse(value).success);
  });

  const record = {
    v: 1,
    at: '2026-12-01T02:00:00.000Z',
    run: 'r',
    service: 's',
    shard: '1/4',
    source: 'test',
    target: 'live',
    cases: [good],
  };
  it.each([
    ['a whole record', { ...record, interrupted: true, shapes: { k: { f: { '': ['object'] } } } }],
    ['an unknown key', { ...record, extra: 1 }],
    ['a local time', { ...record, at: '2026-12-01T02:00:00' }],
    ['an empty run id', { ...record, run: '' }],
    ['a shard that is not I/N', { ...record, shard: '1' }],
    ['another source', { ...record, source: 'cron' }],
    ['interrupted false', { ...record, interrupted: false }],
    ['a bad case', { ...record, cases: [{ ...good, fmt: 'yaml' }] }],
    ['a bad shape', { ...record, shapes: { k: { f: { '': ['text'] } } } }],
  ])('record: %s', (_, value) => {
    expect(recordProblem(value) === undefined).toBe(RunRecord.safeParse(value).success);
  });
});
