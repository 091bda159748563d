import type { Finding } from '../checks/finding.ts';
import { failureKind, type Report, type Result, summarize } from './report.ts';

// XML 1.0 cannot carry most control characters even escaped; a report must stay well-formed whatever a server sent.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlEscape(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function findingText(f: Finding): string {
  return `${f.severity} ${f.rule} ${f.pointer || '/'}: expected ${f.expected}, actual ${f.actual}\n  ${f.message}`;
}

function testcase(result: Result): string {
  const name = `${result.operationId} [${result.example}] ${result.format}`;
  const open = `    <testcase classname="${xmlEscape(`${result.service}.${result.operationId}`)}" name="${xmlEscape(name)}" time="${seconds(result.durationMs)}"`;
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const body: string[] = [];
  if (result.status === 'skipped') {
    body.push(`      <skipped message="${xmlEscape(result.findings[0]?.message ?? 'skipped')}"/>`);
  } else if (result.status === 'failed') {
    const failing = errors.length > 0 ? errors : warnings;
    const first = failing[0];
    const message = first ? `${first.rule}: ${first.message}` : 'failed';
    // A response that never arrived whole (or was refused at the gateway) is an error of the run, not a failed assertion.
    const element = failureKind(result) === 'could-not-verify' ? 'error' : 'failure';
    body.push(
      `      <${element} message="${xmlEscape(message)}" type="${xmlEscape(first?.rule ?? 'failed')}">${xmlEscape(failing.map(findingText).join('\n'))}</${element}>`,
    );
  }
  // Under --strict a failure made of warnings already lists them.
  const listedInFailure = result.status === 'failed' && errors.length === 0;
  if (result.status !== 'skipped' && warnings.length > 0 && !listedInFailure) {
    body.push(`      <system-out>${xmlEscape(warnings.map(findingText).join('\n'))}</system-out>`);
  }
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

/**
 * An interrupted run gets a suite of its own holding one errored testcase, so CI shows it red whatever the
 * results so far, and every suite carries an `interrupted` property.
 */
function interruption(report: Report): string[] {
  const { passed, failed, skipped, planned } = report.summary;
  const message = `interrupted after ${passed + failed + skipped} of ${planned} cases: the results are partial`;
  return runError('interrupted', message, ['    <properties>', '      <property name="interrupted" value="true"/>', '    </properties>']);
}

/** The suite of one errored testcase that stands for the whole run. */
function runError(type: string, message: string, properties: string[] = []): string[] {
  return [
    '  <testsuite name="api-contracts" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
    ...properties,
    '    <testcase classname="api-contracts" name="run" time="0.000">',
    `      <error message="${xmlEscape(message)}" type="${type}"/>`,
    '    </testcase>',
    '  </testsuite>',
  ];
}

/** A run that verified no documented success is red in CI too, though no single testcase failed. */
function nothingVerified(): string[] {
  return runError('nothing-verified', 'no documented success of any selected operation passed: the run verified nothing');
}

/**
 * JUnit XML: one testsuite per service, one testcase per result. Drift is a `<failure>`, a response that could
 * not be checked an `<error>`, a skip `<skipped message>` with its reason.
 */
export function junitReport(report: Report): string {
  const byService = new Map<string, Result[]>();
  for (const result of report.results) {
    byService.set(result.service, [...(byService.get(result.service) ?? []), result]);
  }
  const { interrupted } = report.summary;
  const properties = interrupted ? ['    <properties>', '      <property name="interrupted" value="true"/>', '    </properties>'] : [];
  const total = report.results.reduce((ms, r) => ms + r.durationMs, 0);
  const suites = [...byService].map(([service, results]) => {
    const { drift, couldNotVerify, skipped } = summarize(results);
    const time = seconds(results.reduce((ms, r) => ms + r.durationMs, 0));
    const head = `  <testsuite name="${xmlEscape(service)}" tests="${results.length}" failures="${drift}" errors="${couldNotVerify}" skipped="${skipped}" time="${time}">`;
    return [head, ...properties, ...results.map(testcase), '  </testsuite>'].join('\n');
  });
  const { drift, couldNotVerify, skipped } = report.summary;
  const unverified = !interrupted && report.summary.failed === 0 && report.summary.nothingVerified === true;
  const extra = interrupted || unverified ? 1 : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="api-contracts ${xmlEscape(report.target)}" tests="${report.results.length + extra}" failures="${drift}" errors="${couldNotVerify + extra}" skipped="${skipped}" time="${seconds(total)}">`,
    ...suites,
    ...(interrupted ? interruption(report) : []),
    ...(unverified ? nothingVerified() : []),
    '</testsuites>',
    '',
  ].join('\n');
}
