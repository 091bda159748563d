import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { promisify } from 'node:util';
import { collectRefs, isObject, lookupRef, type Node } from '../../contract-tests/spec/openapi.ts';
import { DiffInputError } from './errors.ts';

const run = promisify(execFile);

/** `main:spec/ncp-dataforest/openapi.json`, `HEAD~1:./openapi.yaml`: a revision, a colon, a path. */
const GIT_REVISION = /^([^:]+):(.+)$/;

export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

async function gitShow(source: string, cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['show', source], { cwd, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = isObject(error) && typeof error.stderr === 'string' ? error.stderr.trim() : '';
    const reason = stderr || (error instanceof Error ? error.message : String(error));
    throw new DiffInputError('DIFF_GIT_SHOW', source, `not a file, and \`git show ${source}\` failed: ${reason}`);
  }
}

/** The text of one side: a file if one exists at that path, otherwise a git revision of one. */
async function readSource(source: string, cwd: string): Promise<string> {
  const path = resolvePath(cwd, source);
  if (await isFile(path)) {
    return readFile(path, 'utf8');
  }
  if (GIT_REVISION.test(source)) {
    return gitShow(source, cwd);
  }
  throw new DiffInputError('DIFF_SPEC_NOT_FOUND', source, 'no such file (a git revision looks like main:spec/ncp-dataforest/openapi.json)');
}

/** JSON is parsed natively; the YAML parser is only loaded for YAML, which keeps the common JSON diff quick to start. */
async function parse(source: string, text: string): Promise<unknown> {
  try {
    return text.trimStart().startsWith('{') ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    throw new DiffInputError(
      'DIFF_SPEC_PARSE',
      source,
      `not valid JSON or YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Rejects what the diff cannot compare: non-OpenAPI documents and references that point nowhere or elsewhere. */
function validate(source: string, document: unknown): Node {
  if (!isObject(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    const version = isObject(document) ? JSON.stringify(document.openapi) : 'none';
    throw new DiffInputError('DIFF_NOT_OPENAPI', source, `not an OpenAPI 3.x document (openapi: ${version})`);
  }
  for (const ref of collectRefs(document)) {
    if (!ref.startsWith('#')) {
      throw new DiffInputError(
        'DIFF_BAD_REF',
        source,
        `$ref ${ref} points outside the document; bundle it first (npx @redocly/cli bundle)`,
      );
    }
    if (lookupRef(document, ref) === undefined) {
      throw new DiffInputError('DIFF_BAD_REF', source, `$ref ${ref} points nowhere`);
    }
  }
  return document;
}

/** Reads, parses and checks one side of a diff; every failure is a DiffInputError naming `source`. */
export async function loadSpec(source: string, cwd: string): Promise<Node> {
  return validate(source, await parse(source, await readSource(source, cwd)));
}
