import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/import/shared-inputs.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The saved vendor pages the tests and the benchmark read: `shared/` beside the repository (`../shared`), or
 * beside the folder that holds this checkout when it is a worktree one level down. undefined where neither
 * exists (a clone on its own), and the suites that need the pages say so and skip.
 */
export function sharedInputs(): { seeds: string; vendorPages: string } | undefined {
  for (const up of ['..', join('..', '..')]) {
    const dir = resolve(REPO_ROOT, up, 'shared');
    if (existsSync(join(dir, 'seeds')) && existsSync(join(dir, 'vendor-pages'))) {
      return { seeds: join(dir, 'seeds'), vendorPages: join(dir, 'vendor-pages') };
    }
  }
  return undefined;
}
