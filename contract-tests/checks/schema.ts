import type { z } from 'zod';
import { toPointer } from '../../schemas/_shared/json-pointer.ts';
import { type Finding, finding, show, typeName } from './finding.ts';
import { undeclaredFields } from './schema-walk.ts';

type Issue = z.core.$ZodIssue;

/**
 * A failed union gives every member's issues; the member with the fewest is the one the server most likely
 * meant, and its issues are the useful ones (a renamed field, not "matches no member").
 */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
      return flatten(closest, path);
    }
    return [{ ...issue, path } as Issue];
  });
}

function constraintOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_format':
      return `format ${issue.format}`;
    case 'too_small':
      return `${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}${issue.origin === 'number' ? '' : ` (${issue.origin} length)`}`;
    case 'too_big':
      return `${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}${issue.origin === 'number' ? '' : ` (${issue.origin} length)`}`;
    case 'not_multiple_of':
      return `multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function toFindings(issue: Issue): Finding[] {
  const pointer = toPointer(issue.path);
  const at = pointer || '/';
  // Wire data has no `undefined`: an undefined input is an absent field.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    const expected = issue.code === 'invalid_type' ? issue.expected : issue.values.map((v) => show(v)).join(' | ');
    return [finding('response-missing-field', pointer, expected, 'undefined', `${at}: required field is missing`)];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [
        finding(
          'response-type-changed',
          pointer,
          issue.expected,
          typeName(issue.input),
          `${at}: expected ${issue.expected}, got ${typeName(issue.input)} ${show(issue.input)}`,
        ),
      ];
    case 'invalid_value':
      return [
        finding(
          'response-enum-value',
          pointer,
          issue.values.map((v) => show(v)).join(' | '),
          show(issue.input),
          `${at}: ${show(issue.input)} is not one of the documented values`,
        ),
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => unexpected(toPointer([...issue.path, key])));
    default:
      return [finding('response-constraint', pointer, constraintOf(issue), show(issue.input), `${at}: ${issue.message}`)];
  }
}

function unexpected(pointer: string): Finding {
  return finding('response-unexpected-field', pointer, 'undefined', 'present', `${pointer}: field is not in the schema (additive drift)`);
}

/** Zod's verdict on a decoded body as findings, plus the fields the schema does not declare (warnings). */
export function schemaFindings(schema: z.ZodType, value: unknown, options: { undeclared: boolean }): Finding[] {
  // Asking zod for the inputs costs it its fast path, so only a body that fails is parsed again to get them.
  const result = schema.safeParse(value);
  const failed = result.success ? undefined : schema.safeParse(value, { reportInput: true }).error;
  const issues = failed === undefined ? [] : flatten(failed.issues).flatMap(toFindings);
  const extra = options.undeclared ? undeclaredFields(schema, value).map((path) => unexpected(toPointer(path))) : [];
  return [...issues, ...extra];
}

/**
 * XML elements the schema does not declare, as decoding reported them. A repeated unknown element is one finding:
 * the drift is the element, not each copy of it.
 */
export function unexpectedElements(unknown: readonly { pointer: string; message: string }[]): Finding[] {
  const pointers = new Map(unknown.map((element) => [element.pointer, element.message]));
  return [...pointers].map(([pointer, message]) => ({ ...unexpected(pointer), message: `${pointer}: ${message} (additive drift)` }));
}
