import { isDeepStrictEqual } from 'node:util';
import { asObject, escapePointer, type Node, type OperationEntry, resolve } from './openapi.ts';
import { type Change, change, type Direction, type OperationScope, type RuleId } from './rules.ts';
import { diffSchemas, type SchemaDiffContext, type SchemaDraft, unclassified, type XmlMode } from './schema-diff.ts';

/** The two documents and what the walk shares across operations (see SchemaDiffContext). */
export type Documents = Omit<SchemaDiffContext, 'direction' | 'xml'>;

interface Place {
  scope: OperationScope;
  /** JSON pointers of the operation in the old and the new document. */
  oldAt: string;
  newAt: string;
}

type OperationRule = (before: OperationEntry, after: OperationEntry, place: Place, docs: Documents) => Change[];

const isXmlMediaType = (mediaType: string) => /[/+]xml(;|$)/.test(mediaType);

function at(location: string, pointer: string): string {
  return pointer ? `${location} ${pointer}` : location;
}

function sortedKeys(...objects: Node[]): string[] {
  return [...new Set(objects.flatMap(Object.keys))].sort();
}

const PROSE = ['summary', 'description', 'externalDocs', 'example', 'examples'];

/** Prose keys of one object that changed, as one `docs-changed` reported at its JSON pointer. */
export function proseChanged(before: Node, after: Node, pointer: string, keys: readonly string[] = PROSE): Change[] {
  const edited = keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
  return edited.length === 0 ? [] : [change('docs-changed', null, pointer, `${edited.join(', ')} changed`)];
}

/** Changes reported by JSON pointer (prose, unclassified keywords), not per use in an operation. */
function byPointer(drafts: SchemaDraft[]): Change[] {
  return drafts.map((d) => change(d.rule, null, d.at ?? null, d.message));
}

/** Catch-all for the keys of an OpenAPI object that no rule reads. */
export function leftovers(before: Node, after: Node, handled: ReadonlySet<string>, pointer: string): Change[] {
  return byPointer(unclassified(before, after, handled, pointer, ''));
}

function deprecation(before: Node, after: Node, scope: OperationScope, location: string | null, what: string): Change[] {
  const [a, b] = [before.deprecated === true, after.deprecated === true];
  if (a === b) {
    return [];
  }
  return [
    b
      ? change('deprecated', scope, location, `${what} deprecated`)
      : change('reactivated', scope, location, `${what} no longer deprecated`),
  ];
}

const OPERATION_KEYS = new Set([
  ...PROSE,
  'operationId',
  'tags',
  'x-safety',
  'security',
  'servers',
  'deprecated',
  'parameters',
  'requestBody',
  'responses',
]);

const operationLevel: OperationRule = (before, after, { scope, newAt }) => {
  const [a, b] = [before.operation, after.operation];
  const changes: Change[] = [];
  if (a.operationId !== b.operationId) {
    changes.push(
      change('operation-id-changed', scope, null, `operationId changed ${a.operationId ?? 'none'} → ${b.operationId ?? 'none'}`),
    );
  }
  const tags = (op: Node) => (Array.isArray(op.tags) ? [...op.tags].map(String).sort().join(', ') : '');
  if (tags(a) !== tags(b)) {
    changes.push(change('operation-tags-changed', scope, null, `tags changed ${tags(a) || 'none'} → ${tags(b) || 'none'}`));
  }
  if (a['x-safety'] !== b['x-safety']) {
    changes.push(
      change('operation-safety-changed', scope, null, `x-safety changed ${a['x-safety'] ?? 'none'} → ${b['x-safety'] ?? 'none'}`),
    );
  }
  changes.push(...deprecation(a, b, scope, null, 'operation'));
  changes.push(...proseChanged(a, b, newAt), ...leftovers(a, b, OPERATION_KEYS, newAt));
  return changes;
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

const securityChanged: OperationRule = (before, after, { scope }, docs) => {
  const [a, b] = [securityLabel(docs.oldDoc, before.operation), securityLabel(docs.newDoc, after.operation)];
  return a !== b ? [change('security-changed', scope, null, `security changed ${a} → ${b}`)] : [];
};

/** Servers by URL and variables: a changed URL or variable is one server removed and another added. */
export function diffServers(before: unknown, after: unknown, scope: OperationScope | null, location: string): Change[] {
  const key = (server: unknown) => {
    const { url, variables } = asObject(server);
    const vars = Object.entries(asObject(variables)).map(([name, v]) => {
      const { enum: values, default: fallback } = asObject(v);
      return `${name}=${JSON.stringify(fallback)}${Array.isArray(values) ? `{${values.join(',')}}` : ''}`;
    });
    return `${String(url)}${vars.length > 0 ? ` (${vars.sort().join(', ')})` : ''}`;
  };
  const [a, b] = [new Set((Array.isArray(before) ? before : []).map(key)), new Set((Array.isArray(after) ? after : []).map(key))];
  return [
    ...[...a].filter((s) => !b.has(s)).map((s) => change('server-removed', scope, location, `server removed: ${s}`)),
    ...[...b].filter((s) => !a.has(s)).map((s) => change('server-added', scope, location, `server added: ${s}`)),
  ];
}

const serversChanged: OperationRule = (before, after, { scope }) =>
  diffServers(before.operation.servers, after.operation.servers, scope, 'servers');

interface ParameterEntry {
  parameter: Node;
  at: string;
}

/** Path-item and operation parameters (the operation's win), keyed `in name`; header names are case-insensitive. */
function parametersOf(doc: Node, entry: OperationEntry, visited: Set<string>): Map<string, ParameterEntry> {
  const lists: Array<[unknown, string]> = [
    [entry.pathItem.parameters, `${pathItemPointer(entry)}/parameters`],
    [entry.operation.parameters, `${operationPointer(entry)}/parameters`],
  ];
  const byKey = new Map<string, ParameterEntry>();
  for (const [list, listAt] of lists) {
    (Array.isArray(list) ? list : []).forEach((raw, i) => {
      const { node, ref } = resolve(doc, raw, visited);
      const name = String(node.name ?? '');
      byKey.set(`${String(node.in)} ${node.in === 'header' ? name.toLowerCase() : name}`, { parameter: node, at: ref ?? `${listAt}/${i}` });
    });
  }
  return byKey;
}

/** Places schema changes found under `location` in the operation; prose and unclassified ones go by pointer. */
function place(drafts: SchemaDraft[], scope: OperationScope, location: string): Change[] {
  return drafts.map((d) => (d.at ? change(d.rule, null, d.at, d.message) : change(d.rule, scope, at(location, d.pointer), d.message)));
}

const DEFAULT_STYLE: Record<string, string> = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' };
const styleOf = (p: Node) => (typeof p.style === 'string' ? p.style : (DEFAULT_STYLE[String(p.in)] ?? 'simple'));
const explodeOf = (p: Node) => (typeof p.explode === 'boolean' ? p.explode : styleOf(p) === 'form');

const PARAMETER_KEYS = new Set([...PROSE, 'name', 'in', 'required', 'deprecated', 'style', 'explode', 'schema']);

/** How a parameter is serialized and which values it takes, once it exists on both sides. */
function parameterChanged(old: ParameterEntry, now: ParameterEntry, scope: OperationScope, location: string, docs: Documents): Change[] {
  const [a, b] = [old.parameter, now.parameter];
  const changes: Change[] = [];
  if (a.required !== b.required) {
    changes.push(
      b.required === true
        ? change('request-parameter-made-required', scope, location, 'parameter made required')
        : change('request-parameter-made-optional', scope, location, 'parameter made optional'),
    );
  }
  if (styleOf(a) !== styleOf(b)) {
    changes.push(change('request-parameter-style-changed', scope, location, `style changed ${styleOf(a)} → ${styleOf(b)}`));
  }
  if (explodeOf(a) !== explodeOf(b)) {
    changes.push(change('request-parameter-explode-changed', scope, location, `explode changed ${explodeOf(a)} → ${explodeOf(b)}`));
  }
  changes.push(...deprecation(a, b, scope, location, 'parameter'));
  changes.push(...proseChanged(a, b, now.at), ...leftovers(a, b, PARAMETER_KEYS, now.at));
  const ctx = { ...docs, direction: 'request', xml: 'none' } as const;
  changes.push(...place(diffSchemas(a.schema, b.schema, [`${old.at}/schema`, `${now.at}/schema`], ctx), scope, location));
  return changes;
}

const parametersChanged: OperationRule = (before, after, { scope }, docs) => {
  const [a, b] = [parametersOf(docs.oldDoc, before, docs.visited), parametersOf(docs.newDoc, after, docs.visited)];
  return [...new Set([...a.keys(), ...b.keys()])].sort().flatMap((key) => {
    const [old, now] = [a.get(key), b.get(key)];
    const location = `request parameter ${key}`;
    if (old && now) {
      return parameterChanged(old, now, scope, location, docs);
    }
    if (old) {
      return old.parameter.deprecated === true
        ? [change('request-parameter-removed-after-deprecation', scope, location, 'deprecated parameter removed')]
        : [change('request-parameter-removed', scope, location, 'parameter removed without being deprecated first')];
    }
    return now?.parameter.required === true
      ? [change('request-required-parameter-added', scope, location, 'required parameter added')]
      : [change('request-optional-parameter-added', scope, location, 'optional parameter added')];
  });
};

const MEDIA_TYPE_RULES = {
  request: { removed: 'request-media-type-removed', added: 'request-media-type-added' },
  response: { removed: 'response-media-type-removed', added: 'response-media-type-added' },
} as const satisfies Record<Direction, Record<string, RuleId>>;

const MEDIA_TYPE_KEYS = new Set(['schema', 'example', 'examples']);

interface ContentSide {
  content: Node;
  at: string;
}

/**
 * Media types removed and added, then the schema changes of each kept media type. NCP sends one schema as
 * JSON and as XML, so a change found in both is reported once, naming both media types; XML-only rules
 * name only the XML one.
 */
function diffContent(
  before: ContentSide,
  after: ContentSide,
  direction: Direction,
  label: string,
  scope: OperationScope,
  docs: Documents,
): Change[] {
  const changes: Change[] = [];
  const found = new Map<string, { draft: SchemaDraft; mediaTypes: string[] }>();
  const hasXml = Object.keys(after.content).some(isXmlMediaType);
  for (const mediaType of sortedKeys(before.content, after.content)) {
    if (!(mediaType in after.content)) {
      changes.push(change(MEDIA_TYPE_RULES[direction].removed, scope, `${label} ${mediaType}`, 'media type removed'));
      continue;
    }
    if (!(mediaType in before.content)) {
      changes.push(change(MEDIA_TYPE_RULES[direction].added, scope, `${label} ${mediaType}`, 'media type added'));
      continue;
    }
    const [a, b] = [asObject(before.content[mediaType]), asObject(after.content[mediaType])];
    const [oldAt, newAt] = [`${before.at}/${escapePointer(mediaType)}`, `${after.at}/${escapePointer(mediaType)}`];
    changes.push(...proseChanged(a, b, newAt), ...leftovers(a, b, MEDIA_TYPE_KEYS, newAt));
    const xml: XmlMode = isXmlMediaType(mediaType) ? 'wire' : hasXml ? 'sibling' : 'none';
    for (const draft of diffSchemas(a.schema, b.schema, [`${oldAt}/schema`, `${newAt}/schema`], { ...docs, direction, xml })) {
      if (draft.at) {
        changes.push(...byPointer([draft]));
        continue;
      }
      const key = `${draft.rule} ${draft.pointer} ${draft.message}`;
      const entry = found.get(key) ?? { draft, mediaTypes: [] };
      entry.mediaTypes.push(mediaType);
      found.set(key, entry);
    }
  }
  for (const { draft, mediaTypes } of found.values()) {
    changes.push(change(draft.rule, scope, at(`${label} ${mediaTypes.join(', ')}`, draft.pointer), draft.message));
  }
  return changes;
}

const REQUEST_BODY_KEYS = new Set(['description', 'required', 'content']);

const requestBodyChanged: OperationRule = (before, after, { scope, oldAt, newAt }, docs) => {
  const [oldBody, newBody] = [
    resolve(docs.oldDoc, before.operation.requestBody, docs.visited),
    resolve(docs.newDoc, after.operation.requestBody, docs.visited),
  ];
  const [a, b] = [oldBody.node, newBody.node];
  const [aAt, bAt] = [oldBody.ref ?? `${oldAt}/requestBody`, newBody.ref ?? `${newAt}/requestBody`];
  const changes: Change[] = [];
  if (a.required !== true && b.required === true) {
    changes.push(change('request-body-made-required', scope, 'request', 'request body made required'));
  } else if (a.required === true && b.required !== true) {
    changes.push(change('request-body-made-optional', scope, 'request', 'request body made optional'));
  }
  changes.push(...proseChanged(a, b, bAt), ...leftovers(a, b, REQUEST_BODY_KEYS, bAt));
  const content = (body: Node, bodyAt: string) => ({ content: asObject(body.content), at: `${bodyAt}/content` });
  return [...changes, ...diffContent(content(a, aAt), content(b, bAt), 'request', 'request', scope, docs)];
};

const HEADER_KEYS = new Set([...PROSE, 'required', 'deprecated', 'schema']);

/** Response headers by case-insensitive name: removed, added, required-ness, then their schema as a response. */
function diffHeaders(before: ContentSide, after: ContentSide, label: string, scope: OperationScope, docs: Documents): Change[] {
  const index = (doc: Node, side: ContentSide) =>
    new Map(
      Object.entries(side.content).map(([name, raw]) => {
        const { node, ref } = resolve(doc, raw, docs.visited);
        return [name.toLowerCase(), { header: node, at: ref ?? `${side.at}/${escapePointer(name)}` }] as const;
      }),
    );
  const [a, b] = [index(docs.oldDoc, before), index(docs.newDoc, after)];
  return [...new Set([...a.keys(), ...b.keys()])].sort().flatMap((name) => {
    const [old, now] = [a.get(name), b.get(name)];
    const location = `${label} header ${name}`;
    if (!now) {
      return old?.header.required === true
        ? [change('response-required-header-removed', scope, location, 'required header removed')]
        : [change('response-optional-header-removed', scope, location, 'optional header removed')];
    }
    if (!old) {
      return [change('response-header-added', scope, location, `header added (${now.header.required === true ? 'required' : 'optional'})`)];
    }
    const changes: Change[] = [];
    if (old.header.required === true && now.header.required !== true) {
      changes.push(change('response-header-made-optional', scope, location, 'header made optional'));
    } else if (old.header.required !== true && now.header.required === true) {
      changes.push(change('response-header-made-required', scope, location, 'header made required'));
    }
    changes.push(...deprecation(old.header, now.header, scope, location, 'header'));
    changes.push(...proseChanged(old.header, now.header, now.at), ...leftovers(old.header, now.header, HEADER_KEYS, now.at));
    const ctx = { ...docs, direction: 'response', xml: 'none' } as const;
    changes.push(
      ...place(diffSchemas(old.header.schema, now.header.schema, [`${old.at}/schema`, `${now.at}/schema`], ctx), scope, location),
    );
    return changes;
  });
}

const RESPONSE_KEYS = new Set(['description', 'content', 'headers', 'links']);

const responsesChanged: OperationRule = (before, after, { scope, oldAt, newAt }, docs) => {
  const [a, b] = [asObject(before.operation.responses), asObject(after.operation.responses)];
  return sortedKeys(a, b).flatMap((status) => {
    const label = `response ${status}`;
    if (!(status in b)) {
      return [change('response-status-removed', scope, label, 'status removed')];
    }
    if (!(status in a)) {
      return [change('response-status-added', scope, label, 'status added')];
    }
    const [oldResponse, newResponse] = [resolve(docs.oldDoc, a[status], docs.visited), resolve(docs.newDoc, b[status], docs.visited)];
    const [old, now] = [oldResponse.node, newResponse.node];
    const [aAt, bAt] = [oldResponse.ref ?? `${oldAt}/responses/${status}`, newResponse.ref ?? `${newAt}/responses/${status}`];
    const side = (response: Node, key: string, responseAt: string) => ({ content: asObject(response[key]), at: `${responseAt}/${key}` });
    const links = isDeepStrictEqual(old.links, now.links)
      ? []
      : [
          change(
            'response-links-changed',
            scope,
            label,
            `links changed: ${sortedKeys(asObject(old.links), asObject(now.links)).join(', ')}`,
          ),
        ];
    return [
      ...proseChanged(old, now, bAt),
      ...leftovers(old, now, RESPONSE_KEYS, bAt),
      ...links,
      ...diffHeaders(side(old, 'headers', aAt), side(now, 'headers', bAt), label, scope, docs),
      ...diffContent(side(old, 'content', aAt), side(now, 'content', bAt), 'response', label, scope, docs),
    ];
  });
};

const OPERATION_RULES: OperationRule[] = [
  operationLevel,
  securityChanged,
  serversChanged,
  parametersChanged,
  requestBodyChanged,
  responsesChanged,
];

export function scopeOf(entry: OperationEntry): OperationScope {
  const { operationId } = entry.operation;
  return { operation: typeof operationId === 'string' ? operationId : null, method: entry.method, path: entry.path };
}

/** `#/paths/~1api~1v2~1accounts~1getDetail` */
export const pathItemPointer = (entry: OperationEntry) => `#/paths/${escapePointer(entry.path)}`;

/** `#/paths/~1api~1v2~1accounts~1getDetail/post` */
export const operationPointer = (entry: OperationEntry) => `${pathItemPointer(entry)}/${entry.method.toLowerCase()}`;

/** Every change between two versions of one operation (matched by method and path). */
export function diffOperation(before: OperationEntry, after: OperationEntry, docs: Documents): Change[] {
  const where = { scope: scopeOf(after), oldAt: operationPointer(before), newAt: operationPointer(after) };
  return OPERATION_RULES.flatMap((rule) => rule(before, after, where, docs));
}
