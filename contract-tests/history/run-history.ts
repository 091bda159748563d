import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../scripts/cli/command.ts';
import { makeDirectories } from '../runner/report-files.ts';
import { analyze } from './analyze.ts';
import { readHistory } from './store.ts';
import { sinceLastGreen } from './summary.ts';

export interface HistoryDir {
  /** As given on the command line, for messages. */
  given: string;
  path: string;
}

/**
 * `--history DIR`, checked before the run as report paths are, so a long live run never ends unable to record
 * itself: the directory is created if need be and must take a new file.
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

/** The "since the last green run" summary of the services just recorded (`files`, as appendRun names them). */
export async function sinceLastGreenOf(dir: string, files: readonly string[]): Promise<{ markdown: string; warnings: string[] }> {
  const services = new Set(files.map((file) => file.split('/')[0]));
  const { runs, warnings } = await readHistory(dir);
  const histories = analyze(runs.filter((run) => services.has(run.service)));
  return { markdown: histories.length === 0 ? '' : `${sinceLastGreen(histories)}\n`, warnings };
}
