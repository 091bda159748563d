/**
 * Every kind of drift and failure a contract run (`test`) or the proxy reports, by stable id, with its one
 * severity, what it means and where the docs explain it. Users filter on the ids and CI annotations link them,
 * so a rename is a breaking change. Checks make findings from an id (`finding()`), never choosing a severity.
 * Rules that skip a case (`unsafe-skipped`…) are warnings: the case is reported skipped, not failed.
 */

export type Severity = 'error' | 'warning';

export interface RuleEntry {
  severity: Severity;
  summary: string;
  /** The page and anchor that explain it, relative to the repository root. */
  doc: string;
}

const RULES_DOC = 'docs/reports.md#rules';
const TRAFFIC_DOC = 'docs/reports.md#rules-only-traffic-produces-proxy';

export const RULES = {
  'status-code': { severity: 'error', summary: 'another status than documented', doc: RULES_DOC },
  'content-type': { severity: 'error', summary: 'JSON where XML was asked, or the reverse', doc: RULES_DOC },
  'body-decode': { severity: 'error', summary: 'the body cannot be decoded', doc: RULES_DOC },
  'xml-root': { severity: 'error', summary: 'another XML root element than documented', doc: RULES_DOC },
  'xml-shape': { severity: 'error', summary: 'an XML array under another name or wrapper than the schema declares', doc: RULES_DOC },
  'response-missing-field': { severity: 'error', summary: 'a required field is missing', doc: RULES_DOC },
  'response-unexpected-field': {
    severity: 'warning',
    summary: 'additive drift: a field or element the schema does not know',
    doc: RULES_DOC,
  },
  'response-type-changed': { severity: 'error', summary: 'a field has another JSON type than the schema', doc: RULES_DOC },
  'response-enum-value': { severity: 'error', summary: 'a value outside the documented enum', doc: RULES_DOC },
  'response-constraint': { severity: 'error', summary: 'a value breaks a schema constraint (pattern, length, range)', doc: RULES_DOC },
  'response-value-mismatch': { severity: 'error', summary: 'a value differs from the example', doc: RULES_DOC },
  'request-invalid': {
    severity: 'error',
    summary: 'the upstream accepted a request the request schema rejects or cannot read',
    doc: TRAFFIC_DOC,
  },
  'request-unexpected-field': {
    severity: 'warning',
    summary: 'an accepted request carries a field the request schema does not declare',
    doc: TRAFFIC_DOC,
  },
  'undocumented-operation': { severity: 'warning', summary: 'a method and path no documented operation has', doc: TRAFFIC_DOC },
  'unchecked-large-body': { severity: 'warning', summary: 'a body over the size limit, streamed through unchecked', doc: TRAFFIC_DOC },
  'proxy-refused': {
    severity: 'error',
    summary: 'not forwarded by proxy --resign: an undocumented operation, or a write one without --allow-unsafe',
    doc: TRAFFIC_DOC,
  },
  'caller-mistake': {
    severity: 'warning',
    summary: "the upstream refused the caller's own mistake (413, 415) as it should: not drift",
    doc: TRAFFIC_DOC,
  },
  'error-envelope': { severity: 'error', summary: 'an error reply outside the documented envelope', doc: RULES_DOC },
  auth: { severity: 'error', summary: 'the gateway refused the credentials', doc: RULES_DOC },
  transport: { severity: 'error', summary: 'nothing could be checked: no usable response', doc: RULES_DOC },
  'reach-unproven': {
    severity: 'error',
    summary: "an error example's documented answer, but no success of the operation came back to prove it is the operation's",
    doc: RULES_DOC,
  },
  'unsafe-skipped': { severity: 'warning', summary: 'not sent: a write or destructive operation against a live URL', doc: RULES_DOC },
  'state-dependent': { severity: 'warning', summary: "not sent live: the answer depends on the account's state", doc: RULES_DOC },
  'chain-skipped': { severity: 'warning', summary: 'not sent: a value taken from another response could not be had', doc: RULES_DOC },
  'values-missing': { severity: 'warning', summary: 'not sent: a value only the values file can give is not in it', doc: RULES_DOC },
  interrupted: { severity: 'warning', summary: 'not sent, or cut off: the run was interrupted', doc: RULES_DOC },
} as const satisfies Record<string, RuleEntry>;

export type Rule = keyof typeof RULES;
