import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type CaseRecord, FORMAT_VERSION, monthOf, type RunRecord, recordProblem, type Shape, shardFile } from './record.ts';

/** A case as read back: its shape looked up by key. */
export interface StoredCase extends Omit<CaseRecord, 'shape'> {
  shape?: Shape;
}

/** A record as read back, shapes resolved; `file` and `line` say where it came from. */
export interface StoredRun extends Omit<RunRecord, 'cases' | 'shapes' | 'v'> {
  cases: StoredCase[];
  file: string;
  line: number;
}

export interface ReadOptions {
  /** Only records of runs that started on or after this time (ISO date or time). */
  since?: string;
  service?: string;
}

export interface History {
  runs: StoredRun[];
  /** One line per problem: `FILE:LINE: what is wrong`; what could be read was read. */
  warnings: string[];
}

/** A stable key for a shape: the same shape gets the same key in every run, so a file holds it once. */
export function shapeKey(shape: Shape): string {
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 12);
}

const SHARD_FILE = /^(\d{4}-\d{2})\.shard-\d+of\d+\.jsonl$/;

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
}

/** Lines of a shard file: each parsed, validated and of a version this code reads, or a warning. */
function parseLines(text: string, file: string, warnings: string[]): { record: RunRecord; line: number }[] {
  const records: { record: RunRecord; line: number }[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      continue;
    }
    const at = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`${at}: not a whole JSON record (truncated or corrupt); skipped`);
      continue;
    }
    const version = (value as { v?: unknown } | null)?.v;
    if (typeof version === 'number' && version > FORMAT_VERSION) {
      warnings.push(
        `${at}: history format version ${version} is newer than this api-contracts reads (${FORMAT_VERSION}); skipped, upgrade to read it`,
      );
      continue;
    }
    const problem = recordProblem(value);
    if (problem !== undefined) {
      warnings.push(`${at}: not a history record (${problem}); skipped`);
      continue;
    }
    records.push({ record: value as RunRecord, line: index + 1 });
  }
  return records;
}

/** The shape keys a shard file defines already: its next record need not carry them again. */
async function definedShapes(path: string): Promise<Set<string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return new Set(parseLines(text, path, []).flatMap(({ record }) => Object.keys(record.shapes ?? {})));
}

/**
 * Appends one record to its shard's file for the month (created with its directory if need be). Files are only
 * ever appended to: a shard writes its own file, a re-run appends a record of its own, and a line cut short by a
 * crash is left as it is (the reader skips it with a warning) and the new record starts on a line of its own.
 * Shapes are keyed by content and written once per file.
 */
export async function appendRun(dir: string, record: Omit<RunRecord, 'shapes'>, shapes: ReadonlyMap<string, Shape>): Promise<string> {
  const relative = shardFile(record.service, record.at, record.shard);
  const path = join(dir, relative);
  await mkdir(dirname(path), { recursive: true });
  const defined = await definedShapes(path);
  const used = new Set(record.cases.flatMap((c) => (c.shape === undefined ? [] : [c.shape])));
  const fresh = [...used].filter((key) => !defined.has(key)).sort();
  const full: RunRecord = {
    ...record,
    ...(fresh.length > 0 ? { shapes: Object.fromEntries(fresh.map((key) => [key, shapes.get(key) as Shape])) } : {}),
  };
  const existing = await readFile(path, 'utf8').catch(() => '');
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(path, `${separator}${JSON.stringify(full)}\n`);
  return relative;
}

/**
 * Every record under `dir` (as `test --history` and `proxy --history` write it), oldest first. Nothing stops the
 * read: a directory or file that cannot be read, a line cut short or corrupt, a record of a newer format version
 * each give one warning naming the file and line, and the rest is read. Nothing is ever written here.
 */
export async function readHistory(dir: string, options: ReadOptions = {}): Promise<History> {
  const warnings: string[] = [];
  const runs: StoredRun[] = [];
  const sinceMonth = options.since === undefined ? undefined : monthOf(options.since);
  let services: string[];
  try {
    services = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    return { runs, warnings: [`${dir}: cannot read the history directory (${why(error)})`] };
  }
  const files: string[] = [];
  for (const service of services.sort()) {
    if (options.service !== undefined && service !== options.service) {
      continue;
    }
    try {
      const names = (await readdir(join(dir, service))).sort();
      for (const name of names) {
        const month = SHARD_FILE.exec(name)?.[1];
        if (month !== undefined && (sinceMonth === undefined || month >= sinceMonth)) {
          files.push(join(dir, service, name));
        }
      }
    } catch (error) {
      warnings.push(`${join(dir, service)}: cannot read the directory (${why(error)}); skipped`);
    }
  }
  // Read at once: a year is about 150 small files, and reading them one after another is mostly waiting.
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch((error: unknown) => error)));
  // One object per shape key across files, so the analysis can tell an unchanged answer by identity.
  const interned = new Map<string, Shape>();
  for (const [index, file] of files.entries()) {
    const text = texts[index];
    if (typeof text !== 'string') {
      warnings.push(`${file}: cannot read the file (${why(text)}); skipped`);
      continue;
    }
    const service = basename(dirname(file));
    const records = parseLines(text, file, warnings);
    const shapes = new Map<string, Shape>();
    for (const { record } of records) {
      for (const [key, shape] of Object.entries(record.shapes ?? {})) {
        const known = interned.get(key);
        if (known === undefined) {
          interned.set(key, shape);
        }
        shapes.set(key, known ?? shape);
      }
    }
    let unresolved = 0;
    for (const { record, line } of records) {
      if (record.service !== service) {
        warnings.push(`${file}:${line}: a record of ${record.service} in the ${service} directory; skipped`);
        continue;
      }
      if (options.since !== undefined && record.at < options.since) {
        continue;
      }
      const { v: _, shapes: __, cases, ...run } = record;
      // The parsed cases are this reader's own: their shape keys are replaced by the shapes in place, no copy.
      const resolved = cases as unknown as StoredCase[];
      for (const item of cases) {
        if (item.shape !== undefined) {
          const found = shapes.get(item.shape);
          unresolved += found === undefined ? 1 : 0;
          if (found === undefined) {
            delete item.shape;
          } else {
            (item as unknown as StoredCase).shape = found;
          }
        }
      }
      runs.push({ ...run, cases: resolved, file, line });
    }
    if (unresolved > 0) {
      warnings.push(`${file}: ${unresolved} cases name a shape no readable line of the file holds; read without their shape`);
    }
  }
  runs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.shard < b.shard ? -1 : a.shard > b.shard ? 1 : 0));
  return { runs, warnings };
}
