import { asObject, indexOperations, isObject, type Node, stableStringify } from './openapi.ts';
import { type Documents, diffOperation, scopeOf } from './operation-diff.ts';
import { type Change, change, sortChanges } from './rules.ts';

function diffOperations(docs: Documents): Change[] {
  const [before, after] = [indexOperations(docs.oldDoc), indexOperations(docs.newDoc)];
  const changes: Change[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    changes.push(...(now ? diffOperation(old, now, docs) : [change('operation-removed', scopeOf(old), null, 'operation removed')]));
  }
  for (const [key, now] of after) {
    if (!before.has(key)) {
      changes.push(change('operation-added', scopeOf(now), null, 'operation added'));
    }
  }
  return changes;
}

const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'externalDocs', '$comment']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'contains']);

function withoutProse(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(withoutProse);
  }
  if (!isObject(schema)) {
    return schema;
  }
  const shape: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      shape[key] = Object.fromEntries(Object.entries(asObject(value)).map(([name, property]) => [name, withoutProse(property)]));
    } else if (!ANNOTATIONS.has(key)) {
      shape[key] = SUBSCHEMAS.has(key) ? withoutProse(value) : value;
    }
  }
  return shape;
}

/** What a schema accepts, without its prose: two components with equal shapes are one type under two names. */
const shapeOf = (schema: unknown) => stableStringify(withoutProse(schema));

const componentLocation = (name: string) => `#/components/schemas/${name}`;

/**
 * The codegen gate for type names. A component that disappears while one with the same shape appears was
 * renamed; any other disappearance removes a generated type. Both break code that names the type.
 */
function diffComponents(docs: Documents): Change[] {
  const before = asObject(asObject(docs.oldDoc.components).schemas);
  const after = asObject(asObject(docs.newDoc.components).schemas);
  const added = Object.keys(after)
    .filter((name) => !(name in before))
    .sort();
  const changes: Change[] = [];
  for (const name of Object.keys(before).sort()) {
    if (name in after) {
      continue;
    }
    const shape = shapeOf(before[name]);
    const renamedTo = added.findIndex((candidate) => shapeOf(after[candidate]) === shape);
    if (renamedTo === -1) {
      changes.push(change('component-removed', null, componentLocation(name), 'component schema removed'));
    } else {
      const [newName] = added.splice(renamedTo, 1);
      changes.push(change('component-renamed', null, componentLocation(name), `component schema renamed to ${newName} (same shape)`));
    }
  }
  changes.push(...added.map((name) => change('component-added', null, componentLocation(name), 'component schema added')));
  return changes;
}

/** Every classified change from `oldDoc` to `newDoc`, breaking first. */
export function diffSpecs(oldDoc: Node, newDoc: Node): Change[] {
  const docs = { oldDoc, newDoc };
  return sortChanges([...diffOperations(docs), ...diffComponents(docs)]);
}
