import { escapeToken, unescapeToken } from '../../schemas/_shared/json-pointer.ts';
/** Read-only access to a parsed OpenAPI 3.x document: `$ref` resolution and the operation index. */

export type Node = Record<string, unknown>;

export function isObject(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): Node {
  return isObject(value) ? value : {};
}

/** A `$ref` fragment's token: URI-decoded, then a JSON pointer token. */
function unescapePointer(segment: string): string {
  return unescapeToken(decodeURIComponent(segment));
}

/** One JSON pointer segment: `/api/v2/x` → `~1api~1v2~1x`. */
export const escapePointer = escapeToken;

/** Targets already looked up, per document: the diff follows the same few hundred references thousands of times. */
const lookedUp = new WeakMap<Node, Map<string, unknown>>();

/** The node a local `#/…` reference points at, or undefined when it does not exist. */
export function lookupRef(doc: Node, ref: string): unknown {
  if (!ref.startsWith('#')) {
    return undefined;
  }
  let known = lookedUp.get(doc);
  if (known?.has(ref)) {
    return known.get(ref);
  }
  let node: unknown = doc;
  for (const segment of ref.slice(1).split('/').slice(1)) {
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[unescapePointer(segment)] : undefined;
  }
  if (!known) {
    known = new Map();
    lookedUp.set(doc, known);
  }
  known.set(ref, node);
  return node;
}

export interface Resolved {
  node: Node;
  /** The last `$ref` followed, e.g. `#/components/schemas/Quota`. */
  ref?: string;
}

/**
 * Follows `$ref` chains. OAS 3.1 lets a reference carry sibling keywords (`{ $ref, description, xml }`);
 * they apply on top of the target, so they are merged over it. A reference loop yields an empty node;
 * load-time validation has already rejected references that point nowhere. Every reference followed is
 * added to `visited`, so the diff can tell which components no operation reaches.
 */
export function resolve(doc: Node, value: unknown, visited?: Set<string>): Resolved {
  let node = asObject(value);
  let ref: string | undefined;
  const followed = new Set<string>();
  while (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    if (followed.has($ref)) {
      return { node: {}, ref };
    }
    followed.add($ref);
    visited?.add($ref);
    ref = $ref;
    node = { ...asObject(lookupRef(doc, $ref)), ...siblings };
  }
  return ref === undefined ? { node } : { node, ref };
}

/** `#/components/schemas/Quota` → `Quota`. */
export function refName(ref: string): string {
  return unescapePointer(ref.slice(ref.lastIndexOf('/') + 1));
}

/** Every `$ref` string anywhere in the document, for load-time validation. */
export function collectRefs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) {
      collectRefs(item, into);
    }
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        into.add(child);
      } else {
        collectRefs(child, into);
      }
    }
  }
  return into;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationEntry {
  method: string;
  path: string;
  operation: Node;
  pathItem: Node;
}

/**
 * Operations keyed by method and path with parameter names blanked (`/v2/{}/instances`), so renaming a path
 * parameter is reported as a parameter change of the same operation rather than a removed and an added one.
 */
export function indexOperations(doc: Node): Map<string, OperationEntry> {
  const index = new Map<string, OperationEntry>();
  for (const [path, rawItem] of Object.entries(asObject(doc.paths))) {
    const pathItem = resolve(doc, rawItem).node;
    for (const method of METHODS) {
      if (isObject(pathItem[method])) {
        const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
        index.set(key, { method: method.toUpperCase(), path, operation: pathItem[method], pathItem });
      }
    }
  }
  return index;
}

/** JSON with object keys sorted, so equal values give equal strings whatever the key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
