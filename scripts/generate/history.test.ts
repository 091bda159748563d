import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FORMAT_VERSION, type RunRecord } from '../../contract-tests/history/record.ts';
import { appendRun } from '../../contract-tests/history/store.ts';
import { publishHistory } from './history.ts';

const root = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

it('generate --history writes the status pages into spec/ and links them from the docs index, once', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'api-contracts-generate-history-'));
  dirs.push(cwd);
  await mkdir(join(cwd, 'spec'));
  await copyFile(join(root, 'spec', 'index.html'), join(cwd, 'spec', 'index.html'));
  const record: Omit<RunRecord, 'at' | 'shapes'> = {
    v: FORMAT_VERSION,
    run: 'r1',
    service: 'huawei-dds',
    shard: '1/1',
    source: 'test',
    target: 'live',
    cases: [{ op: 'listInstances', fmt: 'json', ex: 'default', out: 'passed', http: 200, ms: 40 }],
  };
  await appendRun(join(cwd, 'hist'), { ...record, at: '2026-12-01T02:00:00.000Z' }, new Map());
  for (let i = 0; i < 2; i += 1) {
    expect(await publishHistory(cwd, 'hist')).toEqual({ warnings: [], pages: ['spec/history.html', 'spec/huawei-dds/history.html'] });
  }
  const index = await readFile(join(cwd, 'spec', 'index.html'), 'utf8');
  expect(index.match(/href="history.html"/g)).toHaveLength(1);
  expect(await readFile(join(cwd, 'spec', 'huawei-dds', 'history.html'), 'utf8')).toContain('<code>listInstances</code>');
  await expect(publishHistory(cwd, 'nowhere')).rejects.toThrow('--history nowhere: no such directory');
});
