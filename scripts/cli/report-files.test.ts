import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReportFiles, writeReportFile } from './report-files.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'api-contracts-reports-'));
  dirs.push(dir);
  return dir;
}

describe('report files', () => {
  it('checking creates the directories and leaves nothing else behind', async () => {
    const cwd = await tempDir();
    const files = await checkReportFiles(
      [
        ['json', 'reports/deep/report.json'],
        ['md', 'report.md'],
      ],
      cwd,
    );
    expect(files.map((f) => [f.kind, f.file, f.path])).toEqual([
      ['json', 'reports/deep/report.json', join(cwd, 'reports/deep/report.json')],
      ['md', 'report.md', join(cwd, 'report.md')],
    ]);
    expect([await readdir(cwd), await readdir(join(cwd, 'reports/deep'))]).toEqual([['reports'], []]);
  });

  it('an existing report is replaced whole, with no temporary file left', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'report.md'), 'the last run');
    const [file] = await checkReportFiles([['md', 'report.md']], cwd);
    await writeReportFile(file as NonNullable<typeof file>, 'this run\n');
    expect([await readFile(join(cwd, 'report.md'), 'utf8'), await readdir(cwd)]).toEqual(['this run\n', ['report.md']]);
  });

  it('a directory that vanished during the run is one line naming the flag, not a stack trace', async () => {
    const cwd = await tempDir();
    const [file] = await checkReportFiles([['junit', 'out/junit.xml']], cwd);
    await rm(join(cwd, 'out'), { recursive: true });
    await expect(writeReportFile(file as NonNullable<typeof file>, '<testsuites/>')).rejects.toMatchObject({
      name: 'UsageError',
      message: '--report junit=out/junit.xml: cannot write the report (the directory is gone)',
    });
  });

  it.each([
    [
      'a directory on a file system that refuses it (procfs)',
      'json',
      '/proc/api-contracts/report.json',
      '--report json=/proc/api-contracts/report.json: cannot create the directory /proc/api-contracts (the file system does not allow it)',
    ],
    [
      'a file in the way of the directory',
      'md',
      'a-file/report.md',
      '--report md=a-file/report.md: cannot create the directory a-file (a file is in the way)',
    ],
    [
      'a directory named as the report',
      'junit',
      'reports/',
      '--report junit=reports/: is a directory; name a file in it, e.g. --report junit=reports/report.xml',
    ],
  ])('%s is one line naming the flag, before the run', async (_, kind, file, message) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'a-file'), '');
    await expect(checkReportFiles([[kind, file]], cwd)).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringContaining(message),
    });
  });
});
