import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { loadValuesFile, parseValuesFile } from './values-file.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a values file', () => {
  it.each([
    [
      'JSON',
      '{ "accountsGetDetail": { "body": { "id": "Qx7Lm2Vb9Rt4Wy6Zp1Cd" } }, "*": { "project_id": "aaaabbbbccccddddeeeeffff00001111" } }',
    ],
    ['YAML', 'accountsGetDetail:\n  body:\n    id: Qx7Lm2Vb9Rt4Wy6Zp1Cd\n"*":\n  project_id: aaaabbbbccccddddeeeeffff00001111\n'],
  ])('reads operation entries and "*" from %s', (_, text) => {
    const values = parseValuesFile(text, 'values', services);
    expect(Object.fromEntries(values.operations)).toEqual({ accountsGetDetail: { body: { id: 'Qx7Lm2Vb9Rt4Wy6Zp1Cd' } } });
    expect(values.wildcard).toEqual({ project_id: 'aaaabbbbccccddddeeeeffff00001111' });
  });

  it('names "path" the request params, and takes nested body fields and query parameters', () => {
    const text = [
      'listClients:',
      '  path: { instance_id: 2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f }',
      '  query: { limit: 100 }',
      'appsGetList:',
      '  body: { search: { accountId: Qx7Lm2Vb9Rt4Wy6Zp1Cd } }',
    ].join('\n');
    expect(Object.fromEntries(parseValuesFile(text, 'values.yaml', services).operations)).toEqual({
      listClients: { params: { instance_id: '2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f' }, query: { limit: 100 } },
      appsGetList: { body: { search: { accountId: 'Qx7Lm2Vb9Rt4Wy6Zp1Cd' } } },
    });
  });

  it.each([
    ['unreadable YAML', 'accountsGetDetail:\n  body: [1, 2\n', /^--values v\.yaml:3:1: /],
    ['a duplicate key', '{ "*": {}, "*": {} }', /^--values v\.yaml:1:12: Map keys must be unique/],
    ['a list at the top', '- accountsGetDetail', '--values v.yaml: expected a mapping of operationIds (and "*") to request values'],
    [
      'an unknown operation',
      'accountsGetDetial:\n  body: { id: Qx7Lm2Vb9Rt4Wy6Zp1Cd }',
      '--values v.yaml:1:1: accountsGetDetial: no such operation (did you mean accountsGetDetail?)',
    ],
    [
      'an unknown place',
      'accountsGetDetail:\n  params: { id: x }',
      '--values v.yaml:2:3: accountsGetDetail.params: expected path, query or body',
    ],
    [
      'a place the operation lacks',
      'accountsGetDetail:\n  query: { id: x }',
      '--values v.yaml:2:3: accountsGetDetail.query: accountsGetDetail has no query parameters',
    ],
    [
      'an unknown body field',
      'appsGetList:\n  body:\n    search: { acountId: Qx7Lm2Vb9Rt4Wy6Zp1Cd }',
      '--values v.yaml:3:15: appsGetList.body.search.acountId: appsGetList has no field acountId',
    ],
    [
      'an unknown path parameter',
      'listClients:\n  path: { instanceId: x }',
      '--values v.yaml:2:11: listClients.path.instanceId: listClients has no path parameter instanceId',
    ],
    [
      'a value the schema refuses',
      'accountsGetDetail:\n  body: { id: "not base62!" }',
      '--values v.yaml:2:11: accountsGetDetail.body.id: "not base62!" is not valid here: a Base62 id of at most 22 characters',
    ],
    [
      'a "*" field no request has',
      '"*":\n  projectId: x',
      '--values v.yaml:2:3: *.projectId: no request of any operation has a field named projectId',
    ],
    [
      'a "*" value invalid where it lands',
      '"*":\n  project_id: PROJECT',
      '--values v.yaml:2:3: *.project_id: "PROJECT" is not valid for showNodesInformation path project_id: a 32-character lower-case hex project id',
    ],
  ])('refuses %s, naming where', (_, text, message) => {
    const parse = () => parseValuesFile(text, 'v.yaml', services);
    const expected = typeof message === 'string' ? message : expect.stringMatching(message);
    expect(parse).toThrow(expect.objectContaining({ code: 'CONFIG_VALUES', message: expected }));
  });

  it('refuses a file it cannot read, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-contracts-values-'));
    dirs.push(dir);
    await expect(loadValuesFile(join(dir, 'missing.yaml'), 'missing.yaml', services)).rejects.toMatchObject({
      code: 'CONFIG_VALUES',
      message: '--values missing.yaml: cannot read the file (ENOENT)',
    });
    await writeFile(join(dir, 'values.json'), '{ "*": { "instance_id": "2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f" } }');
    const values = await loadValuesFile(join(dir, 'values.json'), 'values.json', services);
    expect(values.wildcard).toEqual({ instance_id: '2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f' });
  });
});
