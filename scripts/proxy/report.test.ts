import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { finding } from '../../contract-tests/checks/finding.ts';
import { jsonReport } from '../../contract-tests/report/json.ts';
import { junitReport } from '../../contract-tests/report/junit.ts';
import { operationOf } from '../../contract-tests/support/drifts.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { exchangeLine, Traffic, trafficMarkdown, trafficSummaryLine } from './report.ts';
import type { Exchange, ProxiedOperation } from './server.ts';

const operations: ProxiedOperation[] = ['accountsGetDetail', 'accountsGetList', 'appsKillMaster'].map((operationId) => ({
  service: 'ncp-dataforest',
  operation: operationOf(ncpDataforest, operationId),
  formats: ['json', 'xml'],
}));

const detail = { service: 'ncp-dataforest', operationId: 'accountsGetDetail', method: 'POST', path: '/api/v2/accounts/getDetail' };
const enumValue = finding(
  'response-enum-value',
  '/status',
  '"ACCEPTED" | "RUNNING" | "CHANGING"',
  '"SUSPENDED"',
  '/status: "SUSPENDED" is not one of the documented values',
);
const extra = finding(
  'response-unexpected-field',
  '/region',
  'undefined',
  'present',
  '/region: field is not in the schema (additive drift)',
);

const exchanges: Exchange[] = [
  { ...detail, format: 'json', status: 200, durationMs: 3, findings: [] },
  { ...detail, format: 'json', status: 200, durationMs: 5, findings: [enumValue] },
  { ...detail, format: 'json', status: 200, durationMs: 4, findings: [enumValue, extra] },
  { ...detail, format: 'xml', status: 200, durationMs: 2, findings: [] },
  { ...detail, format: 'json', status: 404, durationMs: 1, findings: [] },
  {
    service: 'ncp-dataforest',
    operationId: undefined,
    method: 'POST',
    path: '/api/v2/accounts/getEverything',
    format: 'json',
    status: 404,
    durationMs: 1,
    findings: [
      finding(
        'undocumented-operation',
        '',
        'an operation of ncp-dataforest',
        'POST /api/v2/accounts/getEverything',
        'POST /api/v2/accounts/getEverything is no documented operation of ncp-dataforest: forwarded, not checked',
      ),
    ],
  },
  {
    service: 'ncp-dataforest',
    operationId: 'accountsGetList',
    method: 'POST',
    path: '/api/v2/accounts/getList',
    format: 'xml',
    status: null,
    durationMs: 10,
    findings: [finding('transport', '', 'a response', 'CLIENT_NETWORK', 'http://127.0.0.1:1/api/v2/accounts/getList: ECONNREFUSED')],
  },
];

function tally(strict: boolean) {
  const traffic = new Traffic(operations, strict);
  const verdicts = exchanges.map((e) => traffic.add(e));
  return { traffic, verdicts, report: traffic.report('https://df.apigw.ntruss.com') };
}

describe('the traffic report', () => {
  it('one line per exchange, findings indented as test prints them', () => {
    const { verdicts } = tally(false);
    expect(exchanges.map((e, i) => exchangeLine(e, verdicts[i] ?? 'passed')).join('')).toMatchInlineSnapshot(`
      "✓ ncp-dataforest accountsGetDetail json 200 3ms
      ✗ ncp-dataforest accountsGetDetail json 200 5ms
          ✗ response-enum-value: /status: "SUSPENDED" is not one of the documented values
      ✗ ncp-dataforest accountsGetDetail json 200 4ms
          ✗ response-enum-value: /status: "SUSPENDED" is not one of the documented values
          ! response-unexpected-field: /region: field is not in the schema (additive drift)
      ✓ ncp-dataforest accountsGetDetail xml 200 2ms
      ✓ ncp-dataforest accountsGetDetail json 404 1ms
      ✓ ncp-dataforest POST /api/v2/accounts/getEverything json 404 1ms
          ! undocumented-operation: POST /api/v2/accounts/getEverything is no documented operation of ncp-dataforest: forwarded, not checked
      ✗ ncp-dataforest accountsGetList xml --- 10ms
          ✗ transport: http://127.0.0.1:1/api/v2/accounts/getList: ECONNREFUSED
      "
    `);
  });

  it('groups exchanges by operation, format and status, with counts; findings once per group with theirs', () => {
    const { report } = tally(false);
    expect(report.exchanges).toEqual({ total: 7, passed: 4, failed: 3 });
    expect(report.summary).toEqual({
      passed: 3,
      failed: 2,
      skipped: 0,
      drift: 1,
      couldNotVerify: 1,
      verifiedSuccesses: 1,
      planned: 5,
      interrupted: false,
    });
    expect(report.results.map((r) => [r.operationId, r.example, r.format, r.status, r.exchanges, r.failedExchanges, r.durationMs])).toEqual(
      [
        ['accountsGetDetail', 'HTTP 200', 'json', 'failed', 3, 2, 12],
        ['accountsGetDetail', 'HTTP 404', 'json', 'passed', 1, 0, 1],
        ['accountsGetDetail', 'HTTP 200', 'xml', 'passed', 1, 0, 2],
        ['accountsGetList', 'no response', 'xml', 'failed', 1, 1, 10],
        ['POST /api/v2/accounts/getEverything', 'HTTP 404', 'json', 'passed', 1, 0, 1],
      ],
    );
    expect(report.results[0]?.findings.map((f) => [f.rule, f.count, f.message])).toEqual([
      ['response-enum-value', 2, '/status: "SUSPENDED" is not one of the documented values (in 2 of 3 exchanges)'],
      ['response-unexpected-field', 1, '/region: field is not in the schema (additive drift)'],
    ]);
    expect(report.operations.map((op) => [op.operationId, op.exchanges, op.failedExchanges, op.statuses])).toEqual([
      ['accountsGetDetail', 5, 2, { 200: 4, 404: 1 }],
      ['accountsGetList', 1, 1, { none: 1 }],
      ['appsKillMaster', 0, 0, {}],
    ]);
    expect(trafficSummaryLine(report)).toBe(
      '7 exchanges: 4 passed, 3 failed (2 warnings); 2 of 3 operations seen, through https://df.apigw.ntruss.com\n',
    );
  });

  it('with --strict, warnings fail their exchange', () => {
    const { report } = tally(true);
    expect(report.exchanges).toEqual({ total: 7, passed: 3, failed: 4 });
  });

  it('Markdown: the report of test, then the operations seen and not seen', () => {
    expect(trafficMarkdown(tally(false).report)).toMatchInlineSnapshot(`
      "## API contracts: ❌ drift in 1 case; 1 more could not be verified

      Target: \`https://df.apigw.ntruss.com\` · **3 passed** · **1 drift** · **1 could not verify** · 0 skipped · 2 warnings

      ### Drift

      | Rule | Count | Pointer | Expected | Actual | Message (first) | Results |
      |---|---|---|---|---|---|---|
      | response-enum-value | 1 | \`/status\` | \`"ACCEPTED" \\| "RUNNING" \\| "CHANGING"\` | \`"SUSPENDED"\` | /status: "SUSPENDED" is not one of the documented values (in 2 of 3 exchanges) | ncp-dataforest accountsGetDetail [HTTP 200] json |

      ### Could not verify

      No response arrived whole, or the gateway refused the credentials: nothing was checked.

      | Rule | Count | Pointer | Expected | Actual | Message (first) | Results |
      |---|---|---|---|---|---|---|
      | transport | 1 |  | \`a response\` | \`CLIENT_NETWORK\` | http://127.0.0.1:1/api/v2/accounts/getList: ECONNREFUSED | ncp-dataforest accountsGetList [no response] xml |

      <details><summary>Warnings (additive drift)</summary>

      | Rule | Count | Pointer | Expected | Actual | Message (first) | Results |
      |---|---|---|---|---|---|---|
      | response-unexpected-field | 1 | \`/region\` | \`undefined\` | \`present\` | /region: field is not in the schema (additive drift) | ncp-dataforest accountsGetDetail [HTTP 200] json |
      | undocumented-operation | 1 |  | \`an operation of ncp-dataforest\` | \`POST /api/v2/accounts/getEverything\` | POST /api/v2/accounts/getEverything is no documented operation of ncp-dataforest: forwarded, not checked | ncp-dataforest POST /api/v2/accounts/getEverything [HTTP 404] json |

      </details>

      ### Coverage

      Each documented status × format, counted by what this run verified of it.

      | Service | Documented | Verified live | Verified on the mock | Skipped | Failed | Could not verify | No example | Not run |
      |---|---|---|---|---|---|---|---|---|
      | ncp-dataforest | 30 | 2 | 0 | 0 | 1 | 0 | 0 | 27 |

      <details><summary>Not verified live: 3 operations</summary>

      | Operation | Documented responses |
      |---|---|
      | ncp-dataforest accountsGetDetail | failed (response-enum-value): 200 json · not run: 400, 403, 500, 404 xml |
      | ncp-dataforest accountsGetList | not run: 200, 400, 403, 404, 500 |
      | ncp-dataforest appsKillMaster | not run: 200, 400, 403, 404, 500 |

      </details>

      ### Operations seen: 2 of 3 (7 exchanges, 3 failed)

      | Service | Operation | Exchanges | Failed | Statuses |
      |---|---|---|---|---|
      | ncp-dataforest | accountsGetDetail | 5 | 2 | 200 ×4, 404 ×1 |
      | ncp-dataforest | accountsGetList | 1 | 1 | none ×1 |

      <details><summary>Not seen (1)</summary>

      | Service | Operation | Method | Path |
      |---|---|---|---|
      | ncp-dataforest | appsKillMaster | POST | \`/api/v2/apps/killMaster\` |

      </details>
      "
    `);
  });

  it('JSON and JUnit are the reporters of test, reading the same report', () => {
    const { report } = tally(false);
    expect(JSON.parse(jsonReport(report))).toEqual(report);
    const junit = junitReport(report);
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain(
      '<testcase classname="ncp-dataforest.accountsGetDetail" name="accountsGetDetail [HTTP 200] json" time="0.012">',
    );
  });

  it('keeps a bounded number of undocumented paths, however many distinct ones the traffic has', () => {
    const traffic = new Traffic(operations, false);
    for (let i = 0; i < 1000; i++) {
      traffic.add({ ...exchanges[5], path: `/api/v2/things/${i}` } as Exchange);
    }
    const { results } = traffic.report('x');
    expect(results.length).toBe(101);
    expect(results.find((r) => r.path === '(other undocumented paths)')?.exchanges).toBe(900);
  });
});
