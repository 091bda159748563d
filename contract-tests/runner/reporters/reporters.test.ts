import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../checks/finding.ts';
import type { Report, Result } from '../report.ts';
import { progressLine, summaryLine } from './console.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { markdownReport } from './markdown.ts';

const base = { service: 'ncp-dataforest', method: 'POST', attempts: 1, valuesFrom: 'example' } as const;

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

const report: Report = {
  target: 'https://df.apigw.ntruss.com',
  summary: { passed: 1, failed: 1, skipped: 1 },
  results: [passed, failed, skipped],
};

describe('reporters', () => {
  it('console: one line per result, findings indented, then the summary', () => {
    expect([passed, failed, skipped].map(progressLine).join('') + summaryLine(report, 12.4)).toMatchInlineSnapshot(`
      "✓ ncp-dataforest accountsGetDetail default json 200 3ms
          ! response-unexpected-field: /region: field is not in the schema (additive drift)
      ✗ ncp-dataforest accountsGetDetail default xml 200 4ms (2 attempts)
          ✗ xml-shape: /quotas: the array is wrapped | "quoted" & <b>
      - ncp-dataforest appsKillMaster default json skipped: not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it
      1 passed, 1 failed, 1 skipped (1 warning) in 12ms against https://df.apigw.ntruss.com
      "
    `);
  });

  it('json: the DESIGN.md shape, every field of every result', () => {
    const parsed = JSON.parse(jsonReport(report));
    expect(Object.keys(parsed)).toEqual(['target', 'summary', 'results']);
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
        'findings',
      ].sort(),
    );
    expect(Object.keys(parsed.results[0].findings[0]).sort()).toEqual(['actual', 'expected', 'message', 'pointer', 'rule', 'severity']);
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

  it('junit: text a server sent cannot break the document', () => {
    const hostile: Result = {
      ...failed,
      findings: [{ ...(failed.findings[0] as Result['findings'][number]), message: 'bad \u0001 byte ]]> </failure>' }],
    };
    expect(XMLValidator.validate(junitReport({ ...report, results: [hostile] }))).toBe(true);
  });

  it('markdown: the verdict, then a table of failures; warnings and skips folded', () => {
    expect(markdownReport(report)).toMatchInlineSnapshot(`
      "## API contracts: ❌ 1 failed

      Target: \`https://df.apigw.ntruss.com\` · **1 passed** · **1 failed** · 1 skipped · 1 warning

      ### Failures

      | Result | HTTP | Rule | Pointer | Expected | Actual | Message |
      |---|---|---|---|---|---|---|
      | ncp-dataforest accountsGetDetail [default] xml | 200 | xml-shape | \`/quotas\` | \`<quotas> repeated once per item, no wrapper\` | \`<quotas> wrapping <quota> items\` | /quotas: the array is wrapped \\| "quoted" & <b> |

      <details><summary>Warnings (additive drift)</summary>

      | Result | HTTP | Rule | Pointer | Expected | Actual | Message |
      |---|---|---|---|---|---|---|
      | ncp-dataforest accountsGetDetail [default] json | 200 | response-unexpected-field | \`/region\` | \`undefined\` | \`present\` | /region: field is not in the schema (additive drift) |

      </details>

      <details><summary>Skipped</summary>

      | Result | Reason |
      |---|---|
      | ncp-dataforest appsKillMaster [default] json | not sent: appsKillMaster is a destructive operation; pass --allow-unsafe to run it |

      </details>
      "
    `);
  });

  it.each<[string, Rule[], string]>([
    ['every contract held', [], '✅ all contracts hold'],
    ['Ctrl-C left results unsent', ['interrupted'], '⚠️ interrupted before every contract ran'],
  ])('markdown verdict when %s', (_name, rules, verdict) => {
    const skipped: Result = {
      ...passed,
      status: 'skipped',
      httpStatus: null,
      findings: rules.map((rule) => ({ rule, severity: 'warning', pointer: '', expected: '', actual: '', message: rule })),
    };
    const run: Report = { target: 'http://127.0.0.1:4010', summary: { passed: 1, failed: 0, skipped: 1 }, results: [passed, skipped] };
    expect(markdownReport(run).split('\n')[0]).toBe(`## API contracts: ${verdict}`);
  });
});
