import { isDeepStrictEqual } from 'node:util';
import { asObject, escapePointer, indexOperations, isObject, type Node, stableStringify } from './openapi.ts';
import { type Documents, diffOperation, diffServers, leftovers, pathItemPointer, proseChanged, scopeOf } from './operation-diff.ts';
import { type Change, change, sortChanges } from './rules.ts';

const PATH_ITEM_KEYS = new Set([
  'summary',
  'description',
  'parameters',
  'servers',
  '$ref',
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

function diffOperations(docs: Documents): Change[] {
  const [before, after] = [indexOperations(docs.oldDoc), indexOperations(docs.newDoc)];
  const changes: Change[] = [];
  const pathItemsSeen = new Set<Node>();
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      changes.push(
        old.operation.deprecated === true
          ? change('operation-removed-after-deprecation', scopeOf(old), null, 'deprecated operation removed')
          : change('operation-removed', scopeOf(old), null, 'operation removed without being deprecated first'),
      );
      continue;
    }
    changes.push(...diffOperation(old, now, docs));
    if (!pathItemsSeen.has(now.pathItem)) {
      pathItemsSeen.add(now.pathItem);
      const itemAt = pathItemPointer(now);
      changes.push(...diffServers(old.pathItem.servers, now.pathItem.servers, null, `${itemAt}/servers`));
      changes.push(...proseChanged(old.pathItem, now.pathItem, itemAt, ['summary', 'description']));
      changes.push(...leftovers(old.pathItem, now.pathItem, PATH_ITEM_KEYS, itemAt));
    }
  }
  for (const [key, now] of after) {
    if (!before.has(key)) {
      changes.push(change('operation-added', scopeOf(now), null, 'operation added'));
    }
  }
  return changes;
}

const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'externalDocs', '$comment', 'summary']);
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

/** What a component says, without its prose: two components with equal shapes are one thing under two names. */
const shapeOf = (component: unknown) => stableStringify(withoutProse(component));

/**
 * The codegen gate for component names (generated clients name types after them). A component that
 * disappears while one with the same shape appears in the same section was renamed; any other
 * disappearance removes a generated type. Components no operation reaches are compared here; the others
 * were compared where the operations use them.
 */
function diffComponentSection(section: string, before: Node, after: Node, docs: Documents): Change[] {
  const location = (name: string) => `#/components/${section}/${escapePointer(name)}`;
  const added = Object.keys(after)
    .filter((name) => !(name in before))
    .sort();
  const changes: Change[] = [];
  for (const name of Object.keys(before).sort()) {
    if (name in after) {
      const unused = !docs.visited.has(location(name));
      if (unused && !isDeepStrictEqual(before[name], after[name])) {
        changes.push(
          change('unused-component-changed', null, location(name), 'changed; no operation uses it, so only generated types see it'),
        );
      }
      continue;
    }
    const shape = shapeOf(before[name]);
    const renamedTo = added.findIndex((candidate) => shapeOf(after[candidate]) === shape);
    if (renamedTo === -1) {
      changes.push(change('component-removed', null, location(name), 'component removed'));
    } else {
      const [newName] = added.splice(renamedTo, 1);
      changes.push(change('component-renamed', null, location(name), `component renamed to ${newName} (same shape)`));
    }
  }
  changes.push(...added.map((name) => change('component-added', null, location(name), 'component added')));
  return changes;
}

/** A scheme's name, location or flows changing breaks every client that authenticates with it. */
function diffSecuritySchemes(before: Node, after: Node): Change[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((name) => {
    const location = `#/components/securitySchemes/${escapePointer(name)}`;
    if (!(name in after)) {
      return [change('security-scheme-removed', null, location, 'security scheme removed')];
    }
    if (!(name in before)) {
      return [change('security-scheme-added', null, location, 'security scheme added')];
    }
    const [a, b] = [asObject(before[name]), asObject(after[name])];
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((key) => key !== 'description' && !isDeepStrictEqual(a[key], b[key]))
      .sort();
    return [
      ...(changed.length > 0 ? [change('security-scheme-changed', null, location, `${changed.join(', ')} changed`)] : []),
      ...proseChanged(a, b, location, ['description']),
    ];
  });
}

function diffComponents(docs: Documents): Change[] {
  const [before, after] = [asObject(docs.oldDoc.components), asObject(docs.newDoc.components)];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((section) => {
    const [a, b] = [asObject(before[section]), asObject(after[section])];
    return section === 'securitySchemes' ? diffSecuritySchemes(a, b) : diffComponentSection(section, a, b, docs);
  });
}

const DOCUMENT_KEYS = new Set(['info', 'servers', 'tags', 'externalDocs', 'security', 'paths', 'components']);

/** `info`, servers and prose of the document; anything else at the top level (webhooks, x-…) is the catch-all's. */
function diffDocument(docs: Documents): Change[] {
  const [a, b] = [docs.oldDoc, docs.newDoc];
  const [oldInfo, newInfo] = [asObject(a.info), asObject(b.info)];
  const changes: Change[] = [];
  if (oldInfo.version !== newInfo.version) {
    changes.push(change('version-changed', null, '#/info/version', `info.version ${String(oldInfo.version)} → ${String(newInfo.version)}`));
  }
  const infoKeys = [...new Set([...Object.keys(oldInfo), ...Object.keys(newInfo)])].filter((key) => key !== 'version');
  changes.push(...proseChanged(oldInfo, newInfo, '#/info', infoKeys));
  changes.push(...proseChanged(a, b, '#', ['tags', 'externalDocs']));
  changes.push(...diffServers(a.servers, b.servers, null, '#/servers'));
  changes.push(...leftovers(a, b, DOCUMENT_KEYS, '#'));
  return changes;
}

/** JSON pointers where two values differ, deepest first found, at most `limit`. */
function differences(a: unknown, b: unknown, pointer: string, limit: number, into: string[] = []): string[] {
  if (into.length >= limit || isDeepStrictEqual(a, b)) {
    return into;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      differences(a[key], b[key], `${pointer}/${escapePointer(key)}`, limit, into);
    }
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => {
      differences(item, b[i], `${pointer}/${i}`, limit, into);
    });
  } else {
    into.push(pointer);
  }
  return into;
}

function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify([c.rule, c.operation, c.method, c.path, c.location, c.message]);
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}

/**
 * Every change from `oldDoc` to `newDoc`, breaking first. Documents that differ never yield an empty
 * list: if no rule explains a difference, it is reported as `unclassified` at its JSON pointer.
 */
export function diffSpecs(oldDoc: Node, newDoc: Node): Change[] {
  const docs: Documents = { oldDoc, newDoc, visited: new Set(), memo: new Map(), cuts: [] };
  // Operations first: they record which components they reach.
  const changes = dedupe([...diffOperations(docs), ...diffComponents(docs), ...diffDocument(docs)]);
  if (changes.length === 0) {
    for (const pointer of differences(oldDoc, newDoc, '#', 10)) {
      changes.push(change('unclassified', null, pointer, 'changed, and no rule classifies it'));
    }
  }
  return sortChanges(changes);
}
