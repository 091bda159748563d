/**
 * The kinds of drift and failure a contract run reports. Stable ids: users filter on them and CI annotations
 * link them, so a rename is a breaking change.
 */
export type Rule =
  | 'status-code'
  | 'content-type'
  | 'body-decode'
  | 'xml-root'
  | 'xml-shape'
  | 'response-missing-field'
  | 'response-unexpected-field'
  | 'response-type-changed'
  | 'response-enum-value'
  | 'response-constraint'
  | 'response-value-mismatch'
  /** Traffic (proxy): the request breaks the request schema (body, path, query, headers) or cannot be decoded. */
  | 'request-invalid'
  /** Traffic (proxy): a request field or XML element the request schema does not declare, such as a misspelt optional one. */
  | 'request-unexpected-field'
  /** Traffic (proxy): a method and path no documented operation has; forwarded, not checked. */
  | 'undocumented-operation'
  /** Traffic (proxy): a body over the size limit, streamed through without being checked. */
  | 'unchecked-large-body'
  | 'error-envelope'
  | 'auth'
  | 'transport'
  /**
   * Not verified: an error example got its documented answer, but no documented success of the operation (or of
   * the read its values came from) passed in the run, so the answer may not come from the operation at all.
   */
  | 'reach-unproven'
  | 'unsafe-skipped'
  /** Not sent live: the documented response depends on the account's state (permissions, quota, a running job). */
  | 'state-dependent'
  /** Not sent: a value it takes from another read's response could not be had (that read failed or came back empty). */
  | 'chain-skipped'
  /** Not sent: a value only the values file can give (no operation lists it) is not in it. */
  | 'values-missing'
  /** Not sent, or cut off: the run was interrupted (Ctrl-C). */
  | 'interrupted';

export type Severity = 'error' | 'warning';

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

export function finding(
  rule: Rule,
  pointer: string,
  expected: string,
  actual: string,
  message: string,
  severity: Severity = 'error',
): Finding {
  return { rule, severity, pointer, expected, actual, message };
}

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
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
