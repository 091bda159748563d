import type { z } from 'zod';
import { type Finding, finding, fromPointer, toPointer } from './finding.ts';
import { isPlainObject, kindOf, schemaAt } from './schema-walk.ts';

function valueAt(value: unknown, segments: readonly string[]): unknown {
  let at = value;
  for (const segment of segments) {
    at = isPlainObject(at) || Array.isArray(at) ? (at as Record<string, unknown>)[segment] : undefined;
  }
  return at;
}

/**
 * Arrays the server wrapped. NCP writes an array as its field's element repeated once per item, no wrapper;
 * a server that wraps them (`<quotas><quota>…</quota><quota>…</quota></quotas>`) decodes as one empty item
 * holding unknown elements of a single name. That is one shape problem, not a missing field per item field.
 */
function wrappedArrays(schema: z.ZodType, value: unknown, findings: readonly Finding[]): Map<string, string> {
  const byItem = new Map<string, Set<string>>();
  for (const f of findings) {
    const segments = fromPointer(f.pointer);
    if (f.rule === 'response-unexpected-field' && segments.length >= 2) {
      const item = toPointer(segments.slice(0, -1));
      byItem.set(item, (byItem.get(item) ?? new Set()).add(segments.at(-1) as string));
    }
  }
  const wrapped = new Map<string, string>();
  for (const [item, names] of byItem) {
    const segments = fromPointer(item);
    const array = segments.slice(0, -1);
    const items = valueAt(value, array);
    const only = valueAt(value, segments);
    const field = schemaAt(schema, value, array);
    if (
      names.size === 1 &&
      segments.at(-1) === '0' &&
      field !== undefined &&
      kindOf(field) === 'array' &&
      Array.isArray(items) &&
      items.length === 1 &&
      isPlainObject(only) &&
      Object.keys(only).length === 0
    ) {
      wrapped.set(toPointer(array), [...names][0] as string);
    }
  }
  return wrapped;
}

/** Replaces the findings a wrapped array causes by one `xml-shape` finding per array. */
export function xmlShapeFindings(schema: z.ZodType, value: unknown, findings: Finding[]): Finding[] {
  const wrapped = wrappedArrays(schema, value, findings);
  if (wrapped.size === 0) {
    return findings;
  }
  const inside = (pointer: string) => [...wrapped.keys()].some((array) => pointer.startsWith(`${array}/0/`) || pointer === `${array}/0`);
  const shapes = [...wrapped].map(([array, item]) => {
    const name = fromPointer(array).at(-1) ?? '';
    return finding(
      'xml-shape',
      array,
      `<${name}> repeated once per item, no wrapper`,
      `<${name}> wrapping <${item}> items`,
      `${array}: the array is wrapped in one <${name}> element holding <${item}> elements; the documented form repeats <${name}> once per item`,
    );
  });
  return [...shapes, ...findings.filter((f) => !inside(f.pointer))];
}
