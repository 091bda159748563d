import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeXml } from './index.ts';

/**
 * How the decoder reads each way a server can change the layout of an array (issue 18): a field it cannot find
 * is missing, an array under another name or wrapper is a shape change (its items still read and checked), and
 * only elements that stand in for nothing the schema knows are additional.
 */
const Quota = z.object({ namespace: z.string(), spaceTb: z.number() });
const Account = z
  .object({
    id: z.string(),
    /** Unwrapped objects, required and never empty. */
    quotas: z.array(Quota).min(1),
    /** Unwrapped scalars, required, may be empty. */
    tags: z.array(z.string()),
    /** Wrapped, with named items. */
    labels: z.array(z.string().meta({ xml: { name: 'label' } })).meta({ xml: { wrapped: true } }),
    /** An array inside the items of an array. */
    apps: z.array(z.object({ name: z.string(), containers: z.array(z.object({ host: z.string() })).optional() })).optional(),
  })
  .meta({ xml: { name: 'Account' } });

const QUOTAS =
  '<quotas><namespace>koya</namespace><spaceTb>200</spaceTb></quotas><quotas><namespace>tata</namespace><spaceTb>100</spaceTb></quotas>';
const TAGS = '<tags>x</tags><tags>y</tags>';
const LABELS = '<labels><label>l1</label><label>l2</label></labels>';
const APPS = '<apps><name>a1</name><containers><host>h1</host></containers><containers><host>h2</host></containers></apps>';
const FAITHFUL = { quotas: QUOTAS, tags: TAGS, labels: LABELS, apps: APPS };

const VALUE = {
  id: 'a',
  quotas: [
    { namespace: 'koya', spaceTb: 200 },
    { namespace: 'tata', spaceTb: 100 },
  ],
  tags: ['x', 'y'],
  labels: ['l1', 'l2'],
  apps: [{ name: 'a1', containers: [{ host: 'h1' }, { host: 'h2' }] }],
};

/** The document with some parts written another way. */
function account(parts: Partial<typeof FAITHFUL> & { extra?: string }): string {
  const { quotas, tags, labels, apps, extra } = { ...FAITHFUL, ...parts };
  return `<Account><id>a</id>${quotas}${tags}${labels}${apps}${extra ?? ''}</Account>`;
}

function rename(xml: string, from: string, to: string): string {
  return xml.replaceAll(`<${from}>`, `<${to}>`).replaceAll(`</${from}>`, `</${to}>`);
}

/** What a reader of the decoder sees: shape changes, additional elements, and what the schema then says. */
function verdict(xml: string) {
  const { value, unknown, shape } = decodeXml(Account, xml);
  const parsed = Account.safeParse(value);
  return {
    shape: shape.map((issue) => `${issue.pointer}: ${issue.actual}`),
    unknown: unknown.map((element) => element.pointer),
    schema: parsed.success ? [] : parsed.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`),
    value,
  };
}

const none = { shape: [], unknown: [], schema: [] };

describe('array layout changes', () => {
  it.each([
    ['faithful', account({}), none, VALUE],
    [
      'one-item array (objects)',
      account({ quotas: QUOTAS.slice(0, QUOTAS.indexOf('</quotas>') + 9) }),
      none,
      { quotas: [VALUE.quotas[0]] },
    ],
    ['one-item array (scalars)', account({ tags: '<tags>x</tags>' }), none, { tags: ['x'] }],
    [
      'removed: a required array that may not be empty is missing',
      account({ quotas: '' }),
      { ...none, schema: ['/quotas: Invalid input: expected array, received undefined'] },
      { quotas: undefined },
    ],
    ['removed: a required array that may be empty is empty (the same XML)', account({ tags: '' }), none, { tags: [] }],
    [
      'removed: an optional array inside an item is absent',
      account({ apps: '<apps><name>a1</name></apps>' }),
      none,
      { apps: [{ name: 'a1' }] },
    ],
    [
      'renamed items',
      account({ quotas: rename(QUOTAS, 'quotas', 'quota') }),
      { ...none, shape: ['/quotas: <quota> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'renamed, one item',
      account({ quotas: '<quota><namespace>koya</namespace><spaceTb>200</spaceTb></quota>' }),
      { ...none, shape: ['/quotas: <quota> repeated once per item, no wrapper'] },
      { quotas: [VALUE.quotas[0]] },
    ],
    [
      'renamed to an unrelated name, items complete',
      account({ quotas: rename(QUOTAS, 'quotas', 'limits') }),
      { ...none, shape: ['/quotas: <limits> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'renamed, and the items drifted too: still checked',
      account({ quotas: '<quota><namespace>koya</namespace></quota>' }),
      {
        ...none,
        shape: ['/quotas: <quota> repeated once per item, no wrapper'],
        schema: ['/quotas/0/spaceTb: Invalid input: expected number, received undefined'],
      },
      { quotas: [{ namespace: 'koya' }] },
    ],
    [
      'wrapped in a new element',
      account({ quotas: `<quotasList>${QUOTAS}</quotasList>` }),
      { ...none, shape: ['/quotas: <quotasList> wrapping <quotas> items'] },
      VALUE,
    ],
    [
      'wrapped in its own name, items renamed',
      account({ quotas: `<quotas>${rename(QUOTAS, 'quotas', 'quota')}</quotas>` }),
      { ...none, shape: ['/quotas: <quotas> wrapping <quota> items'] },
      VALUE,
    ],
    [
      'wrapped in its own name, items keeping it',
      account({ quotas: `<quotas>${QUOTAS}</quotas>` }),
      { ...none, shape: ['/quotas: <quotas> wrapping <quotas> items'] },
      VALUE,
    ],
    [
      'scalars renamed',
      account({ tags: rename(TAGS, 'tags', 'tag') }),
      { ...none, shape: ['/tags: <tag> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'scalars wrapped',
      account({ tags: `<tagList>${TAGS}</tagList>` }),
      { ...none, shape: ['/tags: <tagList> wrapping <tags> items'] },
      VALUE,
    ],
    [
      'scalars wrapped in their own name',
      account({ tags: '<tags><item>x</item><item>y</item></tags>' }),
      { ...none, shape: ['/tags: <tags> wrapping <item> items'] },
      VALUE,
    ],
    [
      'nested: renamed inside an item',
      account({ apps: rename(APPS, 'containers', 'container') }),
      { ...none, shape: ['/apps/0/containers: <container> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'nested: wrapped inside an item',
      account({ apps: APPS.replace('<containers>', '<containerList><containers>').replace('</apps>', '</containerList></apps>') }),
      { ...none, shape: ['/apps/0/containers: <containerList> wrapping <containers> items'] },
      VALUE,
    ],
    [
      'wrapped schema: the wrapper removed',
      account({ labels: '<label>l1</label><label>l2</label>' }),
      { ...none, shape: ['/labels: <label> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'wrapped schema: unwrapped, the items taking the wrapper name',
      account({ labels: '<labels>l1</labels><labels>l2</labels>' }),
      { ...none, shape: ['/labels: <labels> repeated once per item, no wrapper'] },
      VALUE,
    ],
    [
      'wrapped schema: unwrapped, one item',
      account({ labels: '<labels>l1</labels>' }),
      { ...none, shape: ['/labels: <labels> repeated once per item, no wrapper'] },
      { labels: ['l1'] },
    ],
    [
      'wrapped schema: items renamed',
      account({ labels: '<labels><item>l1</item><item>l2</item></labels>' }),
      { ...none, shape: ['/labels: <labels> wrapping <item> items'] },
      VALUE,
    ],
    [
      'wrapped schema: wrapper renamed',
      account({ labels: '<labelList><label>l1</label><label>l2</label></labelList>' }),
      { ...none, shape: ['/labels: <labelList> wrapping <label> items'] },
      VALUE,
    ],
    [
      'wrapped schema: removed',
      account({ labels: '' }),
      { ...none, schema: ['/labels: Invalid input: expected array, received undefined'] },
      { labels: undefined },
    ],
    ['wrapped schema: an empty wrapper is an empty array', account({ labels: '<labels/>' }), none, { labels: [] }],
    ['extra element', account({ extra: '<region>KR</region>' }), { ...none, unknown: ['/region'] }, VALUE],
    [
      'extra element inside an item',
      account({ quotas: QUOTAS.replace('</quotas>', '<unit>TB</unit></quotas>') }),
      { ...none, unknown: ['/quotas/0/unit'] },
      VALUE,
    ],
    [
      'extra element inside a wrapper, beside the items',
      account({ labels: '<labels><label>l1</label><label>l2</label><count>2</count></labels>' }),
      { ...none, unknown: ['/labels/count'] },
      VALUE,
    ],
    [
      'extra element where an empty array is: additional, not the array',
      account({ tags: '', extra: '<tagline>hello</tagline>' }),
      { ...none, unknown: ['/tagline'] },
      { tags: [] },
    ],
    [
      'extra element that does not read as a complete item: additional',
      account({ extra: '<owner><namespace>koya</namespace></owner>' }),
      { ...none, unknown: ['/owner'] },
      VALUE,
    ],
  ])('%s', (_name, xml, expected, value) => {
    const found = verdict(xml);
    expect({ shape: found.shape, unknown: found.unknown, schema: found.schema }).toEqual(expected);
    expect(found.value).toEqual({ ...VALUE, ...value });
  });

  it('reports a shape change with both layouts, a message and where the found one starts', () => {
    const { shape } = decodeXml(Account, account({ quotas: `\n<quotasList>${QUOTAS}</quotasList>` }));
    expect(shape).toMatchInlineSnapshot(`
      [
        {
          "actual": "<quotasList> wrapping <quotas> items",
          "column": 1,
          "expected": "<quotas> repeated once per item, no wrapper",
          "line": 2,
          "message": "the array is written as <quotasList> wrapping <quotas> items; the documented form is <quotas> repeated once per item, no wrapper",
          "pointer": "/quotas",
        },
      ]
    `);
  });
});

describe('telling a stand-in from additional content stays linear', () => {
  interface Tree {
    name: string;
    left?: Tree[];
    right?: Tree[];
  }
  const Tree: z.ZodType<Tree> = z.lazy(() =>
    z.object({ name: z.string(), left: z.array(Tree).optional(), right: z.array(Tree).optional() }),
  );

  it('an unknown element that could be the items of either of two arrays, nested 30 deep, is read a bounded number of times', () => {
    // Each <x> holds only fields of a tree, so it is tried as the items of `left` and of `right`; read on trial
    // recursively, each level would double the work (2^30 reads).
    const depth = 30;
    const xml = `<Root><name>r</name>${'<x><name>n</name><left><name>l</name>'.repeat(depth)}${'</left></x>'.repeat(depth)}</Root>`;
    const { value, unknown, shape } = decodeXml(Tree, xml);
    expect({ value, unknown: unknown.map((element) => element.pointer), shape }).toEqual({
      value: { name: 'r' },
      unknown: ['/x'],
      shape: [],
    });
  });
});
