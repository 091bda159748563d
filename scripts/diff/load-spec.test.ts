import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { fixtureSpec } from '../../contract-tests/spec/fixture.ts';
import { DiffInputError } from './errors.ts';
import { loadSpec } from './load-spec.ts';

let dir = '';

const files: Record<string, string> = {
  'spec.json': JSON.stringify(fixtureSpec()),
  'spec.yaml': stringify(fixtureSpec()),
  'broken.json': '{ "openapi": "3.1.0", ',
  'swagger.yaml': 'swagger: "2.0"\npaths: {}\n',
  'dangling.json': JSON.stringify({
    openapi: '3.1.0',
    paths: { '/x': { get: { responses: { 200: { $ref: '#/components/responses/Gone' } } } } },
  }),
  'external.json': JSON.stringify({ openapi: '3.1.0', paths: { '/x': { $ref: 'paths/x.yaml' } } }),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-contracts-load-spec-'));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSpec', () => {
  test('reads JSON and YAML into the same document', async () => {
    expect(await loadSpec('spec.yaml', dir)).toEqual(await loadSpec('spec.json', dir));
  });

  test.each([
    { source: 'nothing.json', code: 'DIFF_SPEC_NOT_FOUND', message: 'nothing.json: no such file' },
    { source: 'broken.json', code: 'DIFF_SPEC_PARSE', message: 'broken.json: not valid JSON or YAML: ' },
    { source: 'swagger.yaml', code: 'DIFF_NOT_OPENAPI', message: 'swagger.yaml: not an OpenAPI 3.x document (openapi: undefined)' },
    { source: 'dangling.json', code: 'DIFF_BAD_REF', message: 'dangling.json: $ref #/components/responses/Gone points nowhere' },
    { source: 'external.json', code: 'DIFF_BAD_REF', message: 'external.json: $ref paths/x.yaml points outside the document' },
  ])('$source → $code', async ({ source, code, message }) => {
    const error = await loadSpec(source, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiffInputError);
    expect(error).toMatchObject({ code, source });
    expect((error as DiffInputError).message.startsWith(message)).toBe(true);
  });
});
