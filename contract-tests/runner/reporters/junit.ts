import type { Finding } from '../../checks/finding.ts';
import { type Report, type Result, summarize } from '../report.ts';

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
    body.push(
      `      <failure message="${xmlEscape(message)}" type="${xmlEscape(first?.rule ?? 'failed')}">${xmlEscape(failing.map(findingText).join('\n'))}</failure>`,
    );
  }
  // Under --strict a failure made of warnings already lists them.
  const listedInFailure = result.status === 'failed' && errors.length === 0;
  if (result.status !== 'skipped' && warnings.length > 0 && !listedInFailure) {
    body.push(`      <system-out>${xmlEscape(warnings.map(findingText).join('\n'))}</system-out>`);
  }
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

/** JUnit XML: one testsuite per service, one testcase per result, failures and skips carrying the findings. */
export function junitReport(report: Report): string {
  const byService = new Map<string, Result[]>();
  for (const result of report.results) {
    byService.set(result.service, [...(byService.get(result.service) ?? []), result]);
  }
  const total = report.results.reduce((ms, r) => ms + r.durationMs, 0);
  const suites = [...byService].map(([service, results]) => {
    const { failed, skipped } = summarize(results);
    const time = seconds(results.reduce((ms, r) => ms + r.durationMs, 0));
    const head = `  <testsuite name="${xmlEscape(service)}" tests="${results.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${time}">`;
    return [head, ...results.map(testcase), '  </testsuite>'].join('\n');
  });
  const { failed, skipped } = report.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="api-contracts ${xmlEscape(report.target)}" tests="${report.results.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(total)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
