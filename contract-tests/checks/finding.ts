import { RULES, type Rule, type Severity } from './rules.ts';

export type { Rule, Severity } from './rules.ts';

/** One problem with one response, shaped as the report in docs/reports.md fixes it. */
export interface Finding {
  rule: Rule;
  severity: Severity;
  /** JSON pointer into the response body (for XML: into the decoded value); '' for the whole response. */
  pointer: string;
  expected: string;
  actual: string;
  message: string;
}

/** A finding of `rule`, at the severity the rule catalogue gives it. */
export function finding(rule: Rule, pointer: string, expected: string, actual: string, message: string): Finding {
  return { rule, severity: RULES[rule].severity, pointer, expected, actual, message };
}

const MAX_SHOWN = 120;

/** A value as a report shows it: JSON text, cut short, `undefined` for an absent field. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** The JSON type name of a value, the vocabulary `expected`/`actual` use for type findings. */
export function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}
