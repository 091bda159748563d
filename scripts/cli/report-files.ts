import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { REPORTERS } from '../../contract-tests/report/reporters.ts';
import { UsageError } from './command.ts';

/** One `--report KIND=FILE`: what the user wrote and where it goes. */
export interface ReportFile {
  kind: string;
  /** As given on the command line, for messages. */
  file: string;
  path: string;
}

const WHY: Record<string, string> = {
  ENOTDIR: 'a file is in the way',
  EEXIST: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'the directory is gone',
};

function why(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = WHY[code];
  return known ?? (code || (error instanceof Error ? error.message : String(error)));
}

/** `--report KIND=FILE` values, each checked to name a known reporter and a file. */
export function parseReports(values: readonly string[]): [kind: string, file: string][] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const kind = value.slice(0, Math.max(eq, 0));
    const file = value.slice(eq + 1);
    if (eq < 1 || file === '' || !Object.hasOwn(REPORTERS, kind)) {
      throw new UsageError(`--report ${value}: expected KIND=FILE with KIND one of ${Object.keys(REPORTERS).join(', ')}`);
    }
    return [kind, file];
  });
}

/** A file's status, or undefined when nothing is there. */
async function statOf(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest existing ancestor. Node's `{ recursive: true }` never returns
 * where a file system answers ENOENT for a child of a directory that exists (procfs: `--report json=/proc/x/r.json`
 * spun a core until killed): it takes ENOENT to mean a missing parent and retries forever.
 */
export async function makeDirectories(directory: string): Promise<void> {
  const missing: string[] = [];
  let at = directory;
  let found = await statOf(at);
  for (; found === undefined && dirname(at) !== at; found = await statOf(at)) {
    missing.unshift(at);
    at = dirname(at);
  }
  if (found !== undefined && !found.isDirectory()) {
    throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR' });
  }
  for (const level of missing) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') {
        throw error;
      }
    });
  }
}

/**
 * Every report path checked before the run, so an hour-long live run never ends in a file it cannot write: two
 * reports do not share a file, none names a directory, and each directory can be created and written to.
 * Any problem is a UsageError naming the flag.
 */
export async function checkReportFiles(requests: readonly (readonly [kind: string, file: string])[], cwd: string): Promise<ReportFile[]> {
  const files = requests.map(([kind, file]) => ({ kind, file, path: resolve(cwd, file) }));
  for (const [index, report] of files.entries()) {
    const flag = `--report ${report.kind}=${report.file}`;
    const earlier = files.slice(0, index).find((other) => other.path === report.path);
    if (earlier) {
      throw new UsageError(`${flag}: --report ${earlier.kind}=${earlier.file} writes the same file; give each report its own`);
    }
    if (/[/\\]$/.test(report.file) || (await statOf(report.path))?.isDirectory()) {
      const example = relative(cwd, join(report.path, `report.${report.kind === 'junit' ? 'xml' : report.kind}`)) || 'report';
      throw new UsageError(`${flag}: is a directory; name a file in it, e.g. --report ${report.kind}=${example.split(sep).join('/')}`);
    }
    const directory = dirname(report.path);
    try {
      await makeDirectories(directory);
    } catch (error) {
      // ENOENT for a directory whose parent exists: the file system does not hold directories there (procfs).
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file system does not allow it' : why(error);
      throw new UsageError(`${flag}: cannot create the directory ${dirname(report.file)} (${reason})`);
    }
    try {
      // Writing a probe is the only test that holds for root and read-only mounts alike (access(W_OK) passes for root).
      const probe = join(directory, `.api-contracts-${randomUUID()}.tmp`);
      await (await open(probe, 'wx')).close();
      await rm(probe);
      if (await statOf(report.path)) {
        await (await open(report.path, 'r+')).close();
      }
    } catch (error) {
      throw new UsageError(`${flag}: cannot write there (${why(error)})`);
    }
  }
  return files;
}

/**
 * Writes each report whole or not at all (a temporary file renamed over the old one), so a second Ctrl-C while
 * writing never leaves half a report.
 */
export async function writeReportFile({ kind, file, path }: ReportFile, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UsageError(`--report ${kind}=${file}: cannot write the report (${why(error)})`);
  }
}
