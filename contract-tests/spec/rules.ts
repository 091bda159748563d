export type Severity = 'breaking' | 'warning' | 'info';

export type Direction = 'request' | 'response';

/**
 * Schema keywords that bound what a value may be. Tightening one (a lower `maxLength`, a new `pattern`,
 * `additionalProperties: false`) refuses values that were valid; loosening one admits values that were not.
 * So a tightened request breaks senders and a loosened response breaks readers; the reverse is harmless.
 */
export const CONSTRAINTS = [
  'pattern',
  'max-length',
  'min-length',
  'maximum',
  'minimum',
  'multiple-of',
  'max-items',
  'min-items',
  'unique-items',
  'max-properties',
  'min-properties',
  'additional-properties',
] as const;
export type Constraint = (typeof CONSTRAINTS)[number];
export type ConstraintRuleId = `${Direction}-${Constraint}-${'tightened' | 'loosened'}`;

/**
 * Every kind of change the diff reports, by stable id, with its one severity. Direction matters: what a
 * client sends is a request rule, what it reads is a response rule. `operation-id-changed` and the
 * `component-*` rules are the codegen gate: generated clients name methods after operationIds and types
 * after components. `unclassified` is the catch-all: a change no other rule explains is never hidden.
 */
export const RULES = {
  // Document, operations, security, servers
  'operation-removed': 'breaking',
  'operation-removed-after-deprecation': 'warning',
  'operation-added': 'info',
  'operation-id-changed': 'breaking',
  'operation-tags-changed': 'info',
  'operation-safety-changed': 'info',
  deprecated: 'info',
  reactivated: 'info',
  'security-changed': 'warning',
  'security-scheme-added': 'info',
  'security-scheme-removed': 'warning',
  'security-scheme-changed': 'warning',
  'server-added': 'info',
  'server-removed': 'warning',
  'component-renamed': 'breaking',
  'component-removed': 'breaking',
  'component-added': 'info',
  'unused-component-changed': 'info',
  'version-changed': 'info',
  'docs-changed': 'info',
  unclassified: 'warning',

  // Parameters (path, query, header, cookie)
  'request-required-parameter-added': 'breaking',
  'request-optional-parameter-added': 'info',
  'request-parameter-made-required': 'breaking',
  'request-parameter-made-optional': 'info',
  'request-parameter-removed': 'warning',
  'request-parameter-removed-after-deprecation': 'info',
  'request-parameter-style-changed': 'breaking',
  'request-parameter-explode-changed': 'breaking',

  // Bodies, statuses, media types, response headers and links
  'request-body-made-required': 'breaking',
  'request-body-made-optional': 'info',
  'request-media-type-removed': 'breaking',
  'request-media-type-added': 'info',
  'response-status-removed': 'breaking',
  'response-status-added': 'info',
  'response-media-type-removed': 'breaking',
  'response-media-type-added': 'info',
  'response-required-header-removed': 'breaking',
  'response-optional-header-removed': 'warning',
  'response-header-added': 'info',
  'response-header-made-optional': 'breaking',
  'response-header-made-required': 'info',
  'response-links-changed': 'info',

  // Object fields
  'request-required-field-added': 'breaking',
  'request-optional-field-added': 'info',
  'request-field-made-required': 'breaking',
  'request-field-made-optional': 'info',
  'request-field-removed': 'warning',
  'request-field-removed-after-deprecation': 'info',
  'response-field-removed': 'breaking',
  'response-field-removed-after-deprecation': 'warning',
  'response-field-made-optional': 'breaking',
  'response-field-made-required': 'info',
  'response-field-added': 'info',
  // Required only under a condition (`if`/`then` on one property's const, `dependentRequired`); an
  // `if`/`then` of any other shape cannot be decided and asks for a review
  'request-conditional-requirement-added': 'breaking',
  'request-conditional-requirement-removed': 'info',
  'response-conditional-requirement-added': 'info',
  'response-conditional-requirement-removed': 'breaking',
  'conditional-schema-changed': 'warning',
  'request-read-only-added': 'warning',
  'request-read-only-removed': 'info',
  'response-write-only-added': 'breaking',
  'response-write-only-removed': 'info',
  'request-default-changed': 'warning',
  'response-default-changed': 'info',

  // Types, formats, nullability, enums, unions
  'type-changed': 'breaking',
  'request-type-widened': 'info',
  'request-type-narrowed': 'breaking',
  'response-type-widened': 'breaking',
  'response-type-narrowed': 'info',
  'request-made-nullable': 'info',
  'request-made-not-nullable': 'breaking',
  'response-made-nullable': 'breaking',
  'response-made-not-nullable': 'info',
  'format-changed': 'breaking',
  // Along int32 ⊂ int64 and float ⊂ double: safe for the side that only gains values, though a generated
  // client may change the type it uses (int → long), hence a warning rather than info.
  'request-format-widened': 'warning',
  'request-format-narrowed': 'breaking',
  'response-format-widened': 'breaking',
  'response-format-narrowed': 'warning',
  'content-media-type-changed': 'breaking',
  'request-enum-narrowed': 'breaking',
  'request-enum-widened': 'info',
  'response-enum-widened': 'breaking',
  'response-enum-narrowed': 'info',
  'request-variant-added': 'info',
  'request-variant-removed': 'breaking',
  'response-variant-added': 'breaking',
  'response-variant-removed': 'info',
  'discriminator-property-changed': 'breaking',
  'discriminator-mapping-changed': 'breaking',
  'request-discriminator-mapping-added': 'info',
  'request-discriminator-mapping-removed': 'breaking',
  'response-discriminator-mapping-added': 'breaking',
  'response-discriminator-mapping-removed': 'info',

  // Constraints, by direction (see CONSTRAINTS); a constraint rewritten to bound the same values (a pattern
  // accepting the same strings) is harmless both ways, and reported so a differing document never reads as equal
  'constraint-rewritten': 'info',
  'request-pattern-tightened': 'breaking',
  'request-pattern-loosened': 'info',
  'response-pattern-tightened': 'info',
  'response-pattern-loosened': 'breaking',
  'request-max-length-tightened': 'breaking',
  'request-max-length-loosened': 'info',
  'response-max-length-tightened': 'info',
  'response-max-length-loosened': 'breaking',
  'request-min-length-tightened': 'breaking',
  'request-min-length-loosened': 'info',
  'response-min-length-tightened': 'info',
  'response-min-length-loosened': 'breaking',
  'request-maximum-tightened': 'breaking',
  'request-maximum-loosened': 'info',
  'response-maximum-tightened': 'info',
  'response-maximum-loosened': 'breaking',
  'request-minimum-tightened': 'breaking',
  'request-minimum-loosened': 'info',
  'response-minimum-tightened': 'info',
  'response-minimum-loosened': 'breaking',
  'request-multiple-of-tightened': 'breaking',
  'request-multiple-of-loosened': 'info',
  'response-multiple-of-tightened': 'info',
  'response-multiple-of-loosened': 'breaking',
  'request-max-items-tightened': 'breaking',
  'request-max-items-loosened': 'info',
  'response-max-items-tightened': 'info',
  'response-max-items-loosened': 'breaking',
  'request-min-items-tightened': 'breaking',
  'request-min-items-loosened': 'info',
  'response-min-items-tightened': 'info',
  'response-min-items-loosened': 'breaking',
  'request-unique-items-tightened': 'breaking',
  'request-unique-items-loosened': 'info',
  'response-unique-items-tightened': 'info',
  'response-unique-items-loosened': 'breaking',
  'request-max-properties-tightened': 'breaking',
  'request-max-properties-loosened': 'info',
  'response-max-properties-tightened': 'info',
  'response-max-properties-loosened': 'breaking',
  'request-min-properties-tightened': 'breaking',
  'request-min-properties-loosened': 'info',
  'response-min-properties-tightened': 'info',
  'response-min-properties-loosened': 'breaking',
  'request-additional-properties-tightened': 'breaking',
  'request-additional-properties-loosened': 'info',
  'response-additional-properties-tightened': 'info',
  'response-additional-properties-loosened': 'breaking',

  // XML, checked only under XML media types
  'xml-name-changed': 'breaking',
  'xml-wrapped-changed': 'breaking',
  'xml-attribute-changed': 'breaking',
  'xml-namespace-changed': 'breaking',
  'xml-prefix-changed': 'breaking',

  // The acknowledged-breaks file itself
  'acknowledgement-expired': 'warning',
  'acknowledgement-unused': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULES;

/** `request-max-length-tightened`; the return type proves every such combination is a key of RULES. */
export function constraintRule(direction: Direction, constraint: Constraint, way: 'tightened' | 'loosened'): RuleId {
  const id: ConstraintRuleId = `${direction}-${constraint}-${way}`;
  return id;
}

export interface Acknowledgement {
  reason: string;
  expires: string;
  /** `schemas/ncp-dataforest/breaking-allowed.yaml:7`: the entry that acknowledged the change. */
  entry: string;
}

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
  /** Set when an entry of the acknowledged-breaks file covers the change: it is reported, and never fails. */
  acknowledged: Acknowledgement | null;
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
    acknowledged: null,
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

export const openChanges = (changes: Change[]) => changes.filter((c) => !c.acknowledged);
export const acknowledgedChanges = (changes: Change[]) => changes.filter((c) => c.acknowledged);

/** `1 breaking, 0 warning, 2 info` (and `, 1 acknowledged` when there are any) */
export function countLine(changes: Change[]): string {
  const counts = SEVERITIES.map((s) => `${openChanges(changes).filter((c) => c.severity === s).length} ${s}`);
  const acked = acknowledgedChanges(changes).length;
  return [...counts, ...(acked > 0 ? [`${acked} acknowledged`] : [])].join(', ');
}
