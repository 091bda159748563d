import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOperation } from './extract.ts';
import type { FieldNode } from './model.ts';
import { pageFromBytes, readSource } from './read.ts';
import { sharedInputs } from './shared-inputs.ts';
import { fieldRows } from './tables.ts';

/** `name:type` per field, `?` when optional, nested as `quotas[].namespace`. */
const fields = (node: FieldNode | undefined, prefix = ''): string[] =>
  Object.entries(node?.properties ?? {}).flatMap(([key, member]) => [
    `${prefix}${key}:${member.type}${member.required === true ? '' : '?'}`,
    ...fields(member.type === 'array' ? member.items : member, `${prefix}${key}${member.type === 'array' ? '[]' : ''}.`),
  ]);

const shared = sharedInputs();

/** One page of each layout and language, read as the importer reads it. */
const PAGES = [
  {
    file: 'seeds/000_0d6946aeeb36bb0c.txt',
    layout: 'ncp-classic',
    language: 'en',
    route: 'POST /api/v2/apps/killMaster',
    request: 'id:string',
    response: 'id:string message:string success:boolean',
    statuses: '200',
  },
  {
    file: 'seeds/002_55ceacb2b1fe6d53.txt',
    layout: 'huawei',
    language: 'en',
    route: 'POST /v2/{project_id}/instances/{instance_id}/clients/kill-all',
    request: 'node_id:string? kill_all_nodes:boolean?',
    response: 'job_id:string',
    statuses: '200 400 401 403 404 500',
  },
  {
    file: 'seeds/003_64f7ad023337ba3f.txt',
    layout: 'ncp-classic',
    language: 'ko',
    route: 'POST /api/v2/accounts/getDetail',
    request: 'id:string',
    response:
      'createdAt:string id:string message:string? name:string quotas:array quotas[].fileCountMillion:integer quotas[].namespace:string quotas[].spaceTb:integer status:string success:boolean',
    statuses: '200 403',
  },
  {
    file: 'seeds/004_393ef0da07d9456c.txt',
    layout: 'huawei',
    language: 'en',
    route: 'POST /v3/{project_id}/nodes/{node_id}/session',
    request: 'sessions:array',
    response: '',
    statuses: '200',
  },
  {
    file: 'vendor-pages/ncp-dataforest-accounts-checkavailablename-3.txt',
    layout: 'ncp-modern',
    language: 'ja',
    route: 'POST /api/v2/accounts/checkAvailableName',
    request: 'name:string',
    response: 'success:boolean availableName:boolean message:string?',
    statuses: '200',
  },
  {
    file: 'vendor-pages/ncp-dataforest-accounts-getlist-7.txt',
    layout: 'ncp-modern',
    language: 'ko',
    route: 'POST /api/v2/accounts/getList',
    request: '',
    response:
      'success:boolean total:integer contents:array contents[].id:string contents[].name:string contents[].principal:string contents[].status:string contents[].createdAt:string contents[].disabled:boolean',
    statuses: '200',
  },
  {
    file: 'vendor-pages/ncp-dataforest-accounts-checkhasresource-2.txt',
    layout: 'ncp-classic',
    language: 'ja',
    route: 'POST /api/v2/accounts/checkHasResource',
    request: 'id:string',
    response: 'success:boolean hasResource:boolean message:string? id:string?',
    statuses: '200',
  },
  {
    file: 'vendor-pages/ncp-dataforest-accounts-setquota-7.txt',
    layout: 'ncp-modern',
    language: 'en',
    route: 'POST /api/v2/accounts/setQuota',
    request: 'id:string namespace:string fileCountMillion:integer spaceTb:integer',
    response: 'success:boolean id:string message:string?',
    statuses: '200',
  },
  {
    file: 'vendor-pages/huawei-dcs-scanclients-6.txt',
    layout: 'huawei',
    language: 'en',
    route: 'POST /v2/{project_id}/instances/{instance_id}/clients',
    request: 'node_id:string clean_cache:boolean?',
    response: 'job_id:string',
    statuses: '200 400 401 403 404 500',
  },
  {
    file: 'vendor-pages/ncp-dataforest-accounts-create-6.txt',
    layout: 'ncp-classic',
    language: 'ko',
    route: 'POST /api/v2/accounts/create',
    request: 'name:string password:string',
    response: 'id:string message:string success:boolean',
    statuses: '200',
  },
];

describe.skipIf(!shared)('extractOperation on saved pages (skipped: no ../shared beside the repository)', () => {
  it.each(PAGES)('$file: $layout/$language $route', async (expected) => {
    const root = join(shared?.seeds ?? '', '..');
    const op = extractOperation(await readSource(join(root, expected.file), root));
    expect({
      file: expected.file,
      layout: op.layout,
      language: op.language,
      route: `${op.method.toUpperCase()} ${op.path}`,
      request: fields(op.request?.root).join(' '),
      response: fields(op.responses.find((r) => r.status === 200)?.body?.root).join(' '),
      statuses: op.responses.map((r) => r.status).join(' '),
    }).toEqual(expected);
  });

  it('keeps the XML samples as written and notes the example that is not JSON (killMaster)', async () => {
    const op = extractOperation(await readSource(join(shared?.seeds ?? '', '000_0d6946aeeb36bb0c.txt'), '.'));
    expect(op.request?.xmlName).toBe('KillAppMasterRequest');
    expect(op.request?.xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<KillAppMasterRequest>\n    <id>string</id>\n</KillAppMasterRequest>',
    );
    expect(op.notes).toEqual([
      'The request example at line 74 of the page is not valid JSON (a trailing comma); the example uses the next one that parses.',
    ]);
    expect(op.examples[0]?.request?.body).toEqual({ id: 'A4LI7d5mRn1f6M2HxZAEE2' });
  });

  it('puts the example URL ids back as the path parameters the page lists (DDS deleteSession)', async () => {
    const op = extractOperation(await readSource(join(shared?.seeds ?? '', '004_393ef0da07d9456c.txt'), '.'));
    expect(op.action).toBe('deleteSession');
    expect(op.examples[0]?.request?.params).toEqual({
      project_id: '619d3e78f61b4be68bc5aa0b59edcf7b',
      node_id: '520c58ba00a3497e97ce0b9604874dd6no02',
    });
  });
});

describe('field tables', () => {
  const cases = [
    {
      name: 'pipe rows with cells over several lines (NCP modern)',
      lines: [
        'Field | Type | Required | Description |',
        '---|---|---|---|',
        'name |',
        'String | Required | Display name',
        '- 3 to 15 characters',
        '|',
        'size |',
        'Integer | Optional | Size in GB',
        '|',
      ],
      rows: ['name String Required Display name - 3 to 15 characters', 'size Integer Optional Size in GB'],
    },
    {
      name: 'pipe rows opened by a lone | (Huawei text form)',
      lines: [
        '|',
        'Parameter |',
        'Mandatory |',
        'Type |',
        'Description |',
        '|---|---|---|---|',
        '|',
        'zone |',
        'No |',
        'String |',
        'Zone name. |',
      ],
      rows: ['zone String No Zone name.'],
    },
    {
      name: 'one cell per line (Huawei HTML text)',
      lines: [
        'Parameter',
        'Mandatory',
        'Type',
        'Description',
        'limit',
        'No',
        'Integer',
        'Page size.',
        'Default: 10',
        'offset',
        'No',
        'Integer',
        'Start.',
      ],
      rows: ['limit Integer No Page size. Default: 10', 'offset Integer No Start.'],
    },
    {
      name: 'cells run together (NCP classic text)',
      lines: [
        'Parameter nameRequirement statusTypeRestrictionsDescription',
        'nameYESStringUp to 30 characters',
        'Display name',
        'countNOIntegerNumber of nodes',
      ],
      rows: ['name String YES Up to 30 characters Display name', 'count Integer NO Number of nodes'],
    },
  ];
  it.each(cases)('$name', ({ lines, rows }) => {
    expect(fieldRows(lines, 0, lines.length).map((r) => [r.name, r.type, r.required, r.text].join(' '))).toEqual(rows);
  });
});

describe('HTML pages', () => {
  /** A page in the NCP modern layout, as a browser saves it (written for this test). */
  const html = `<!doctype html><html><head><title>t</title><script>var x = '<table>';</script></head><body>
    <nav>Docs menu</nav><p>Available in VPC</p><p>Resize a volume.</p><h2>Request</h2>
    <table><thead><tr><th>Method</th><th>URI</th></tr></thead><tbody><tr><td>POST</td><td>/api/v2/volumes/resize</td></tr></tbody></table>
    <h3>Request body</h3>
    <table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead>
    <tbody><tr><td>id</td><td>String</td><td>Required</td><td>Volume id<br>up to 22 characters</td></tr>
    <tr><td>sizeGb</td><td>Integer</td><td>Optional</td><td>New size</td></tr></tbody></table>
    <h3>Request example</h3><pre><code>curl --request POST 'https://api.example.com/api/v2/volumes/resize' \\
--data '{
  "id": "abc",
  "sizeGb": 20
}'</code></pre>
    <h2>Response</h2><h3>Response example</h3><pre>{
  "success": true
}</pre></body></html>`;

  it('reads an HTML page through the parser into the same model as its text', () => {
    const op = extractOperation(pageFromBytes(new TextEncoder().encode(html), 'resize.html'));
    expect([op.layout, op.method, op.path]).toEqual(['ncp-modern', 'post', '/api/v2/volumes/resize']);
    expect(fields(op.request?.root)).toEqual(['id:string', 'sizeGb:integer?']);
    expect(op.request?.root.properties?.id?.constraints).toEqual({ maxLength: 22 });
    expect(op.examples[0]?.request?.body).toEqual({ id: 'abc', sizeGb: 20 });
    expect(fields(op.responses[0]?.body?.root)).toEqual(['success:boolean']);
  });
});
