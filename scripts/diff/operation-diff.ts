import { asObject, type Node, type OperationEntry, resolve } from './openapi.ts';
import { type Change, change, type Direction, type OperationScope, type RuleId } from './rules.ts';
import { diffSchemas, type SchemaDraft } from './schema-diff.ts';

export interface Documents {
  oldDoc: Node;
  newDoc: Node;
}

type OperationRule = (before: OperationEntry, after: OperationEntry, scope: OperationScope, docs: Documents) => Change[];

const isXmlMediaType = (mediaType: string) => /[/+]xml(;|$)/.test(mediaType);

function at(location: string, pointer: string): string {
  return pointer ? `${location} ${pointer}` : location;
}

function sortedKeys(...objects: Node[]): string[] {
  return [...new Set(objects.flatMap(Object.keys))].sort();
}

const operationIdChanged: OperationRule = (before, after, scope) => {
  const [a, b] = [before.operation.operationId, after.operation.operationId];
  return a !== b ? [change('operation-id-changed', scope, null, `operationId changed ${a ?? 'none'} → ${b ?? 'none'}`)] : [];
};

/** `ncpApiGateway | huaweiAkSk`: alternatives in any order, each a `+`-joined set of schemes (with scopes). */
function securityLabel(doc: Node, operation: Node): string {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  const alternatives = requirements.map((requirement) =>
    Object.entries(asObject(requirement))
      .map(([scheme, scopes]) => (Array.isArray(scopes) && scopes.length > 0 ? `${scheme}[${[...scopes].sort().join(',')}]` : scheme))
      .sort()
      .join(' + '),
  );
  return alternatives.length === 0
    ? 'none'
    : [...new Set(alternatives)]
        .sort()
        .map((a) => a || 'anonymous')
        .join(' | ');
}

const securityChanged: OperationRule = (before, after, scope, docs) => {
  const [a, b] = [securityLabel(docs.oldDoc, before.operation), securityLabel(docs.newDoc, after.operation)];
  return a !== b ? [change('security-changed', scope, null, `security changed ${a} → ${b}`)] : [];
};

/** Path-item and operation parameters (the operation's win), keyed `in name`; header names are case-insensitive. */
function parametersOf(doc: Node, entry: OperationEntry): Map<string, Node> {
  const all = [entry.pathItem.parameters, entry.operation.parameters].flatMap((list) => (Array.isArray(list) ? list : []));
  const byKey = new Map<string, Node>();
  for (const raw of all) {
    const parameter = resolve(doc, raw).node;
    const name = String(parameter.name ?? '');
    byKey.set(`${String(parameter.in)} ${parameter.in === 'header' ? name.toLowerCase() : name}`, parameter);
  }
  return byKey;
}

/** Places schema changes found under `location` in the operation. */
function place(drafts: SchemaDraft[], scope: OperationScope, location: string): Change[] {
  return drafts.map((d) => change(d.rule, scope, at(location, d.pointer), d.message));
}

const parametersChanged: OperationRule = (before, after, scope, docs) => {
  const [a, b] = [parametersOf(docs.oldDoc, before), parametersOf(docs.newDoc, after)];
  return [...new Set([...a.keys(), ...b.keys()])].sort().flatMap((key) => {
    const [old, now] = [a.get(key), b.get(key)];
    const location = `request parameter ${key}`;
    if (!now) {
      return [change('request-parameter-removed', scope, location, 'parameter removed')];
    }
    if (!old) {
      return now.required === true
        ? [change('request-required-parameter-added', scope, location, 'required parameter added')]
        : [change('request-optional-parameter-added', scope, location, 'optional parameter added')];
    }
    const required =
      old.required === now.required
        ? []
        : now.required === true
          ? [change('request-parameter-made-required', scope, location, 'parameter made required')]
          : [change('request-parameter-made-optional', scope, location, 'parameter made optional')];
    const schema = diffSchemas(old.schema, now.schema, { ...docs, direction: 'request', xml: false });
    return [...required, ...place(schema, scope, location)];
  });
};

const MEDIA_TYPE_RULES = {
  request: { removed: 'request-media-type-removed', added: 'request-media-type-added' },
  response: { removed: 'response-media-type-removed', added: 'response-media-type-added' },
} as const satisfies Record<Direction, Record<string, RuleId>>;

/**
 * Media types removed and added, then the schema changes of each kept media type. NCP sends one schema as
 * JSON and as XML, so a change found in both is reported once, naming both media types; XML-only rules
 * name only the XML one.
 */
function diffContent(before: Node, after: Node, direction: Direction, label: string, scope: OperationScope, docs: Documents): Change[] {
  const changes: Change[] = [];
  const found = new Map<string, { draft: SchemaDraft; mediaTypes: string[] }>();
  for (const mediaType of sortedKeys(before, after)) {
    if (!(mediaType in after)) {
      changes.push(change(MEDIA_TYPE_RULES[direction].removed, scope, `${label} ${mediaType}`, 'media type removed'));
    } else if (!(mediaType in before)) {
      changes.push(change(MEDIA_TYPE_RULES[direction].added, scope, `${label} ${mediaType}`, 'media type added'));
    } else {
      const ctx = { ...docs, direction, xml: isXmlMediaType(mediaType) };
      for (const draft of diffSchemas(asObject(before[mediaType]).schema, asObject(after[mediaType]).schema, ctx)) {
        const key = `${draft.rule} ${draft.pointer} ${draft.message}`;
        const entry = found.get(key) ?? { draft, mediaTypes: [] };
        entry.mediaTypes.push(mediaType);
        found.set(key, entry);
      }
    }
  }
  for (const { draft, mediaTypes } of found.values()) {
    changes.push(change(draft.rule, scope, at(`${label} ${mediaTypes.join(', ')}`, draft.pointer), draft.message));
  }
  return changes;
}

const requestBodyChanged: OperationRule = (before, after, scope, docs) => {
  const [a, b] = [resolve(docs.oldDoc, before.operation.requestBody).node, resolve(docs.newDoc, after.operation.requestBody).node];
  const required =
    a.required !== true && b.required === true
      ? [change('request-body-made-required', scope, 'request', 'request body made required')]
      : [];
  return [...required, ...diffContent(asObject(a.content), asObject(b.content), 'request', 'request', scope, docs)];
};

const responsesChanged: OperationRule = (before, after, scope, docs) => {
  const [a, b] = [asObject(before.operation.responses), asObject(after.operation.responses)];
  return sortedKeys(a, b).flatMap((status) => {
    if (!(status in b)) {
      return [change('response-status-removed', scope, `response ${status}`, 'status removed')];
    }
    if (!(status in a)) {
      return [change('response-status-added', scope, `response ${status}`, 'status added')];
    }
    const [old, now] = [resolve(docs.oldDoc, a[status]).node, resolve(docs.newDoc, b[status]).node];
    return diffContent(asObject(old.content), asObject(now.content), 'response', `response ${status}`, scope, docs);
  });
};

const OPERATION_RULES: OperationRule[] = [operationIdChanged, securityChanged, parametersChanged, requestBodyChanged, responsesChanged];

export function scopeOf(entry: OperationEntry): OperationScope {
  const { operationId } = entry.operation;
  return { operation: typeof operationId === 'string' ? operationId : null, method: entry.method, path: entry.path };
}

/** Every change between two versions of one operation (matched by method and path). */
export function diffOperation(before: OperationEntry, after: OperationEntry, docs: Documents): Change[] {
  return OPERATION_RULES.flatMap((rule) => rule(before, after, scopeOf(after), docs));
}
