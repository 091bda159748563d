import { describe, expect, it } from 'vitest';
import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import type { Finding, Rule } from '../checks/finding.ts';
import type { BodyFormat } from '../format.ts';
import { buildReport, type CoverageRow, coverageOf, failureKind, type PlannedCase, type Result, summarize } from './report.ts';

const example = (name: string, status: number): AnyExample => ({ name, summary: name, request: {}, response: { status } });

/** An operation documenting 200, 403, 404 and 500; examples for 200 (two), 403 and 404, none for 500. */
const operation: Operation = {
  operationId: 'thingsGetDetail',
  method: 'post',
  path: '/things/getDetail',
  summary: '',
  description: '',
  tags: [],
  docUrl: '',
  safety: 'read',
  request: {},
  responses: [200, 403, 404, 500].map((status) => ({ status, description: '' })),
  examples: [example('default', 200), example('schema-sample', 200), example('not-allowed', 403), example('no-such-thing', 404)],
  inputs: [],
  docNotes: [],
};

const service = { id: 'things' };
const planned: PlannedCase[] = operation.examples.map((e) => ({ service, operation, example: e, format: 'json' as BodyFormat }));

const f = (rule: Rule, severity: Finding['severity'] = 'error', message = `${rule} happened`): Finding => ({
  rule,
  severity,
  pointer: '',
  expected: 'x',
  actual: 'y',
  message,
});

function result(
  exampleName: string,
  status: Result['status'],
  findings: Finding[] = [],
  targetKind: Result['targetKind'] = 'live',
): Result {
  return {
    service: 'things',
    operationId: 'thingsGetDetail',
    method: 'POST',
    path: '/things/getDetail',
    example: exampleName,
    format: 'json',
    status,
    httpStatus: status === 'skipped' ? null : 200,
    durationMs: 1,
    attempts: status === 'skipped' ? 0 : 1,
    valuesFrom: 'example',
    targetKind,
    findings,
  };
}

const cell = (rows: CoverageRow[], status: number) => {
  const row = rows.find((r) => r.httpStatus === status);
  return row && [row.state, row.rule, row.reason, row.examples.join()].filter((part) => part !== undefined).join(' | ');
};

describe('failureKind', () => {
  it.each<[string, Result, ReturnType<typeof failureKind>]>([
    ['a passed result', result('default', 'passed'), undefined],
    ['a skipped result', result('default', 'skipped', [f('unsafe-skipped', 'warning')]), undefined],
    ['a schema finding', result('default', 'failed', [f('response-missing-field')]), 'drift'],
    ['a transport finding', result('default', 'failed', [f('transport')]), 'could-not-verify'],
    ['refused credentials', result('default', 'failed', [f('auth')]), 'could-not-verify'],
    ['a transport finding beside drift', result('default', 'failed', [f('transport'), f('status-code')]), 'drift'],
    ['warnings failing under --strict', result('default', 'failed', [f('response-unexpected-field', 'warning')]), 'drift'],
  ])('%s', (_, given, kind) => {
    expect(failureKind(given)).toBe(kind);
  });

  it('summarize counts drift and could-not-verify apart, adding up to failed', () => {
    const counts = summarize([
      result('default', 'passed'),
      result('default', 'failed', [f('xml-shape')]),
      result('default', 'failed', [f('transport')]),
      result('default', 'failed', [f('transport')]),
      result('default', 'skipped', [f('chain-skipped', 'warning')]),
    ]);
    expect(counts).toEqual({ passed: 1, failed: 3, skipped: 1, drift: 1, couldNotVerify: 2, verifiedSuccesses: 1 });
  });
});

describe('coverage', () => {
  it.each<[string, Result[], number, string]>([
    ['an example of the status passed live', [result('default', 'passed')], 200, 'verified-live | default,schema-sample'],
    ['it passed against the mock', [result('default', 'passed', [], 'mock')], 200, 'verified-mock | default,schema-sample'],
    [
      'one example drifted, another passed: the drift shows',
      [result('default', 'passed'), result('schema-sample', 'failed', [f('response-type-changed')])],
      200,
      'failed | response-type-changed | response-type-changed happened | default,schema-sample',
    ],
    [
      'one example passed, another could not be verified: verified',
      [result('default', 'passed'), result('schema-sample', 'failed', [f('transport')])],
      200,
      'verified-live | default,schema-sample',
    ],
    [
      'the only results could not be verified',
      [result('default', 'failed', [f('transport', 'error', 'ECONNREFUSED')]), result('schema-sample', 'failed', [f('transport')])],
      200,
      'could-not-verify | transport | ECONNREFUSED | default,schema-sample',
    ],
    [
      'a skip: its first finding is the reason, whatever the rule',
      [result('not-allowed', 'skipped', [f('chain-skipped', 'warning', 'not sent: depends on the account'), f('auth')])],
      403,
      'skipped | chain-skipped | not sent: depends on the account | not-allowed',
    ],
    ['no example documents the status', [], 500, 'no-example | '],
    ['interrupted before its example ran', [result('default', 'passed')], 404, 'not-run | no-such-thing'],
  ])('%s', (_, results, status, expected) => {
    expect(cell(coverageOf(planned, results), status)).toBe(expected);
  });

  it('one row per documented status and selected format, in the order the operation documents them', () => {
    const both = [...planned, ...planned.map((c) => ({ ...c, format: 'xml' as BodyFormat }))];
    const rows = coverageOf(both, []);
    expect(rows.map((r) => `${r.httpStatus} ${r.format} ${r.state}`)).toEqual([
      '200 json not-run',
      '403 json not-run',
      '404 json not-run',
      '500 json no-example',
      '200 xml not-run',
      '403 xml not-run',
      '404 xml not-run',
      '500 xml no-example',
    ]);
  });

  it('buildReport: the counts so far, the plan size and the interrupted flag', () => {
    const report = buildReport({ target: 'http://127.0.0.1:1', planned, results: [result('default', 'passed')], interrupted: true });
    expect(report.summary).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
      drift: 0,
      couldNotVerify: 0,
      verifiedSuccesses: 1,
      planned: 4,
      interrupted: true,
      nothingVerified: false,
      emptyShard: false,
    });
    expect(Object.keys(report)).toEqual(['target', 'summary', 'results', 'coverage']);
    expect(report.coverage).toHaveLength(4);
  });
});
