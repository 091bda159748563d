import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { planCases } from '../runner/plan.ts';
import { progressLine, startLine, summaryLine } from './console.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { MAX_MARKDOWN_CHARS, markdownReport } from './markdown.ts';
import { buildReport, type PlannedCase, type Report, type Result } from './report.ts';

const base = { service: 'ncp-dataforest', method: 'POST', attempts: 1, valuesFrom: 'example', targetKind: 'live' } as const;

const passed: Result = {
  ...base,
  operationId: 'accountsGetDetail',
  path: '/api/v2/accounts/getDetail',
  example: 'default',
  format: 'json',
  status: 'passed',
  httpStatus: 200,
  durationMs: 3,
  findings: [
    {
      rule: 'response-unexpected-field',
      severity: 'warning',
      pointer: '/region',
      expected: 'undefined',
      actual: 'present',
      message: '/region: field is not in the schema (additive drift)',
    },
  ],
};

const failed: Result = {
  ...base,
  operationId: 'accountsGetDetail',
  path: '/api/v2/accounts/getDetail',
  example: 'default',
  format: 'xml',
  status: 'failed',
  httpStatus: 200,
  durationMs: 4,
  attempts: 2,
  findings: [
    {
      rule: 'xml-shape',
      severity: 'error',
      pointer: '/quotas',
      expected: '<quotas> repeated once per item, no wrapper',
      actual: '<quotas> wrapping <quota> items',
      message: '/quotas: the array is wrapped | "quoted" & <b>',
    },
  ],
};

const skipped: Result = {
  ...base,
  operationId: 'appsKillMaster',
  path: '/api/v2/apps/killMaster',
  example: 'default',
  format: 'json',
  status: 'skipped',
  httpStatus: null,
  durationMs: 0,
  attempts: 0,
  findings: [
    {
      rule: 'unsafe-skipped',
      severity: 'warning',
      pointer: '',
      expected: 'safety: read',
      actual: 'safety: destructive',
      message: 'not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it',
    },
  ],
};

const unreachable: Result = {
  ...base,
  operationId: 'accountsGetList',
  path: '/api/v2/accounts/getList',
  example: 'default',
  format: 'json',
  status: 'failed',
  httpStatus: null,
  durationMs: 2,
  attempts: 1,
  findings: [
    {
      rule: 'transport',
      severity: 'error',
      pointer: '',
      expected: 'a response',
      actual: 'CLIENT_NETWORK',
      message: 'https://df.apigw.ntruss.com/api/v2/accounts/getList: ECONNREFUSED',
    },
  ],
};

/** The cases these results are of: each result's own, as the run planned them. */
function plannedFor(results: readonly Result[]) {
  const names = new Set(results.map((r) => `${r.operationId} ${r.example} ${r.format}`));
  return planCases(services, { operations: [...new Set(results.map((r) => r.operationId))] }).filter((c) =>
    names.has(`${c.operation.operationId} ${c.example.name} ${c.format}`),
  );
}

function reportOf(results: Result[], interrupted = false, planned: readonly PlannedCase[] = plannedFor(results)): Report {
  return buildReport({ target: 'https://df.apigw.ntruss.com', planned, results, interrupted });
}

const report = reportOf([passed, failed, skipped]);

describe('reporters', () => {
  it('console: one line per result, findings indented, then the summary', () => {
    expect([passed, failed, skipped].map(progressLine).join('') + summaryLine(report, 12.4)).toMatchInlineSnapshot(`
      "✓ ncp-dataforest accountsGetDetail default json 200 3ms
          ! response-unexpected-field: /region: field is not in the schema (additive drift)
      ✗ ncp-dataforest accountsGetDetail default xml 200 4ms (2 attempts)
          ✗ xml-shape: /quotas: the array is wrapped | "quoted" & <b>
      - ncp-dataforest appsKillMaster default json skipped: not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it
      1 passed, 1 failed (1 drift), 1 skipped (1 warning) in 12ms against https://df.apigw.ntruss.com
      "
    `);
  });

  type Start = Parameters<typeof startLine>[0];
  const start = (
    cases: number,
    examples: number,
    formats: Start['formats'],
    kind: 'mock' | 'live' | 'running mock',
    ...urls: [string, string][]
  ): Start => ({
    cases,
    examples,
    formats,
    targets: urls.map(([service, baseUrl]) => ({
      service,
      kind: kind === 'live' ? 'live' : 'mock',
      baseUrl,
      embedded: kind === 'mock',
    })),
  });

  it.each<[string, Start, string]>([
    [
      'the mock',
      start(286, 154, ['json', 'xml'], 'mock', ['ncp-dataforest', 'http://127.0.0.1:4321']),
      'running 286 cases (154 examples in json, xml) against the embedded mock at http://127.0.0.1:4321',
    ],
    [
      'a running mock (test --base-url)',
      start(286, 154, ['json', 'xml'], 'running mock', ['ncp-dataforest', 'http://127.0.0.1:4010']),
      'running 286 cases (154 examples in json, xml) against an api-contracts mock at http://127.0.0.1:4010',
    ],
    [
      'one live URL for every service',
      start(1, 1, ['json'], 'live', ['huawei-dcs', 'https://x.example'], ['huawei-dds', 'https://x.example']),
      'running 1 case (1 example in json) against https://x.example (live)',
    ],
    [
      'a URL per service',
      start(20, 10, ['json'], 'live', ['huawei-dcs', 'https://dcs.example'], ['huawei-dds', 'https://dds.example']),
      'running 20 cases (10 examples in json) against huawei-dcs=https://dcs.example, huawei-dds=https://dds.example (live)',
    ],
  ])('console: the start line names every target (%s)', (_, start, line) => {
    expect(startLine(start)).toBe(`${line}\n`);
  });

  it.each<[string, Report, string]>([
    [
      'drift and could-not-verify apart',
      reportOf([passed, failed, unreachable]),
      '1 passed, 2 failed (1 drift, 1 could not verify), 0 skipped (1 warning)',
    ],
    [
      'interrupted: the counts so far',
      reportOf([passed], true, plannedFor([passed, failed])),
      'interrupted after 1 of 2 cases: 1 passed, 0 failed, 0 skipped (1 warning)',
    ],
  ])('console summary: %s', (_, given, line) => {
    expect(summaryLine(given, 5)).toBe(`${line} in 5ms against https://df.apigw.ntruss.com\n`);
  });

  it('json: the documented shape (docs/reports.md), every field of every result', () => {
    const parsed = JSON.parse(jsonReport(report));
    expect(Object.keys(parsed)).toEqual(['target', 'summary', 'results', 'coverage']);
    expect(parsed.summary).toEqual({
      passed: 1,
      failed: 1,
      skipped: 1,
      drift: 1,
      couldNotVerify: 0,
      verifiedSuccesses: 1,
      planned: 3,
      interrupted: false,
      nothingVerified: false,
      emptyShard: false,
    });
    expect(Object.keys(parsed.results[0]).sort()).toEqual(
      [
        'service',
        'operationId',
        'method',
        'path',
        'example',
        'format',
        'status',
        'httpStatus',
        'durationMs',
        'attempts',
        'valuesFrom',
        'targetKind',
        'findings',
      ].sort(),
    );
    expect(Object.keys(parsed.results[0].findings[0]).sort()).toEqual(['actual', 'expected', 'message', 'pointer', 'rule', 'severity']);
    expect(parsed.coverage.filter((row: { operationId: string }) => row.operationId === 'appsKillMaster')).toEqual([
      {
        service: 'ncp-dataforest',
        operationId: 'appsKillMaster',
        httpStatus: 200,
        format: 'json',
        state: 'skipped',
        examples: ['default', 'schema-sample'],
        rule: 'unsafe-skipped',
        reason: 'not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it',
      },
      { service: 'ncp-dataforest', operationId: 'appsKillMaster', httpStatus: 400, format: 'json', state: 'no-example', examples: [] },
      { service: 'ncp-dataforest', operationId: 'appsKillMaster', httpStatus: 403, format: 'json', state: 'no-example', examples: [] },
      {
        service: 'ncp-dataforest',
        operationId: 'appsKillMaster',
        httpStatus: 404,
        format: 'json',
        state: 'not-run',
        examples: ['no-such-app'],
      },
      { service: 'ncp-dataforest', operationId: 'appsKillMaster', httpStatus: 500, format: 'json', state: 'no-example', examples: [] },
    ]);
    expect(parsed).toEqual(report);
  });

  it('junit: a testsuite per service, failures and skips with their findings, well-formed', () => {
    const xml = junitReport(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="api-contracts https://df.apigw.ntruss.com" tests="3" failures="1" errors="0" skipped="1" time="0.007">
        <testsuite name="ncp-dataforest" tests="3" failures="1" errors="0" skipped="1" time="0.007">
          <testcase classname="ncp-dataforest.accountsGetDetail" name="accountsGetDetail [default] json" time="0.003">
            <system-out>warning response-unexpected-field /region: expected undefined, actual present
        /region: field is not in the schema (additive drift)</system-out>
          </testcase>
          <testcase classname="ncp-dataforest.accountsGetDetail" name="accountsGetDetail [default] xml" time="0.004">
            <failure message="xml-shape: /quotas: the array is wrapped | &quot;quoted&quot; &amp; &lt;b&gt;" type="xml-shape">error xml-shape /quotas: expected &lt;quotas&gt; repeated once per item, no wrapper, actual &lt;quotas&gt; wrapping &lt;quota&gt; items
        /quotas: the array is wrapped | &quot;quoted&quot; &amp; &lt;b&gt;</failure>
          </testcase>
          <testcase classname="ncp-dataforest.appsKillMaster" name="appsKillMaster [default] json" time="0.000">
            <skipped message="not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it"/>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });

  it('junit: a response that could not be verified is an <error>, counted in errors=, not failures=', () => {
    const xml = junitReport(reportOf([failed, unreachable]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.split('\n').filter((line) => /<testsuites? |<error|<failure/.test(line))).toMatchInlineSnapshot(`
      [
        "<testsuites name="api-contracts https://df.apigw.ntruss.com" tests="2" failures="1" errors="1" skipped="0" time="0.006">",
        "  <testsuite name="ncp-dataforest" tests="2" failures="1" errors="1" skipped="0" time="0.006">",
        "      <failure message="xml-shape: /quotas: the array is wrapped | &quot;quoted&quot; &amp; &lt;b&gt;" type="xml-shape">error xml-shape /quotas: expected &lt;quotas&gt; repeated once per item, no wrapper, actual &lt;quotas&gt; wrapping &lt;quota&gt; items",
        "      <error message="transport: https://df.apigw.ntruss.com/api/v2/accounts/getList: ECONNREFUSED" type="transport">error transport /: expected a response, actual CLIENT_NETWORK",
      ]
    `);
  });

  it('junit: an interrupted run is marked, and red whatever ran', () => {
    const xml = junitReport(reportOf([passed], true, plannedFor([passed, failed])));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="api-contracts https://df.apigw.ntruss.com" tests="2" failures="0" errors="1" skipped="0" time="0.003">
        <testsuite name="ncp-dataforest" tests="1" failures="0" errors="0" skipped="0" time="0.003">
          <properties>
            <property name="interrupted" value="true"/>
          </properties>
          <testcase classname="ncp-dataforest.accountsGetDetail" name="accountsGetDetail [default] json" time="0.003">
            <system-out>warning response-unexpected-field /region: expected undefined, actual present
        /region: field is not in the schema (additive drift)</system-out>
          </testcase>
        </testsuite>
        <testsuite name="api-contracts" tests="1" failures="0" errors="1" skipped="0" time="0.000">
          <properties>
            <property name="interrupted" value="true"/>
          </properties>
          <testcase classname="api-contracts" name="run" time="0.000">
            <error message="interrupted after 1 of 2 cases: the results are partial" type="interrupted"/>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });

  it('junit: a run in which no documented success passed is red, though no testcase failed', () => {
    const xml = junitReport(reportOf([{ ...passed, httpStatus: 404, findings: [] }]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.split('\n').filter((line) => /<testsuites |<error /.test(line))).toEqual([
      '<testsuites name="api-contracts https://df.apigw.ntruss.com" tests="2" failures="0" errors="1" skipped="0" time="0.003">',
      '      <error message="no documented success of any selected operation passed: the run verified nothing" type="nothing-verified"/>',
    ]);
    expect(junitReport(reportOf([passed]))).not.toContain('nothing-verified');
  });

  it('junit: text a server sent cannot break the document', () => {
    const hostile: Result = {
      ...failed,
      findings: [{ ...(failed.findings[0] as Result['findings'][number]), message: 'bad \u0001 byte ]]> </failure>' }],
    };
    expect(XMLValidator.validate(junitReport({ ...report, results: [hostile] }))).toBe(true);
  });

  it('markdown: the headline, totals, findings grouped, skips folded, then the coverage', () => {
    expect(markdownReport(report)).toMatchInlineSnapshot(`
      "## API contracts: ❌ drift in 1 case

      Target: \`https://df.apigw.ntruss.com\` · **1 passed** · **1 drift** · **0 could not verify** · 1 skipped · 1 warning

      ### Drift

      | Rule | Count | Pointer | Expected | Actual | Message (first) | Results |
      |---|---|---|---|---|---|---|
      | xml-shape | 1 | \`/quotas\` | \`<quotas> repeated once per item, no wrapper\` | \`<quotas> wrapping <quota> items\` | /quotas: the array is wrapped \\| "quoted" & <b> | ncp-dataforest accountsGetDetail [default] xml |

      <details><summary>Warnings (additive drift)</summary>

      | Rule | Count | Pointer | Expected | Actual | Message (first) | Results |
      |---|---|---|---|---|---|---|
      | response-unexpected-field | 1 | \`/region\` | \`undefined\` | \`present\` | /region: field is not in the schema (additive drift) | ncp-dataforest accountsGetDetail [default] json |

      </details>

      <details><summary>Skipped</summary>

      | Rule | Count | Reason (first) | Results |
      |---|---|---|---|
      | unsafe-skipped | 1 | not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it | ncp-dataforest appsKillMaster [default] json |

      </details>

      ### Coverage

      Each documented status × format, counted by what this run verified of it.

      | Service | Documented | Verified live | Verified on the mock | Skipped | Failed | Could not verify | No example | Not run |
      |---|---|---|---|---|---|---|---|---|
      | ncp-dataforest | 15 | 1 | 0 | 1 | 1 | 0 | 9 | 3 |

      <details><summary>Not verified live: 2 operations</summary>

      | Operation | Documented responses |
      |---|---|
      | ncp-dataforest accountsGetDetail | not run: 403 · failed (xml-shape): 200 xml |
      | ncp-dataforest appsKillMaster | skipped (unsafe-skipped): 200 · not run: 404 |

      </details>

      <details><summary>Documented without an example (nothing sends them): 2 operations</summary>

      | Operation | Documented responses |
      |---|---|
      | ncp-dataforest accountsGetDetail | no example: 400, 404, 500 |
      | ncp-dataforest appsKillMaster | no example: 400, 403, 500 |

      </details>
      "
    `);
  });

  const interruptedSkip: Result = {
    ...passed,
    status: 'skipped',
    httpStatus: null,
    findings: [{ rule: 'interrupted', severity: 'warning', pointer: '', expected: '', actual: '', message: 'interrupted' }],
  };

  it.each<[string, Report, string]>([
    ['every contract held', reportOf([passed]), '✅ all contracts hold'],
    ['nothing was sent', reportOf([skipped]), '❌ nothing verified: all 1 case skipped'],
    [
      'only error examples passed',
      reportOf([{ ...passed, httpStatus: 404 }]),
      '❌ nothing verified: no documented success of any selected operation passed (1 error example cannot count alone)',
    ],
    ['an empty shard', reportOf([], false, []), '✅ empty shard: no selected operation falls in it, nothing to run'],
    ['drift', reportOf([passed, failed]), '❌ drift in 1 case'],
    ['only unreachable', reportOf([passed, unreachable]), '❌ 1 case could not be verified (no drift found in the rest)'],
    ['drift and unreachable', reportOf([failed, unreachable]), '❌ drift in 1 case; 1 more could not be verified'],
    [
      'Ctrl-C left results unsent',
      reportOf([passed, interruptedSkip], true, plannedFor([passed, failed, skipped])),
      '⚠️ interrupted after 2 of 3 cases',
    ],
    ['Ctrl-C after the last result', reportOf([passed], true), '⚠️ interrupted after 1 of 1 case'],
    [
      'Ctrl-C after drift',
      reportOf([failed, unreachable], true),
      '⚠️ interrupted after 2 of 2 cases · ❌ drift in 1 case; 1 more could not be verified',
    ],
  ])('markdown headline when %s', (_name, given, headline) => {
    expect(markdownReport(given).split('\n')[0]).toBe(`## API contracts: ${headline}`);
  });

  it('markdown: identical findings are one row with a count', () => {
    const many = Array.from({ length: 62 }, (_, i) => ({ ...unreachable, example: `e${i}` }));
    const [one] = plannedFor([unreachable]);
    const text = markdownReport(reportOf(many, false, one ? many.map((r) => ({ ...one, example: { name: r.example } })) : []));
    expect(text).toContain(
      '| transport | 62 |  | `a response` | `CLIENT_NETWORK` | https://df.apigw.ntruss.com/api/v2/accounts/getList: ECONNREFUSED | ncp-dataforest accountsGetList [e0] json, ncp-dataforest accountsGetList [e1] json, ncp-dataforest accountsGetList [e2] json and 59 more |',
    );
  });

  it('markdown: thousands of distinct findings stay under the limit, cut with a pointer to report.json', () => {
    const distinct = Array.from({ length: 5000 }, (_, i) => ({
      ...failed,
      example: `e${i}`,
      findings: [
        { ...(failed.findings[0] as Result['findings'][number]), pointer: `/quotas/${i}`, message: `${'long message '.repeat(40)}${i}` },
      ],
    }));
    const text = markdownReport(reportOf(distinct, false, plannedFor([failed])));
    expect(text.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    expect(text).toMatch(/… 4\d{3} more rows: see report\.json/);
  });
});
