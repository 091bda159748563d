import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningMock, startMock } from '../../contract-tests/mock/server.ts';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import { services } from '../../schemas/index.ts';
import { clientTypes, writeClientTypes } from './types.ts';

const root = join(import.meta.dirname, '../..');
const program = join(import.meta.dirname, 'client.example.ts');

/**
 * The example program's exports. It is loaded by a specifier tsc does not follow: the project's type check runs
 * on a clean clone, before codegen/ exists; the first test below compiles the program itself, under strict.
 */
interface ExampleClient {
  accountName(baseUrl: string, env: Env, id: string): Promise<string>;
  firstNodeId(baseUrl: string, env: Env, project_id: string, instance_id: string): Promise<string | undefined>;
  instanceNames(baseUrl: string, env: Env, project_id: string, id: string): Promise<string[]>;
}
const loadClient = async (): Promise<ExampleClient> => import(pathToFileURL(program).href);

/** The strictest options a client project is likely to use. */
const strict: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  allowImportingTsExtensions: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  skipLibCheck: true,
};

const credentials = {
  NCP_ACCESS_KEY: 'codegen-test-ak',
  NCP_SECRET_KEY: 'codegen-test-sk',
  HUAWEI_AK: 'codegen-ak',
  HUAWEI_SK: 'codegen-sk',
};

describe('a client generated with openapi-typescript and called with openapi-fetch', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    // What `npm run codegen` writes: the example program imports it from codegen/.
    await writeClientTypes(
      root,
      services.map((s) => s.id),
    );
    mock = await startMock({ verifyAuth: true, credentials });
  });
  afterAll(() => mock?.close());

  test('compiles under strict with the generated types of every service', () => {
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([program], strict));
    expect(diagnostics.map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)).toEqual([]);
  });

  test('calls a seed operation of each service, signed, and reads a typed field of the answer', async () => {
    const client = await loadClient();
    expect({
      'ncp-dataforest accountsGetDetail name': await client.accountName(mock.url, credentials, 'ArvQ8mZ2cLp4sWd7Tkfn'),
      'huawei-dcs showNodesInformation nodes[0].node_id': await client.firstNodeId(
        mock.url,
        credentials,
        '0123456789abcdef0123456789abcdef',
        '5560df16-cebf-4473-95c4-d1b573c16e79',
      ),
      'huawei-dds listInstances instances[].name': await client.instanceNames(
        mock.url,
        credentials,
        '619d3e78f61b4be68bc5aa0b59edcf7b',
        'da304cd5bbb944de828759bc7be3d3fein01',
      ),
    }).toEqual({
      'ncp-dataforest accountsGetDetail name': 'df001',
      'huawei-dcs showNodesInformation nodes[0].node_id': '8a2c26c17f4d6516017f4d7b77940030',
      'huawei-dds listInstances instances[].name': ['dds-orders'],
    });
  });

  test('a wrong secret is refused by the mock, and the error says so', async () => {
    const client = await loadClient();
    await expect(client.accountName(mock.url, { ...credentials, NCP_SECRET_KEY: 'wrong' }, 'ArvQ8mZ2cLp4sWd7Tkfn')).rejects.toThrow(
      /^accountsGetDetail answered 401: .*signature does not match/,
    );
  });
});

describe('npx openapi-typescript from the repository root', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'api-contracts-codegen-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  // redocly.yaml once listed `apis`, which made openapi-typescript ignore the spec on its command line and demand
  // an `x-openapi-ts.output` key for each of them.
  test('writes the types of the spec it is given, the same as npm run codegen', async () => {
    const file = join(out, 'dds.ts');
    await promisify(execFile)(join(root, 'node_modules/.bin/openapi-typescript'), ['spec/huawei-dds/openapi.json', '-o', file], {
      cwd: root,
    });
    expect(await readFile(file, 'utf8')).toBe(await clientTypes(join(root, 'spec/huawei-dds/openapi.json')));
  });
});
