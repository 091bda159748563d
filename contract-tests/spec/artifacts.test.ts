import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { services } from '../../schemas/index.ts';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFile(join(root, path), 'utf8');

test('the docs index lists each service with its version, operation count, docs page, JSON, YAML and changelog', async () => {
  const index = await read('spec/index.html');
  const rows = [...index.matchAll(/<tr>\s*<td>(.*?)<\/td>\s*<td>(.*?)<\/td>\s*<td>(.*?)<\/td>\s*<td>(.*?)<\/td>\s*<\/tr>/gs)].map((m) =>
    m.slice(1),
  );
  const expected = await Promise.all(
    services.map(async (s) => [
      `<a href="${s.id}/index.html">${s.title}</a><br><code>${s.id}</code>`,
      JSON.parse(await read(`spec/${s.id}/openapi.json`)).info.version,
      String(s.operations.length),
      `<a href="${s.id}/openapi.json">openapi.json</a> · <a href="${s.id}/openapi.yaml">openapi.yaml</a>${
        (await read(`releases/${s.id}/CHANGELOG.md`).catch(() => undefined)) ? ` · <a href="${s.id}/CHANGELOG.md">changelog</a>` : ''
      }`,
    ]),
  );
  expect(rows).toEqual(expected);
});
