import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Service } from '../../schemas/_shared/service.ts';
import { services } from '../../schemas/index.ts';
import { UsageError } from '../errors.ts';
import { type Artifacts, emitArtifacts, MANIFEST } from './artifacts.ts';
import { readReleases } from './baseline.ts';
import { proseRulesReport, publishServiceRules } from './document.ts';
import { type Pending, pendingReleases, releaseDue } from './versioning.ts';

const readText = (path: string) => readFile(path, 'utf8').catch(() => undefined);

/** The files the last run generated, from its committed manifest: none before the first run. */
async function generatedBefore(cwd: string): Promise<string[]> {
  const text = await readText(join(cwd, MANIFEST));
  if (text === undefined) {
    return [];
  }
  let files: unknown;
  try {
    files = JSON.parse(text).files;
  } catch {
    // Reported below with the fix.
  }
  // Only paths inside spec/ are ever removed, whatever the manifest says.
  const inSpec = (f: unknown) => typeof f === 'string' && f.startsWith('spec/') && !f.endsWith('/') && posix.normalize(f) === f;
  if (!Array.isArray(files) || !files.every(inSpec)) {
    throw new UsageError(`${MANIFEST} is not a list of files under spec/; restore it with \`git checkout -- ${MANIFEST}\``);
  }
  return files;
}

/** Compares generated files with the committed copies as they arrive; `stale()` adds what is no longer generated. */
function comparer(cwd: string) {
  const stale: string[] = [];
  const generated = new Set<string>();
  return {
    async compare(path: string, content: string) {
      generated.add(path);
      const current = await readText(join(cwd, path));
      if (current !== content) {
        stale.push(current === undefined ? `${path} (missing)` : path);
      }
    },
    async stale(): Promise<string[]> {
      for (const path of await generatedBefore(cwd)) {
        if (!generated.has(path) && (await readText(join(cwd, path))) !== undefined) {
          stale.push(`${path} (no longer generated)`);
        }
      }
      return stale.sort();
    },
  };
}

/** Generated files whose committed content differs from `artifacts`, plus generated files no longer made. */
export async function staleFiles(cwd: string, artifacts: Artifacts): Promise<string[]> {
  const { compare, stale } = comparer(cwd);
  for (const [path, content] of artifacts) {
    await compare(path, content);
  }
  return stale();
}

const previousIn = (cwd: string) => (path: string) => readText(join(cwd, path));

/** The last releases of `catalog`, and what each generated spec needs from them (kept as the specs go by). */
async function releaseTracker(cwd: string, catalog: Service[]) {
  const releases = await readReleases(
    cwd,
    catalog.map((s) => s.id),
  );
  const specs = new Map<string, string>();
  return {
    releases,
    keep(path: string, content: string) {
      if (path.endsWith('/openapi.json')) {
        specs.set(path, content);
      }
    },
    pending: (): Pending[] => pendingReleases(catalog, specs, releases),
  };
}

/** `generate --check`: regenerates without writing (reusing pages rendered from unchanged input) and compares. */
export async function checkSpec(cwd: string, catalog: Service[]): Promise<{ files: number; stale: string[]; pending: Pending[] }> {
  const { compare, stale } = comparer(cwd);
  const tracker = await releaseTracker(cwd, catalog);
  let files = 0;
  await emitArtifacts(
    catalog,
    tracker.releases,
    async (path, content) => {
      files++;
      tracker.keep(path, content);
      await compare(path, content);
    },
    { previous: previousIn(cwd) },
  );
  return { files, stale: await stale(), pending: tracker.pending() };
}

/**
 * `generate`: writes every file as it is generated, then removes what the last run generated and this one does
 * not (and folders left empty). Files the manifest never listed are not touched.
 */
export async function writeSpec(cwd: string, catalog: Service[]): Promise<{ files: number; pending: Pending[] }> {
  const before = await generatedBefore(cwd);
  const tracker = await releaseTracker(cwd, catalog);
  const written = new Set<string>();
  await emitArtifacts(
    catalog,
    tracker.releases,
    async (path, content) => {
      written.add(path);
      tracker.keep(path, content);
      await mkdir(dirname(join(cwd, path)), { recursive: true });
      await writeFile(join(cwd, path), content);
    },
    { previous: previousIn(cwd) },
  );
  for (const path of before.filter((p) => !written.has(p))) {
    await rm(join(cwd, path), { force: true });
    for (let dir = dirname(path); dir !== 'spec'; dir = dirname(dir)) {
      const removed = await rmdir(join(cwd, dir)).then(
        () => true,
        () => false,
      );
      if (!removed) {
        break;
      }
    }
  }
  return { files: written.size, pending: tracker.pending() };
}

export function summary(): string {
  return services
    .map((s) => {
      const examples = s.operations.reduce((n, op) => n + op.examples.length, 0);
      return `  ${s.id.padEnd(16)} ${String(s.operations.length).padStart(3)} operations ${String(examples).padStart(4)} examples  spec/${s.id}/index.html`;
    })
    .join('\n');
}

/** `generate` without `--check`, shared by `release` (which regenerates after versioning): writes spec/ and says what it wrote. */
export async function generateSpec(cwd: string, catalog: Service[]): Promise<string> {
  const { files, pending } = await writeSpec(cwd, catalog);
  const due = pending.length > 0 ? `${pending.map(releaseDue).join('\n')}\n` : '';
  const prose = proseRulesReport(catalog.flatMap(publishServiceRules));
  return `Wrote ${files} files to spec/\n${summary()}\n  docs index       spec/index.html\n${prose}\n${due}`;
}
