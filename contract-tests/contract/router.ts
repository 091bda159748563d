import { MockConfigError } from './errors.ts';

export interface Route<T> {
  /** Upper case, as it arrives on the wire. */
  method: string;
  /** OpenAPI path template, e.g. `/v3/{project_id}/nodes/{node_id}/session`. */
  path: string;
  target: T;
}

export type Match<T> =
  | { kind: 'found'; target: T /** Still percent-encoded: decoding can fail, and that is the caller's 400. */; params: [string, string][] }
  | { kind: 'wrong-method'; allow: string[]; targets: T[] }
  | { kind: 'not-found' };

type Segment = { literal: string } | { param: string };

interface Template<T> {
  path: string;
  segments: Segment[];
  methods: Map<string, T>;
}

function parseTemplate(path: string): Segment[] {
  return path.split('/').map((part) => (part.startsWith('{') && part.endsWith('}') ? { param: part.slice(1, -1) } : { literal: part }));
}

function segmentsOverlap(left: Segment[], right: Segment[]): boolean {
  return (
    left.length === right.length &&
    left.every((segment, i) => {
      const other = right[i];
      return !('literal' in segment) || other === undefined || !('literal' in other) || segment.literal === other.literal;
    })
  );
}

/** Whether some concrete path matches both templates: same length, and no position where both are different literals. */
export function templatesOverlap(a: string, b: string): boolean {
  return segmentsOverlap(parseTemplate(a), parseTemplate(b));
}

interface Indexed<T> {
  route: Route<T>;
  index: number;
  segments: Segment[];
}

function conflict<T>(x: Indexed<T>, y: Indexed<T>): never {
  const [a, b] = x.index < y.index ? [x.route, y.route] : [y.route, x.route];
  throw new MockConfigError(
    'CONFIG_MOCK_ROUTE_CONFLICT',
    `${a.method} ${a.path} and ${b.method} ${b.path} can match the same request path; the mock could not tell them apart`,
  );
}

/**
 * Refuses two routes of one method that some path matches. Linear in the literal routes: two literal routes
 * conflict only when equal (one map), and a templated route can only meet routes of its method and segment
 * count, so pairs are compared within those buckets alone.
 */
function assertNoConflicts<T>(routes: Route<T>[]): void {
  const literals = new Map<string, Indexed<T>>();
  const templated = new Map<string, Indexed<T>[]>();
  for (const [index, route] of routes.entries()) {
    const entry = { route, index, segments: parseTemplate(route.path) };
    if (entry.segments.every((s) => 'literal' in s)) {
      const same = literals.get(`${route.method} ${route.path}`);
      if (same !== undefined) {
        conflict(same, entry);
      }
      literals.set(`${route.method} ${route.path}`, entry);
      continue;
    }
    const bucket = `${route.method} ${entry.segments.length}`;
    const peers = templated.get(bucket) ?? [];
    templated.set(bucket, peers);
    const overlapping = peers.find((peer) => segmentsOverlap(peer.segments, entry.segments));
    if (overlapping !== undefined) {
      conflict(overlapping, entry);
    }
    peers.push(entry);
  }
  for (const entry of literals.values()) {
    const peers = templated.get(`${entry.route.method} ${entry.segments.length}`) ?? [];
    const overlapping = peers.find((peer) => segmentsOverlap(peer.segments, entry.segments));
    if (overlapping !== undefined) {
      conflict(overlapping, entry);
    }
  }
}

function group<T>(routes: Route<T>[]): Template<T>[] {
  const byPath = new Map<string, Template<T>>();
  for (const route of routes) {
    const template = byPath.get(route.path) ?? { path: route.path, segments: parseTemplate(route.path), methods: new Map() };
    template.methods.set(route.method, route.target);
    byPath.set(route.path, template);
  }
  return [...byPath.values()];
}

function matchSegments(segments: Segment[], parts: string[]): [string, string][] | undefined {
  if (segments.length !== parts.length) {
    return undefined;
  }
  const params: [string, string][] = [];
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] as string;
    if ('param' in segment) {
      if (part === '') {
        return undefined;
      }
      params.push([segment.param, part]);
    } else if (segment.literal !== part) {
      return undefined;
    }
  }
  return params;
}

/**
 * Compiles the route table once: literal paths (every Data Forest operation) resolve with one map lookup,
 * templated ones (Huawei's `{project_id}` paths) by comparing segments. Routes of one method that could match
 * the same path are refused at compile time, so the order of the table never decides which operation answers.
 */
export function compileRouter<T>(routes: Route<T>[]): (method: string, pathname: string) => Match<T> {
  assertNoConflicts(routes);
  const templates = group(routes);
  const literal = new Map(templates.filter((t) => t.segments.every((s) => 'literal' in s)).map((t) => [t.path, t]));
  const parameterised = templates.filter((t) => !literal.has(t.path));

  return (method, pathname) => {
    const exact = literal.get(pathname);
    const direct = exact?.methods.get(method);
    if (direct !== undefined) {
      return { kind: 'found', target: direct, params: [] };
    }
    const candidates: { template: Template<T>; params: [string, string][] }[] = exact ? [{ template: exact, params: [] }] : [];
    if (parameterised.length > 0) {
      const parts = pathname.split('/');
      for (const template of parameterised) {
        const params = matchSegments(template.segments, parts);
        if (params) {
          candidates.push({ template, params });
        }
      }
    }
    for (const { template, params } of candidates) {
      const target = template.methods.get(method);
      if (target !== undefined) {
        return { kind: 'found', target, params };
      }
    }
    if (candidates.length === 0) {
      return { kind: 'not-found' };
    }
    const allowed = candidates.flatMap(({ template }) => [...template.methods.entries()]);
    return { kind: 'wrong-method', allow: [...new Set(allowed.map(([m]) => m))].sort(), targets: allowed.map(([, t]) => t) };
  };
}
