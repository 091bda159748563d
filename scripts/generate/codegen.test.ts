import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { services } from '../../schemas/index.ts';

const root = join(import.meta.dirname, '../..');

/** Type-checks in-memory sources under the strictest options a client project is likely to use. */
function compile(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readDefault = host.readFile.bind(host);
  host.readFile = (name) => files[name] ?? readDefault(name);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  const getDefault = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const text = files[name];
    return text === undefined ? getDefault(name, version) : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('clients generated with openapi-typescript compile', () => {
  test.each(services.map((s) => [s.id, s] as const))('%s', async (id, service) => {
    const spec = JSON.parse(await readFile(join(root, 'spec', id, 'openapi.json'), 'utf8'));
    const types = astToString(await openapiTS(spec));
    // Reaching into the generated types the way a client would proves operations and components are named.
    const first = service.operations[0];
    expect(first).toBeDefined();
    const usage = `type First = operations['${first?.operationId}'];\nexport type Check = First extends object ? true : never;\n`;
    expect(compile({ '/gen/client.ts': `${types}\n${usage}` })).toEqual([]);
    expect(types).toContain(`${first?.operationId}: {`);
  });
});
