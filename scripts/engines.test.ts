import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

/** The Node versions we claim (package.json engines), what CI runs, and what every locked dependency accepts. */

const root = join(import.meta.dirname, '..');
const json = async (file: string) => JSON.parse(await readFile(join(root, file), 'utf8'));

const supported: string = (await json('package.json')).engines.node;
const workflow = parse(await readFile(join(root, '.github/workflows/api-contracts.yml'), 'utf8'));
const matrix: string[] = workflow.jobs['pull-request'].strategy.matrix.node;

describe('Node versions', () => {
  test('CI tests npm test on Node 20.19, 22 and 24', () => {
    expect(matrix).toEqual(['20.19', '22', '24']);
  });

  test.each(matrix)('Node %s is in the supported range', (line) => {
    expect(semver.intersects(supported, `${line}.x`)).toBe(true);
  });

  test('every locked dependency accepts every version in the supported range', async () => {
    const lock = await json('package-lock.json');
    const refusing = Object.entries(lock.packages as Record<string, { version: string; optional?: boolean; engines?: { node?: string } }>)
      // Optional packages are platform builds (a wasm fallback, another OS) that npm skips where they do not fit.
      .filter(([path, p]) => path !== '' && !p.optional && typeof p.engines?.node === 'string')
      .filter(([, p]) => !semver.subset(supported, p.engines?.node as string))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
