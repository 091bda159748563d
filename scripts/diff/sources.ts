import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { asObject, lookupRef, type Node } from '../../contract-tests/spec/openapi.ts';
import type { Change } from '../../contract-tests/spec/rules.ts';

export interface SourceLocation {
  /** Relative to the working directory, as GitHub annotations want it. */
  file: string;
  line?: number;
}

export interface SourceIndex {
  /** Where to annotate a change: the operation's or component's schema file, else the spec file. */
  locate(c: Change): SourceLocation | undefined;
}

/** A key at the start of its line: `inputs: [{ from: { operationId: 'x' } }]` elsewhere only refers to `x`. */
const OPERATION_ID = /^[ \t]*operationId:\s*['"`]([^'"`]+)['"`]/gm;
const COMPONENT_ID = /\.meta\(\{\s*id:\s*['"`]([^'"`]+)['"`]/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}

async function schemaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Finds where each operation (`operationId: 'x'` opening a line) and component (`.meta({ id: 'X' })`, else the first
 * file naming it in quotes) is declared under `schemas/`, so annotations land on the code to change.
 * `newDoc` maps JSON pointers into paths back to operationIds; `fallback` is the spec file, if one.
 */
export async function indexSources(cwd: string, newDoc: Node, fallback: string | undefined): Promise<SourceIndex> {
  const operations = new Map<string, SourceLocation>();
  const components = new Map<string, SourceLocation>();
  const texts: Array<[string, string]> = [];
  for (const path of await schemaFiles(join(cwd, 'schemas'))) {
    const text = await readFile(path, 'utf8');
    const file = relative(cwd, path);
    texts.push([file, text]);
    for (const [pattern, into] of [
      [OPERATION_ID, operations],
      [COMPONENT_ID, components],
    ] as const) {
      for (const match of text.matchAll(pattern)) {
        const name = match[1] as string;
        if (!into.has(name)) {
          into.set(name, { file, line: lineAt(text, match.index) });
        }
      }
    }
  }
  const component = (name: string): SourceLocation | undefined => {
    const declared = components.get(name);
    if (declared) {
      return declared;
    }
    for (const [file, text] of texts) {
      const index = text.search(new RegExp(`['"\`]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`));
      if (index !== -1) {
        return { file, line: lineAt(text, index) };
      }
    }
    return undefined;
  };
  const operationAt = (pointer: string) => {
    const [, path, method] = /^(#\/paths\/[^/]+)\/([a-z]+)/.exec(pointer) ?? [];
    const id = path && method ? asObject(asObject(lookupRef(newDoc, path))[method]).operationId : undefined;
    return typeof id === 'string' ? operations.get(id) : undefined;
  };
  const spec = fallback ? { file: fallback } : undefined;
  return {
    locate(c) {
      const ack = /^(.*):(\d+)$/.exec(c.rule.startsWith('acknowledgement-') ? (c.location ?? '') : '');
      if (ack) {
        return { file: ack[1] as string, line: Number(ack[2]) };
      }
      const location = c.location ?? '';
      const componentName = /^#\/components\/schemas\/([^/]+)/.exec(location)?.[1];
      return (
        (c.operation ? operations.get(c.operation) : undefined) ??
        (componentName ? component(componentName) : undefined) ??
        (location.startsWith('#/paths/') ? operationAt(location) : undefined) ??
        spec
      );
    },
  };
}
