export type Severity = 'breaking' | 'warning' | 'info';

/**
 * Every kind of change the diff reports, by stable id, with its one severity. Direction matters: a field
 * added to a request is harmless unless required, a field removed from a response breaks its readers.
 * `operation-id-changed`, `component-renamed` and `component-removed` are the codegen gate: generated
 * clients name methods after operationIds and types after component schemas.
 */
export const RULES = {
  'operation-removed': 'breaking',
  'operation-added': 'info',
  'operation-id-changed': 'breaking',
  'component-renamed': 'breaking',
  'component-removed': 'breaking',
  'component-added': 'info',
  'security-changed': 'warning',
  'request-required-parameter-added': 'breaking',
  'request-optional-parameter-added': 'info',
  'request-parameter-made-required': 'breaking',
  'request-parameter-made-optional': 'info',
  'request-parameter-removed': 'warning',
  'request-body-made-required': 'breaking',
  'request-media-type-removed': 'breaking',
  'request-media-type-added': 'info',
  'request-required-field-added': 'breaking',
  'request-optional-field-added': 'info',
  'request-field-made-required': 'breaking',
  'request-field-made-optional': 'info',
  'request-field-removed': 'warning',
  'request-enum-narrowed': 'breaking',
  'request-enum-widened': 'info',
  'response-status-removed': 'breaking',
  'response-status-added': 'info',
  'response-media-type-removed': 'breaking',
  'response-media-type-added': 'info',
  'response-field-removed': 'breaking',
  'response-field-made-optional': 'breaking',
  'response-field-made-required': 'info',
  'response-field-added': 'info',
  'response-enum-widened': 'breaking',
  'response-enum-narrowed': 'info',
  'type-changed': 'breaking',
  'xml-name-changed': 'breaking',
  'xml-wrapped-changed': 'breaking',
  'xml-attribute-changed': 'breaking',
  'xml-namespace-changed': 'breaking',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULES;

export type Direction = 'request' | 'response';

/** One reported change; the JSON output is an array of these. Fields that do not apply are null. */
export interface Change {
  rule: RuleId;
  severity: Severity;
  /** operationId (the new one, or the old one for a removed operation). */
  operation: string | null;
  /** Upper-case HTTP method. */
  method: string | null;
  path: string | null;
  /** Where in the operation (`response 200 application/xml /quotas`) or the document (`#/components/schemas/Quota`). */
  location: string | null;
  message: string;
}

export interface OperationScope {
  operation: string | null;
  method: string;
  path: string;
}

/** Builds a change; the severity always comes from RULES so no call site can disagree with the table. */
export function change(rule: RuleId, scope: OperationScope | null, location: string | null, message: string): Change {
  return {
    rule,
    severity: RULES[rule],
    operation: scope?.operation ?? null,
    method: scope?.method ?? null,
    path: scope?.path ?? null,
    location,
    message,
  };
}

/** Worst first. */
export const SEVERITIES: Severity[] = ['breaking', 'warning', 'info'];
const SEVERITY_ORDER = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** Breaking first, then by path, method and location, so output is stable and the worst is on top. */
export function sortChanges(changes: Change[]): Change[] {
  const key = (c: Change) => [c.path ?? '', c.method ?? '', c.location ?? '', c.message].join('\u0000');
  return [...changes].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER[threshold];
}
