import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './command.ts';
import { makeDirectories } from './report-files.ts';

export interface HistoryDir {
  /** As given on the command line, for messages. */
  given: string;
  path: string;
}

/**
 * `--history DIR` of `test` and `proxy`, checked before anything runs, as report paths are, so a long live run
 * never ends unable to record itself: the directory is created if need be and must take a new file.
 */
export async function openHistory(cwd: string, given: string, flag = '--history'): Promise<HistoryDir> {
  const path = resolve(cwd, given);
  try {
    await makeDirectories(path);
    const probe = join(path, `.api-contracts-${randomUUID()}.tmp`);
    await (await open(probe, 'wx')).close();
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${flag} ${given}: cannot write there (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`);
  }
  return { given: given.replace(/[/\\]+$/, ''), path };
}
