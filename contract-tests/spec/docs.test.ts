import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { services } from '../../schemas/index.ts';
import { docsInput, renderDocs, renderedFrom, stamp } from './docs.ts';

const root = join(import.meta.dirname, '../..');
const committed = (id: string, file: string) => readFile(join(root, 'spec', id, file), 'utf8');

describe('a docs page records the input it was rendered from', () => {
  test.each(services.map((s) => [s.id, s.title] as const))('%s: the committed page names its spec', async (id, title) => {
    expect(renderedFrom(await committed(id, 'index.html'))).toBe(docsInput(title, await committed(id, 'openapi.yaml')));
  });

  test.each([
    ['a page edited by hand', (page: string) => page.replace('<title>', '<title>Edited ')],
    ['a page whose record was edited', (page: string) => page.replace(/(api-contracts-docs-input" content="sha256-)0*./, '$1x')],
    ['a page without the record', () => '<!DOCTYPE html><html><head></head><body></body></html>'],
  ])('%s records nothing usable', async (_name, edit) => {
    expect(renderedFrom(edit(await committed('huawei-dds', 'index.html')))).toBeUndefined();
  });
});

describe('renderDocs', () => {
  const yaml = 'openapi: 3.1.0\ninfo:\n  title: Reuse\n  version: 1.0.0\npaths: {}\n';

  test('keeps an unedited page rendered from the same input instead of rendering it again', async () => {
    const previous = stamp('<html><head></head><body>kept as is</body></html>', docsInput('Reuse', yaml));
    expect(await renderDocs('reuse', 'Reuse', yaml, previous)).toBe(previous);
  });

  test('renders again when the spec changed, and records the new input', async () => {
    const previous = stamp('<html><head></head><body>stale</body></html>', docsInput('Reuse', `${yaml}# older\n`));
    const page = await renderDocs('reuse', 'Reuse', yaml, previous);
    expect(page).toContain('<title>Reuse</title>');
    expect(renderedFrom(page)).toBe(docsInput('Reuse', yaml));
  });
});
