import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import type { ImportedOperation } from './model.ts';

/** A named export of a module under schemas/: what the emitted file imports instead of restating it. */
export interface ExportRef {
  /** Repository-relative path of the module, `schemas/ncp-dataforest/common.ts`. */
  file: string;
  name: string;
}

/**
 * What the project already knows about a service, for an importer that writes in its conventions: the field
 * schemas its other operations use (by field name), the modules that export them, the error responses every
 * operation spreads, and where each existing operation lives.
 */
export interface ProjectContext {
  root: string;
  service: Service;
  /** The operation the page describes, when the project has it (same method and path). */
  existing?: { operation: Operation; file: string };
  /** Field name → the (unwrapped) schemas other operations of the service give a field of that name. */
  vocabulary: Map<string, z.ZodType[]>;
  /** Field name → how many of those fields are optional, and how many there are. */
  optionality: Map<string, { optional: number; total: number }>;
  /**
   * Members nearly every other operation's success response has and none requires (`message` of an NCP
   * `{ success, message? … }` answer): part of the service's response envelope, though a page may not show them.
   */
  envelope: Map<string, z.ZodType>;
  /** Nearly every other operation of the service takes a request body (an empty object where it needs nothing). */
  alwaysBody: boolean;
  /** The XML root names of the other operations of the page's group, by their action (`getList` → `GetAccountList`). */
  xmlRoots: { action: string; request?: string; response?: string }[];
  /** A schema's definition object → the export it comes from (`.meta()` and `.optional()` keep the definition). */
  exports: Map<unknown, ExportRef>;
  /**
   * The schemas the replaced file exports by name (`AccountStatus`): the new file must go on exporting those other
   * files import, and keeps the component names clients were generated with.
   */
  replaced: Map<string, z.ZodType>;
  /** The error responses the service's operations spread (`...ncpErrors`), and the body they carry. */
  errors?: { ref: ExportRef; statuses: number[]; body?: ExportRef };
  /** Where a new operation file goes: `schemas/<service>/`. */
  serviceDir: string;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch']);

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };
export const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let d = defOf(s); WRAPPERS.has(d.type) && d.innerType; d = defOf(s)) {
    s = d.innerType;
  }
  return s;
}

/** Every object member of a schema, with its name, at any depth. */
function members(schema: z.ZodType | undefined, into: [string, z.ZodType][] = [], depth = 0): [string, z.ZodType][] {
  if (!schema || depth > 6) {
    return into;
  }
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape) {
    for (const [key, member] of Object.entries(def.shape)) {
      into.push([key, unwrap(member)]);
      members(member, into, depth + 1);
    }
  } else if (def.type === 'array' && def.element) {
    members(def.element, into, depth + 1);
  } else if (def.type === 'union' && def.options) {
    for (const option of def.options) {
      members(option, into, depth + 1);
    }
  }
  return into;
}

const isZod = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && '_zod' in value;

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? tsFiles(join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.test-d.ts')
          ? [join(dir, e.name)]
          : [],
    ),
  );
  return nested.flat().sort();
}

/** The service an imported page belongs to: the one named, else the one whose operations share the longest path prefix. */
export function pickService(services: readonly Service[], op: Pick<ImportedOperation, 'path'>, id?: string): Service | undefined {
  if (id !== undefined) {
    return services.find((s) => s.id === id);
  }
  const segments = (path: string) =>
    path
      .split('/')
      .filter(Boolean)
      .map((s) => (s.startsWith('{') ? '{}' : s));
  const mine = segments(op.path);
  let best: { service: Service; score: number } | undefined;
  for (const service of services) {
    for (const other of service.operations) {
      const theirs = segments(other.path);
      let score = 0;
      while (score < mine.length && score < theirs.length && mine[score] === theirs[score]) {
        score++;
      }
      if (score > 0 && (!best || score > best.score)) {
        best = { service, score };
      }
    }
  }
  return best?.service;
}

const errorMapOf = (value: unknown): Record<string, { body?: unknown }> | undefined =>
  typeof value === 'object' &&
  value !== null &&
  !isZod(value) &&
  Object.keys(value).length > 0 &&
  Object.entries(value).every(([k, v]) => /^[45]\d\d$/.test(k) && typeof v === 'object' && v !== null && 'description' in v)
    ? (value as Record<string, { body?: unknown }>)
    : undefined;

/** Reads the service's modules: its operations' fields, the exports they come from, and its error responses. */
export async function loadContext(root: string, service: Service, method: string, path: string): Promise<ProjectContext> {
  const schemasDir = join(root, 'schemas');
  const serviceDir = join(schemasDir, service.id);
  const shared = (await readdir(schemasDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && e.name.startsWith('_') && e.name !== '_shared')
    .map((e) => join(schemasDir, e.name, 'common.ts'));
  const files = [...shared, ...(await tsFiles(serviceDir))];
  const modules = new Map<string, Record<string, unknown>>();
  for (const file of files) {
    modules.set(file, (await import(pathToFileURL(file).href).catch(() => ({}))) as Record<string, unknown>);
  }
  const existingOp = service.operations.find((o) => o.method === method && o.path === path);
  let existing: ProjectContext['existing'];
  const exports = new Map<unknown, ExportRef>();
  const errorMaps: { ref: ExportRef; map: Record<string, { body?: unknown }> }[] = [];
  for (const [file, module] of modules) {
    const rel = relative(root, file);
    for (const [name, value] of Object.entries(module)) {
      if (existingOp && value === existingOp) {
        existing = { operation: existingOp, file: rel };
      }
      if (isZod(value) && !exports.has(defOf(value))) {
        exports.set(defOf(value), { file: rel, name });
      }
      const map = errorMapOf(value);
      if (map) {
        errorMaps.push({ ref: { file: rel, name }, map });
      }
      if (typeof value === 'object' && value !== null && 'schema' in value && isZod((value as { schema: unknown }).schema)) {
        exports.set(value, { file: rel, name });
      }
    }
  }
  // The file being replaced cannot be imported from: what it exports is restated in the new file instead.
  const replaced = new Map<string, z.ZodType>();
  for (const [def, ref] of exports) {
    if (existing && ref.file === existing.file) {
      exports.delete(def);
    }
  }
  if (existing) {
    for (const [name, value] of Object.entries(modules.get(join(root, existing.file)) ?? {})) {
      if (isZod(value)) {
        replaced.set(name, value);
      }
    }
  }
  const vocabulary = new Map<string, z.ZodType[]>();
  const optionality = new Map<string, { optional: number; total: number }>();
  const topLevel = new Map<string, { count: number; optional: number; schema: z.ZodType }>();
  const others = service.operations.filter((op) => op !== existingOp);
  const group = path.split('/').slice(0, -1).join('/');
  const xmlRoots: ProjectContext['xmlRoots'] = [];
  const rootName = (schema: z.ZodType | undefined) =>
    schema ? (schema.meta() as { xml?: { name?: string } } | undefined)?.xml?.name : undefined;
  for (const op of others) {
    const success = op.responses.find((r) => r.status < 300)?.body;
    const schemas = [
      op.request.params,
      op.request.query,
      op.request.body?.schema,
      ...op.responses.filter((r) => r.status < 300).map((r) => r.body?.schema),
    ];
    for (const schema of schemas) {
      for (const [name, member] of members(schema)) {
        vocabulary.set(name, [...(vocabulary.get(name) ?? []), member]);
      }
      // Requirement is compared on a body's own members only: nested objects of one name differ between operations.
      for (const [name, member] of Object.entries((schema ? defOf(unwrap(schema)).shape : undefined) ?? {})) {
        const o = optionality.get(name) ?? { optional: 0, total: 0 };
        o.total++;
        o.optional += member.safeParse(undefined).success ? 1 : 0;
        optionality.set(name, o);
      }
    }
    const shape = success ? defOf(unwrap(success.schema)).shape : undefined;
    for (const [name, member] of Object.entries(shape ?? {})) {
      const t = topLevel.get(name) ?? { count: 0, optional: 0, schema: unwrap(member) };
      t.count++;
      t.optional += member.safeParse(undefined).success ? 1 : 0;
      topLevel.set(name, t);
    }
    if (op.path.split('/').slice(0, -1).join('/') === group) {
      const request = rootName(op.request.body?.xmlSchema);
      const response = rootName(success?.xmlSchema);
      xmlRoots.push({ action: op.path.split('/').at(-1) ?? '', ...(request ? { request } : {}), ...(response ? { response } : {}) });
    }
  }
  const envelope = new Map<string, z.ZodType>();
  for (const [name, t] of topLevel) {
    if (others.length >= 3 && t.count >= 0.9 * others.length && t.optional === t.count) {
      envelope.set(name, t.schema);
    }
  }
  // The error responses most operations spread: the one whose statuses all operations answer with the same body.
  let errors: ProjectContext['errors'];
  let bestCount = 0;
  for (const { ref, map } of errorMaps) {
    const statuses = Object.keys(map).map(Number);
    const count = service.operations.filter((op) => statuses.every((s) => op.responses.some((r) => r.status === s))).length;
    if (count > bestCount) {
      bestCount = count;
      const body = Object.values(map)[0]?.body;
      const bodyRef = body === undefined ? undefined : exports.get(body);
      errors = { ref, statuses, ...(bodyRef ? { body: bodyRef } : {}) };
    }
  }
  return {
    root,
    service,
    vocabulary,
    optionality,
    envelope,
    xmlRoots,
    alwaysBody: others.length >= 3 && others.filter((op) => op.request.body !== undefined).length >= 0.9 * others.length,
    exports,
    replaced,
    serviceDir: relative(root, serviceDir),
    ...(existing ? { existing } : {}),
    ...(errors ? { errors } : {}),
  };
}

/** The JSON Schema `type` of a schema (`integer`, `string`…), for matching a page's field to the project's. */
export function jsonType(schema: z.ZodType): string | undefined {
  try {
    type Json = { type?: string; enum?: unknown[]; $ref?: string; $defs?: Record<string, Json> };
    let json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    // A schema with a component id comes back as a reference to its definition.
    if (json.$ref?.startsWith('#/$defs/')) {
      json = json.$defs?.[json.$ref.slice('#/$defs/'.length)] ?? json;
    }
    return json.type ?? (json.enum ? 'string' : undefined);
  } catch {
    return undefined;
  }
}

/** The export a schema was made from, if any (its definition is shared by `.meta()` copies). */
export function exportOf(context: ProjectContext, schema: z.ZodType): ExportRef | undefined {
  return context.exports.get(defOf(unwrap(schema)));
}

/** An enumeration's values, when the schema is one. */
export function enumValues(schema: z.ZodType): string[] | undefined {
  const def = defOf(unwrap(schema)) as Def & { entries?: Record<string, string> };
  return def.type === 'enum' && def.entries ? Object.values(def.entries) : undefined;
}

/** An object schema's member names, when the schema is one. */
export function memberNames(schema: z.ZodType): string[] | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** The component id a schema carries in its metadata. */
export function componentId(schema: z.ZodType): string | undefined {
  const meta = schema.meta() as { id?: unknown } | undefined;
  return typeof meta?.id === 'string' ? meta.id : undefined;
}
