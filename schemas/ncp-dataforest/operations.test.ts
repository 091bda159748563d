import { describe, expect, test } from 'vitest';
import { ncpDataforest } from './index.ts';

/**
 * The operation tables of the Data Forest overview (seed 001), copied as printed. Each group's operationId prefix
 * and path segment are the ones the operation pages use.
 */
const OVERVIEW = [
  {
    group: 'Accounts',
    prefix: 'accounts',
    segment: 'accounts',
    names: [
      'checkAvailableName',
      'checkHasResource',
      'create',
      'getList',
      'getDetail',
      'getKerberosKeytab',
      'resetKerberosKeytab',
      'resetPassword',
      'setQuota',
      'delete',
    ],
  },
  {
    group: 'Notebooks',
    prefix: 'notebooks',
    segment: 'notebooks',
    names: [
      'getVpclist',
      'getVpcDetail',
      'getSubnetList',
      'getSubnetDetail',
      'getTypeList',
      'getServerTypeList',
      'getList',
      'getDetail',
      'getUserConfigurationSpecList',
      'checkAvailableName',
      'getLoginKeyList',
      'restart',
      'delete',
      'create',
      'setUserConfigurationList',
    ],
  },
  {
    group: 'Apps',
    prefix: 'apps',
    segment: 'apps',
    names: [
      'checkAvailableName',
      'getAppTypeIdList',
      'getAppBasicSetting',
      'getAppTypeTemplate',
      'create',
      'getList',
      'getDetail',
      'killContainer',
      'killMaster',
      'setContainerCount',
      'setLifetime',
      'start',
      'stop',
      'delete',
    ],
  },
  {
    group: 'AI Workspaces',
    prefix: 'aiWorkspaces',
    segment: 'aiworkspaces',
    names: [
      'checkAvailableName',
      'getDockerImageList',
      'create',
      'getList',
      'getDetail',
      'getConfigurationList',
      'setConfiguration',
      'delete',
    ],
  },
  { group: 'AI Apps', prefix: 'aiApps', segment: 'aiapps', names: ['submit', 'getList', 'getDetail', 'kill'] },
];

// The overview table prints "getVpclist"; the operation's own page title and URI say getVpcList.
const SPELLING_FIXES: Record<string, string> = { getVpclist: 'getVpcList' };

const expected = OVERVIEW.flatMap(({ group, prefix, segment, names }) =>
  names.map((printed) => {
    const name = SPELLING_FIXES[printed] ?? printed;
    return { group, route: `${prefix}${name[0]?.toUpperCase()}${name.slice(1)} POST /api/v2/${segment}/${name}` };
  }),
);

const { operations } = ncpDataforest;
const actual = operations.map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path}`);

function duplicates(values: string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

describe('ncp-dataforest operations against the overview list', () => {
  test('the overview table is the one printed: 10 + 15 + 14 + 8 + 4 = 51 operations', () => {
    expect(Object.fromEntries(OVERVIEW.map((g) => [g.group, g.names.length]))).toMatchInlineSnapshot(`
      {
        "AI Apps": 4,
        "AI Workspaces": 8,
        "Accounts": 10,
        "Apps": 14,
        "Notebooks": 15,
      }
    `);
    expect(expected).toHaveLength(51);
  });

  test('no overview operation is missing', () => {
    expect(expected.map((e) => e.route).filter((route) => !actual.includes(route))).toEqual([]);
  });

  test('no operation is outside the overview', () => {
    const known = new Set(expected.map((e) => e.route));
    expect(actual.filter((route) => !known.has(route))).toEqual([]);
  });

  test('no operationId or path is defined twice', () => {
    expect(duplicates(operations.map((op) => op.operationId))).toEqual([]);
    expect(duplicates(operations.map((op) => op.path))).toEqual([]);
  });

  test('the service has exactly 51 operations, in the overview order', () => {
    expect(actual).toEqual(expected.map((e) => e.route));
  });

  test('every operation is tagged with its overview group', () => {
    const groupOf = new Map(expected.map((e) => [e.route, e.group]));
    const mistagged = operations.flatMap((op, i) => {
      const group = groupOf.get(actual[i] ?? '');
      return group === undefined || (op.tags.length === 1 && op.tags[0] === group) ? [] : [`${op.operationId}: ${op.tags.join(', ')}`];
    });
    expect(mistagged).toEqual([]);
  });
});
