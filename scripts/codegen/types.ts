import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** Where `npm run codegen` writes, relative to the repository root (gitignored: derived from spec/). */
export const CODEGEN_DIR = 'codegen';

/** The TypeScript types of one published spec, exactly as `npx openapi-typescript <spec> -o <file>` writes them. */
export async function clientTypes(specFile: string): Promise<string> {
  return `${COMMENT_HEADER}${astToString(await openapiTS(pathToFileURL(specFile)))}`;
}

/** Writes `<outDir>/<service>.ts` from `spec/<service>/openapi.json` for each service; returns the files written. */
export async function writeClientTypes(root: string, serviceIds: readonly string[], outDir = join(root, CODEGEN_DIR)): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    serviceIds.map(async (id) => {
      const file = join(outDir, `${id}.ts`);
      await writeFile(file, await clientTypes(join(root, 'spec', id, 'openapi.json')));
      return file;
    }),
  );
}
