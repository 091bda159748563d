import { describe, expect, test } from 'vitest';
import { finding } from './finding.ts';
import { RULES, type Rule } from './rules.ts';

describe('rule catalogue', () => {
  test('each rule has one severity: errors fail a case, warnings only with --strict', () => {
    const by = (severity: string) => (Object.keys(RULES) as Rule[]).filter((rule) => RULES[rule].severity === severity);
    expect(by('error')).toMatchInlineSnapshot(`
      [
        "status-code",
        "content-type",
        "body-decode",
        "xml-root",
        "xml-shape",
        "response-missing-field",
        "response-type-changed",
        "response-enum-value",
        "response-constraint",
        "response-value-mismatch",
        "request-invalid",
        "proxy-refused",
        "error-envelope",
        "auth",
        "transport",
        "reach-unproven",
      ]
    `);
    expect(by('warning')).toMatchInlineSnapshot(`
      [
        "response-unexpected-field",
        "request-unexpected-field",
        "undocumented-operation",
        "unchecked-large-body",
        "caller-mistake",
        "unsafe-skipped",
        "state-dependent",
        "chain-skipped",
        "values-missing",
        "interrupted",
      ]
    `);
  });

  test.each<[Rule, string]>([
    ['response-unexpected-field', 'warning'],
    ['response-missing-field', 'error'],
    ['unsafe-skipped', 'warning'],
    ['transport', 'error'],
  ])('a %s finding is a %s', (rule, severity) => {
    expect(finding(rule, '', 'x', 'y', 'message').severity).toBe(severity);
  });
});
