import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { services } from '../../schemas/index.ts';
import { type Command, EXIT, parseCommandArgs } from '../cli/command.ts';
import { readReleases } from '../release/baseline.ts';
import { pendingReleases, releaseDue } from '../release/versioning.ts';
import { type Artifacts, generateArtifacts } from './artifacts.ts';

const usage = `Usage: api-contracts generate [--check]

Writes spec/<service>/openapi.json, openapi.yaml and index.html (offline docs) and spec/index.html
from the schemas in schemas/.

  --check   regenerate in memory and compare with spec/; exit 1 naming each stale file, and each spec
            that changed since its last release (releases/) without the version bump it needs
  -h, --help`;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Files whose committed content differs from a fresh generation, plus files generation no longer makes. */
export async function staleFiles(cwd: string, artifacts: Artifacts): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of artifacts) {
    const current = await readFile(join(cwd, path), 'utf8').catch(() => undefined);
    if (current !== content) {
      stale.push(current === undefined ? `${path} (missing)` : path);
    }
  }
  for (const file of await listFiles(join(cwd, 'spec'))) {
    const path = relative(cwd, file);
    if (!artifacts.has(path)) {
      stale.push(`${path} (no longer generated)`);
    }
  }
  return stale.sort();
}

async function write(cwd: string, artifacts: Artifacts): Promise<void> {
  await rm(join(cwd, 'spec'), { recursive: true, force: true });
  for (const [path, content] of artifacts) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), content);
  }
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
    const { values } = parseCommandArgs('generate', argv, { check: { type: 'boolean' } });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const releases = await readReleases(
      io.cwd,
      services.map((s) => s.id),
    );
    const artifacts = await generateArtifacts(services, releases);
    const pending = pendingReleases(services, artifacts, releases);
    if (values.check) {
      const stale = await staleFiles(io.cwd, artifacts);
      if (stale.length > 0) {
        io.stderr(`spec/ is stale — run \`npx api-contracts generate\` and commit the result:\n${stale.map((p) => `  ${p}`).join('\n')}\n`);
      }
      if (pending.length > 0) {
        io.stderr(`${pending.map(releaseDue).join('\n')}\n`);
      }
      if (stale.length > 0 || pending.length > 0) {
        return EXIT.failed;
      }
      io.stdout(`spec/ is up to date (${artifacts.size} files) and released\n`);
      return EXIT.ok;
    }
    await write(io.cwd, artifacts);
    io.stdout(`Wrote ${artifacts.size} files to spec/\n${summary()}\n  docs index       spec/index.html\n`);
    if (pending.length > 0) {
      io.stdout(`${pending.map(releaseDue).join('\n')}\n`);
    }
    return EXIT.ok;
  },
};
