import { describe, expect, it } from 'vitest';
import { valueAt } from '../../schemas/_shared/operation.ts';
import { services } from '../../schemas/index.ts';
import type { BodyFormat } from '../format.ts';
import type { Case } from './plan.ts';
import { completeValues, type ResolvedValues, resolveValues, type ValueSettings } from './request-values.ts';
import { parseValuesFile } from './values-file.ts';

function caseOf(operationId: string, exampleName = 'default', format: BodyFormat = 'json'): Case {
  for (const service of services) {
    const operation = service.operations.find((op) => op.operationId === operationId);
    const example = operation?.examples.find((e) => e.name === exampleName);
    if (operation && example) {
      return { service, operation, example, format };
    }
  }
  throw new Error(`no example ${operationId} [${exampleName}]`);
}

const file = (text: string): ValueSettings => ({ file: parseValuesFile(text, 'values.yaml', services) });

/** What a resolution decided, compactly: the fields sent, what the values gave, what is chained or missing. */
function decided({ request, fromValues, chained, missing }: ResolvedValues) {
  return {
    sent: { params: request.params, query: request.query, body: request.body },
    fromValues,
    chained: chained.map(({ target, from }) => `${target} ← ${from.operationId} ${from.pointer}`),
    ...(missing ? { missing: missing.target } : {}),
  };
}

const PROJECT = 'aaaabbbbccccddddeeeeffff00001111';
const ACCOUNT = 'Qx7Lm2Vb9Rt4Wy6Zp1Cd';
const INSTANCE = '2f1c7d3e-9a4b-4c8d-8e2f-6b5a4c3d2e1f';

describe('resolveValues', () => {
  it('against the mock sends the example as written, whatever the environment', () => {
    const item = caseOf('listSessions');
    const resolved = resolveValues(item, false, { env: { project_id: PROJECT } });
    expect(decided(resolved)).toEqual({ sent: { ...item.example.request, body: undefined }, fromValues: [], chained: [] });
  });

  it.each([
    ['default', ['/body/id ← accountsGetList /contents/0/id']],
    ['schema-sample', ['/body/id ← accountsGetList /contents/0/id']],
    // The documented refusal is about its own id: replacing it with one of yours would make it succeed.
    ['not-allowed', []],
  ])('live, accountsGetDetail [%s] chains %j', (example, chained) => {
    expect(
      resolveValues(caseOf('accountsGetDetail', example), true, {}).chained.map(
        (c) => `${c.target} ← ${c.from.operationId} ${c.from.pointer}`,
      ),
    ).toEqual(chained);
  });

  it('an operation entry beats the chain, and deep-merges over the example', () => {
    const settings = file(`appsGetList:\n  body: { search: { accountId: ${ACCOUNT} } }`);
    expect(decided(resolveValues(caseOf('appsGetList'), true, settings))).toEqual({
      sent: { body: { search: { accountId: ACCOUNT } } },
      fromValues: ['/body/search/accountId'],
      chained: [],
    });
    // The refusal is about an account that is not the caller's: it gets a fresh id, never the one of the file.
    const refusal = resolveValues(caseOf('appsGetList', 'not-allowed'), true, settings);
    const sent = (refusal.request.body as { search: { accountId: string } }).search.accountId;
    expect({ fresh: refusal.fresh, fromValues: refusal.fromValues }).toEqual({ fresh: ['/body/search/accountId'], fromValues: [] });
    expect(sent).toMatch(/^[0-9A-Za-z]{22}$/);
    expect([ACCOUNT, 'diYqhQTq8C2csiy0neW2Jq']).not.toContain(sent);
  });

  it.each([
    ['appsGetDetail', 'no-such-app', '/body/id', /^[0-9A-Za-z]{22}$/],
    ['notebooksDelete', 'no-such-notebook', '/body/id', /^[0-9A-Za-z]{22}$/],
    [
      'showNodesInformation',
      'no-such-instance',
      '/params/instance_id',
      /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    ],
    ['listSessions', 'no-such-node', '/params/node_id', /^[0-9a-f]{32}no\d{2}$/],
    ['showJobInfo', 'invalid-parameter', '/params/job_id', /^[0-9a-f]{32}$/],
  ])('live, %s [%s] sends a fresh id at %s, in the documented format, new for each request', (operationId, example, pointer, format) => {
    const item = caseOf(operationId, example);
    const settings = file(`"*": { instance_id: ${INSTANCE}, accountId: ${ACCOUNT} }`);
    const sent = [1, 2, 3].map(() => resolveValues(item, true, settings));
    const ids = sent.map((resolved) => valueAt(resolved.request, pointer));
    expect(new Set(ids).size).toBe(3);
    for (const [index, resolved] of sent.entries()) {
      expect(resolved.fresh).toEqual([pointer]);
      expect(ids[index]).toMatch(format);
      expect(ids[index]).not.toBe(valueAt(item.example.request, pointer));
      expect(completeValues(resolved, new Map()).valuesFrom).toBe('fresh');
    }
    // Against the mock the example is sent as written.
    expect(valueAt(resolveValues(item, false, settings).request, pointer)).toBe(valueAt(item.example.request, pointer));
  });

  it('a field a request-determined error leaves out stays out, whatever the values file says', () => {
    const settings = file(`accountsResetKerberosKeytab:\n  body: { id: ${ACCOUNT} }`);
    expect(resolveValues(caseOf('accountsResetKerberosKeytab', 'missing-id'), true, settings).request).toEqual({});
    expect(resolveValues(caseOf('accountsResetKerberosKeytab'), true, settings).request.body).toEqual({ id: ACCOUNT });
  });

  it.each([
    ['appsCheckAvailableName', 'default', { accountId: ACCOUNT, name: 'dev24x7' }],
    ['appsGetList', 'default', { search: { accountId: ACCOUNT } }],
    ['appsCheckAvailableName', 'not-allowed', { accountId: 'adlZem05uh2coBZJ0SOWge', name: 'dev24x7' }],
    ['accountsGetDetail', 'default', { id: 'ArvQ8mZ2cLp4sWd7Tkfn' }],
  ])('"*": { accountId } in %s [%s] sends %j', (operationId, example, body) => {
    expect(resolveValues(caseOf(operationId, example), false, file(`"*": { accountId: ${ACCOUNT} }`)).request.body).toEqual(body);
  });

  it('the operation entry beats "*", which beats the environment', () => {
    const settings = {
      ...file(`"*": { project_id: ${PROJECT} }\nlistSessions:\n  query: { limit: 50 }`),
      env: { project_id: '0000ffff0000ffff0000ffff0000ffff' },
    };
    expect(decided(resolveValues(caseOf('listSessions'), true, settings))).toEqual({
      sent: {
        params: { project_id: PROJECT, node_id: '520c58ba00a3497e97ce0b9604874dd6no02' },
        query: { offset: 0, limit: 50 },
        body: undefined,
      },
      fromValues: ['/params/project_id', '/query/limit'],
      chained: ['/params/node_id ← listInstances /instances/0/groups/0/nodes/0/id'],
    });
    const entry = file(`"*": { accountId: A1b2C3d4E5f6G7h8J9k0 }\nappsGetList:\n  body: { search: { accountId: ${ACCOUNT} } }`);
    expect(resolveValues(caseOf('appsGetList'), true, entry).request.body).toEqual({ search: { accountId: ACCOUNT } });
  });

  it('a live run leaves out a filter naming a documented resource, unless the values file names one', () => {
    expect(resolveValues(caseOf('listInstances'), true, {}).request.query).toEqual({});
    const named = file(`listInstances:\n  query: { id: 0123456789abcdef0123456789abcdefin01 }`);
    expect(resolveValues(caseOf('listInstances'), true, named).request.query).toEqual({ id: '0123456789abcdef0123456789abcdefin01' });
    expect(resolveValues(caseOf('listInstances', 'clusters-by-name'), true, {}).request.query).toEqual(
      caseOf('listInstances', 'clusters-by-name').example.request.query,
    );
  });

  it.each([
    ['listClients', 'default', false, '/params/instance_id', []],
    ['listClients', 'default', true, undefined, ['/query/node_id ← showNodesInformation /nodes/0/node_id']],
    ['showNodesInformation', 'no-such-instance', false, undefined, []],
  ])('DCS %s [%s], instance in the values file: %s; missing %s, chains %j', (operationId, example, instance, missing, chained) => {
    const settings = instance ? file(`"*": { instance_id: ${INSTANCE} }`) : {};
    const resolved = resolveValues(caseOf(operationId, example), true, settings);
    expect(resolved.missing?.target).toBe(missing);
    expect(resolved.chained.map((c) => `${c.target} ← ${c.from.operationId} ${c.from.pointer}`)).toEqual(chained);
  });
});

describe('completeValues', () => {
  it('puts the chained values in, names their sources and compares those fields by shape', () => {
    const resolved = resolveValues(caseOf('notebooksGetSubnetDetail'), true, {});
    const values = completeValues(
      resolved,
      new Map<string, unknown>([
        ['/body/vpcNo', 9001],
        ['/body/subnetNo', 31337],
      ]),
    );
    expect(values).toEqual({
      request: { body: { vpcNo: 9001, subnetNo: 31337 } },
      valuesFrom: 'chained:notebooksGetVpcList,notebooksGetSubnetList',
      substituted: ['vpcNo', 'subnetNo'],
    });
  });

  it.each([
    ['nothing', 'accountsGetDetail', false, {}, 'example'],
    ['the values file', 'accountsGetDetail', true, file(`accountsGetDetail:\n  body: { id: ${ACCOUNT} }`), 'values'],
    ['a chain', 'appsGetDetail', true, {}, 'chained:appsGetList'],
    ['a chain and the project from the environment', 'listSessions', true, { env: { project_id: PROJECT } }, 'chained:listInstances'],
  ])('with %s, valuesFrom is %s', (_, operationId, live, settings, valuesFrom) => {
    const resolved = resolveValues(caseOf(operationId), live, settings);
    const taken = new Map(resolved.chained.map(({ target }) => [target, 'Tb2ziexhg0FcWx5eGUAm9q']));
    expect(completeValues(resolved, taken).valuesFrom).toBe(valuesFrom);
  });
});
