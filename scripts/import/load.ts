import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { EmittedOperation } from './emit.ts';

/**
 * Formats an emitted file with the project's own Biome (`check --write`: format and sort imports), so what
 * `--write` leaves passes `biome check`. Without
 * Biome (a production install) the file is returned as emitted: it is valid TypeScript either way.
 */
export function formatSource(root: string, file: string, source: string): Promise<string> {
  const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  if (!existsSync(biome)) {
    return Promise.resolve(source);
  }
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [biome, 'check', '--write', `--stdin-file-path=${join(root, file)}`],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => done(error || stdout.trim() === '' ? source : stdout),
    );
    child.stdin?.end(source);
  });
}

/**
 * Evaluates an emitted operation file in this process, as `generate` would after `--write`: its relative imports
 * are pointed at the modules they name (so it shares their schemas and their registry) and it is loaded from a
 * scratch file under `.tmp/`, which is removed again. Nothing is written under schemas/.
 */
export async function loadEmitted(root: string, emitted: EmittedOperation): Promise<Operation> {
  const at = dirname(join(root, emitted.file));
  const source = emitted.source.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => `from '${pathToFileURL(resolve(at, spec)).href}'`);
  const scratch = join(root, '.tmp', 'import');
  await mkdir(scratch, { recursive: true });
  const file = join(scratch, `${emitted.operationId}-${randomUUID()}.ts`);
  await writeFile(file, source);
  try {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const operation = module[emitted.operationId];
    if (typeof operation !== 'object' || operation === null) {
      throw new Error(`the emitted file does not export ${emitted.operationId}`);
    }
    return operation as Operation;
  } finally {
    await rm(file, { force: true });
  }
}
