import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Service } from '../../schemas/_shared/service.ts';
import { services } from '../../schemas/index.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../cli/command.ts';
import { readReleases } from '../release/baseline.ts';
import { type Pending, pendingReleases, releaseDue } from '../release/versioning.ts';
import { type Artifacts, emitArtifacts, MANIFEST } from './artifacts.ts';
import { publishHistory } from './history.ts';

const usage = `Usage: api-contracts generate [--check] [--history DIR]

Writes spec/<service>/openapi.json, openapi.yaml and index.html (offline docs), spec/index.html and
spec/.generated.json (the list of generated files) from the schemas in schemas/. Only files that list
names are ever replaced or removed: others in spec/ (a CNAME, a hand-written page) are left alone. A docs
page rendered from the same spec and Redocly version is kept instead of rendered again.

  --check   regenerate in memory and compare with spec/; exit 1 naming each stale file, and each spec
            that changed since its last release (releases/) without the version bump it needs
  --history DIR
            also write the run-history status pages (\`api-contracts history DIR --html spec\`):
            spec/history.html and spec/<service>/history.html, linked from spec/index.html; for
            publishing the docs, not for committing (generate --check wants spec/ without them)
  -h, --help`;

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

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write spec/ (OpenAPI 3.1 JSON + YAML) and the offline docs; --check compares instead',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('generate', argv, { check: { type: 'boolean' }, history: { type: 'string' } });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    if (values.check && values.history !== undefined) {
      throw new UsageError('--check compares spec/ as committed, which never holds the history pages; run them apart');
    }
    if (values.check) {
      const { files, stale, pending } = await checkSpec(io.cwd, services);
      if (stale.length > 0) {
        io.stderr(`spec/ is stale — run \`npx api-contracts generate\` and commit the result:\n${stale.map((p) => `  ${p}`).join('\n')}\n`);
      }
      if (pending.length > 0) {
        io.stderr(`${pending.map(releaseDue).join('\n')}\n`);
      }
      if (stale.length > 0 || pending.length > 0) {
        return EXIT.failed;
      }
      io.stdout(`spec/ is up to date (${files} files) and released\n`);
      return EXIT.ok;
    }
    const { files, pending } = await writeSpec(io.cwd, services);
    io.stdout(`Wrote ${files} files to spec/\n${summary()}\n  docs index       spec/index.html\n`);
    if (values.history !== undefined) {
      const { warnings, pages } = await publishHistory(io.cwd, values.history);
      for (const warning of warnings) {
        io.stderr(`api-contracts generate: history: ${warning}\n`);
      }
      io.stdout(`  status pages     ${pages.join(', ')}\n`);
    }
    if (pending.length > 0) {
      io.stdout(`${pending.map(releaseDue).join('\n')}\n`);
    }
    return EXIT.ok;
  },
};
