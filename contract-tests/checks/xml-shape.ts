import type { XmlShapeIssue } from '../../schemas/_shared/xml/index.ts';
import { type Finding, finding } from './finding.ts';

/**
 * An array the server wrote in another layout than documented (items renamed, a wrapper added or dropped): an
 * error, not additive drift, since a client reading the documented layout finds no items at all.
 */
export function xmlShapeFinding(issue: XmlShapeIssue): Finding {
  return finding('xml-shape', issue.pointer, issue.expected, issue.actual, `${issue.pointer || '/'}: ${issue.message}`);
}
