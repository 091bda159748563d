import { dirname, join, relative } from 'node:path';
import type { z } from 'zod';
import type { BodyModel, ExampleModel, FieldNode, ImportedOperation } from './model.ts';
import { componentId, defOf, type ExportRef, enumValues, exportOf, jsonType, memberNames, type ProjectContext, unwrap } from './project.ts';

/** What `import` writes: the operation file, where it goes, and the name it exports. */
export interface EmittedOperation {
  /** Repository-relative path, `schemas/ncp-dataforest/apps/kill-master.ts`. */
  file: string;
  group: string;
  operationId: string;
  source: string;
}

export interface EmitOptions {
  group?: string;
}

const pascal = (s: string) => s.replace(/[-_\s]+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
const camel = (s: string) => pascal(s).replace(/^\w/, (c) => c.toLowerCase());
const kebab = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const IDENT = /^[A-Za-z_$][\w$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : quote(k));

/** A JSON value as TypeScript source (single quotes, keys bare where they can be). */
export function literal(value: unknown): string {
  if (typeof value === 'string') {
    return quote(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(literal).join(', ')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${key(k)}: ${literal(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** The group folder: `--group`, the existing file's folder, or the path segment that names the resource. */
function groupOf(op: ImportedOperation, context: ProjectContext | undefined, options: EmitOptions): string {
  if (options.group) {
    return kebab(options.group);
  }
  if (context?.existing) {
    return dirname(context.existing.file).split('/').at(-1) ?? 'operations';
  }
  const statics = op.path.split('/').filter((s) => s && !s.startsWith('{') && !/^v\d+$/.test(s) && s !== 'api');
  const last = statics.at(-1) ?? 'operations';
  return kebab(last.toLowerCase() === op.action.toLowerCase() && statics.length > 1 ? (statics.at(-2) ?? last) : last);
}

/** `<group><Op>` where the action is the path's last segment (NCP), else the vendor's action name in lower camel. */
function operationIdOf(op: ImportedOperation, group: string, context: ProjectContext | undefined): string {
  if (context?.existing) {
    return context.existing.operation.operationId;
  }
  const last = op.path.split('/').at(-1) ?? '';
  return last === op.action ? `${camel(group)}${pascal(op.action)}` : camel(op.action);
}

/** What an example shows for a file answer: the bytes are not on the page. */
const BINARY_EXAMPLE = '(the file the operation answers with)';

/** A GET, or a get/list/check/show/query… action, reads; anything else writes. */
export function safetyOf(method: string, action: string): 'read' | 'write' {
  return method === 'get' || /^(?:get|list|check|show|query)(?:[A-Z_-]|$)/i.test(action) ? 'read' : 'write';
}

class Writer {
  readonly imports = new Map<string, Set<string>>();
  readonly decls: string[] = [];
  readonly notes: string[] = [];
  constructor(
    readonly file: string,
    readonly context: ProjectContext | undefined,
    readonly xml: boolean,
  ) {}

  use(ref: ExportRef): string {
    let from = relative(dirname(this.file), ref.file);
    if (!from.startsWith('.')) {
      from = `./${from}`;
    }
    const names = this.imports.get(from) ?? new Set();
    names.add(ref.name);
    this.imports.set(from, names);
    return ref.name;
  }

  readonly restated = new Set<string>();

  /** A schema of the replaced file that other operations use: restated here under its name (enumerations only). */
  restate(schema: z.ZodType): string | undefined {
    const entry = [...(this.context?.replaced ?? [])].find(([, value]) => defOf(unwrap(value)) === defOf(unwrap(schema)));
    const values = enumValues(schema);
    if (!entry || !values) {
      return undefined;
    }
    const [name, value] = entry;
    if (!this.restated.has(name)) {
      this.restated.add(name);
      const id = componentId(value);
      this.decls.push(`export const ${name} = z.enum([${values.map(quote).join(', ')}])${id ? `.meta({ id: ${quote(id)} })` : ''};`);
    }
    return name;
  }

  /** The name the replaced file gave an object with exactly these members, so components keep their names. */
  keptName(node: FieldNode): string | undefined {
    const keys = Object.keys(node.properties ?? {})
      .sort()
      .join(',');
    for (const [name, value] of this.context?.replaced ?? []) {
      if (memberNames(value)?.sort().join(',') === keys && !this.decls.some((d) => d.startsWith(`export const ${name} `))) {
        return name;
      }
    }
    return undefined;
  }

  /** The project's schema for a field of this name, when its type matches and every value the page shows fits it. */
  reuse(name: string, node: FieldNode): { code: string; schema: z.ZodType } | undefined {
    const candidates = this.context?.vocabulary.get(name) ?? [];
    const values = node.type === 'array' ? (node.items?.samples.length ? [node.items.samples] : []) : node.samples;
    const tally = new Map<string, { count: number; schema: z.ZodType; exported?: ExportRef }>();
    for (const schema of candidates) {
      if (jsonType(schema) !== node.type || !values.every((v) => schema.safeParse(v).success)) {
        continue;
      }
      const exported = this.context ? exportOf(this.context, schema) : undefined;
      if (!exported && !enumValues(schema)) {
        continue;
      }
      const id = exported ? `${exported.file}#${exported.name}` : `enum:${(enumValues(schema) ?? []).join(',')}`;
      const seen = tally.get(id) ?? { count: 0, schema, ...(exported ? { exported } : {}) };
      seen.count++;
      tally.set(id, seen);
    }
    for (const best of [...tally.values()].sort((a, b) => b.count - a.count)) {
      const code = best.exported ? this.use(best.exported) : this.restate(best.schema);
      if (code) {
        return { code, schema: best.schema };
      }
    }
    return undefined;
  }

  /** Zod source for a field; nested objects become named, exported schemas. */
  field(name: string, node: FieldNode, owner: string, required: boolean): string {
    const reused = node.type === 'object' ? undefined : this.reuse(name, node);
    let code = reused?.code ?? this.base(name, node, owner);
    if (!required) {
      code += '.optional()';
    }
    if (node.description) {
      code += `.meta({ description: ${quote(node.description)} })`;
    }
    return code;
  }

  base(name: string, node: FieldNode, owner: string): string {
    const c = node.constraints;
    switch (node.type) {
      case 'string': {
        if (c.enum && c.enum.length > 0 && node.samples.every((s) => typeof s === 'string' && c.enum?.includes(s))) {
          return `z.enum([${c.enum.map(quote).join(', ')}])`;
        }
        const fits = (s: unknown) =>
          typeof s !== 'string' ||
          ((c.minLength === undefined || s.length >= c.minLength) && (c.maxLength === undefined || s.length <= c.maxLength));
        const bounded = node.samples.every(fits);
        return `z.string()${bounded && c.minLength !== undefined ? `.min(${c.minLength})` : ''}${bounded && c.maxLength !== undefined ? `.max(${c.maxLength})` : ''}`;
      }
      case 'integer':
      case 'number': {
        const fits = (s: unknown) =>
          typeof s !== 'number' || ((c.minimum === undefined || s >= c.minimum) && (c.maximum === undefined || s <= c.maximum));
        const bounded = node.samples.every(fits);
        return `z.number()${node.type === 'integer' ? '.int()' : ''}${bounded && c.minimum !== undefined ? `.min(${c.minimum})` : ''}${bounded && c.maximum !== undefined ? `.max(${c.maximum})` : ''}`;
      }
      case 'boolean':
        return 'z.boolean()';
      case 'array': {
        const singular = pascal(name).replace(/(?<=\w{3})s$/, '');
        const item = node.items ? this.itemOf(node.items, `${owner}${singular}`) : 'z.unknown()';
        return `z.array(${item})`;
      }
      case 'object':
        return this.object(this.keptName(node) ?? `${owner}${pascal(name)}`, node);
      default:
        return 'z.unknown()';
    }
  }

  /**
   * Whether a field is required: as the page's table says; where it says nothing, as the service's other
   * operations have a field of that name (optional nearly everywhere, or required everywhere); else as the
   * examples show it.
   */
  requiredOf(name: string, node: FieldNode, fallback: boolean): boolean {
    if (node.requiredStated) {
      return node.required === true;
    }
    const o = this.context?.optionality.get(name);
    if (o && o.total >= 2 && o.optional >= 0.9 * o.total) {
      return false;
    }
    if (o && o.total >= 2 && o.optional === 0) {
      return true;
    }
    return node.required ?? fallback;
  }

  itemOf(node: FieldNode, name: string): string {
    return node.type === 'object' ? this.object(this.keptName(node) ?? name, node) : this.base(name, node, name);
  }

  /** A named object schema; `xmlName` for a body root of a service that speaks XML. */
  object(name: string, node: FieldNode, xmlName?: string, required = true, envelope = false): string {
    const fields = Object.entries(node.properties ?? {}).map(
      ([k, member]) => `    ${key(k)}: ${this.field(k, member, name, this.requiredOf(k, member, required))},`,
    );
    if (envelope) {
      for (const [k, schema] of this.context?.envelope ?? []) {
        const type = jsonType(schema);
        if (!node.properties?.[k] && (type === 'string' || type === 'boolean' || type === 'integer')) {
          fields.push(
            `    ${key(k)}: ${type === 'string' ? 'z.string()' : type === 'boolean' ? 'z.boolean()' : 'z.number().int()'}.optional(),`,
          );
        }
      }
    }
    const meta = xmlName ? `{ id: ${quote(name)}, xml: { name: ${quote(xmlName)} } }` : `{ id: ${quote(name)} }`;
    // "Mandatory when kill_all_nodes is false": a requirement that depends on another field of the same object.
    const conditions = Object.entries(node.properties ?? {}).flatMap(([k, member]) => {
      const m = /\b(?:mandatory|required)\s+(?:when|if)\s+`?([A-Za-z_]\w*)`?\s+is\s+(true|false|-?\d+)\b/i.exec(member.description ?? '');
      const other = m?.[1];
      return other && other !== k && node.properties?.[other] && !this.requiredOf(k, member, required)
        ? [{ field: k, when: other, equals: m?.[2] ?? '' }]
        : [];
    });
    let object = `z\n  .object({\n${fields.join('\n')}\n  })`;
    for (const c of conditions) {
      const rules = this.use({ file: join('schemas', '_shared', 'spec-rules.ts'), name: 'requiredWhen' });
      object = `${rules}(${object}, ${quote(c.field)}, { field: ${quote(c.when)}, equals: ${c.equals.toLowerCase()} }, ${quote(`${c.field} is required when ${c.when} is ${c.equals.toLowerCase()}`)})`;
    }
    this.decls.push(`export const ${name} = ${object}\n  .meta(${meta});`);
    return name;
  }
}

/**
 * The XML root name the group's naming gives an action: where the other operations of the group put the same word
 * between their action's verb and the rest (`getList` → `GetAccountListRequest`, `create` → `CreateAccountRequest`),
 * the new one gets it too.
 */
function learnedRoot(action: string, suffix: 'Request' | 'Response', context: ProjectContext | undefined): string | undefined {
  const split = (a: string) => {
    const m = /^([a-z]+)(.*)$/.exec(a);
    return m ? [pascal(m[1] ?? ''), m[2] ?? ''] : undefined;
  };
  const infixes = new Map<string, number>();
  for (const other of context?.xmlRoots ?? []) {
    const root = suffix === 'Request' ? other.request : other.response;
    const parts = split(other.action);
    if (!root || !parts) {
      continue;
    }
    const [verb, rest = ''] = parts;
    if (verb && root.startsWith(verb) && root.endsWith(`${rest}${suffix}`)) {
      const infix = root.slice(verb.length, root.length - rest.length - suffix.length);
      infixes.set(infix, (infixes.get(infix) ?? 0) + 1);
    }
  }
  const [best] = [...infixes].sort((a, b) => b[1] - a[1]);
  const mine = split(action);
  return best && best[1] >= 2 && mine ? `${mine[0]}${best[0]}${mine[1]}${suffix}` : undefined;
}

/** The example values the page gives, filled in where a schema needs one (path parameters the example URL leaves as placeholders). */
function exampleSource(
  example: ExampleModel,
  params: string | undefined,
  paramValues: Record<string, unknown>,
  hasBody: boolean,
  withXml?: { request?: string; response?: string },
): string {
  const request: string[] = [];
  if (params) {
    request.push(`params: ${literal({ ...paramValues, ...example.request?.params })}`);
  }
  if (hasBody && example.request?.body !== undefined) {
    request.push(`body: ${literal(example.request.body)}`);
  }
  if (withXml?.request) {
    request.push(`xml: ${quote(withXml.request)}`);
  }
  const response = [`status: ${example.response.status}`];
  if (example.response.body !== undefined) {
    response.push(`body: ${literal(example.response.body)}`);
  }
  if (withXml?.response) {
    response.push(`xml: ${quote(withXml.response)}`);
  }
  const outcome =
    example.response.status >= 300
      ? `\n      outcome: { from: 'state', why: ${quote('the page documents this answer without saying what causes it')} },`
      : '';
  return `    {\n      name: ${quote(example.name)},\n      summary: ${quote(example.summary)},${outcome}\n      request: { ${request.join(', ')} },\n      response: { ${response.join(', ')} },\n    }`;
}

/** The operation file, in the project's conventions, for an operation read from a page. */
export function emitOperation(op: ImportedOperation, context: ProjectContext | undefined, options: EmitOptions = {}): EmittedOperation {
  const group = groupOf(op, context, options);
  const operationId = operationIdOf(op, group, context);
  const serviceDir = context?.serviceDir ?? join('schemas', 'imported');
  const file = context?.existing?.file ?? join(serviceDir, group, `${kebab(op.action)}.ts`);
  const xml = context?.service.mediaTypes.includes('application/xml') ?? op.request?.xmlName !== undefined;
  const w = new Writer(file, context, xml);
  const Op = pascal(operationId);

  // Path and query parameters.
  const paramValues: Record<string, unknown> = {};
  const place = (where: 'path' | 'query') => {
    const params = op.parameters.filter((p) => p.in === where);
    if (params.length === 0) {
      return undefined;
    }
    const fields = params.map((p) => {
      const code = w.field(p.name, p.node, `${Op}${pascal(where)}`, where === 'path' || p.node.required === true);
      const reused = w.reuse(p.name, p.node);
      const example = reused ? (reused.schema.meta() as { example?: unknown } | undefined)?.example : undefined;
      if (where === 'path') {
        paramValues[p.name] = example ?? `{${p.name}}`;
      }
      return `  ${key(p.name)}: ${code},`;
    });
    const name = `${Op}${where === 'path' ? 'Path' : 'Query'}`;
    w.decls.push(`export const ${name} = z.object({\n${fields.join('\n')}\n});`);
    return name;
  };
  const pathParams = place('path');
  const queryParams = place('query');

  const rootName = (body: BodyModel | undefined, suffix: 'Request' | 'Response') => {
    const named = [body?.xmlName, op.request?.xmlName?.replace(/Request$/, suffix), namedResponse?.replace(/Response$/, suffix)].find(
      (n) => n !== undefined && IDENT.test(n) && n.endsWith(suffix),
    );
    return named ?? learnedRoot(op.action, suffix, context) ?? `${Op}${suffix}`;
  };
  const namedResponse = op.responses.find((r) => r.status === 200)?.body?.xmlName;
  // A service whose every operation takes a body gets one here too, empty where the page shows none.
  const requestBody =
    op.request ??
    (context?.alwaysBody && op.method !== 'get'
      ? { root: { type: 'object' as const, constraints: {}, samples: [], properties: {} } }
      : undefined);
  const requestName = requestBody
    ? w.object(rootName(requestBody, 'Request'), requestBody.root, xml ? rootName(requestBody, 'Request') : undefined, false)
    : undefined;

  const success = op.responses.filter((r) => r.status < 300);
  const responseLines: string[] = [];
  const bodyStatuses = new Set<number>();
  for (const r of success.length > 0 ? success : [{ status: 200, description: 'Success.', documentsBody: false }]) {
    if (r.status === 200 && op.binaryResponse) {
      const file = `${Op}File`;
      w.decls.push(`export const ${file} = z.string().meta({ description: 'The file the operation answers with.', format: 'binary' });`);
      responseLines.push(
        `    200: { description: ${quote(r.description || 'The file.')}, contentType: 'application/octet-stream', body: ${file} },`,
      );
      bodyStatuses.add(200);
      continue;
    }
    const body = 'body' in r ? r.body : undefined;
    const name = body
      ? w.object(
          r.status === 200 ? rootName(body, 'Response') : `${Op}Response${r.status}`,
          body.root,
          xml ? rootName(body, 'Response') : undefined,
          true,
          true,
        )
      : undefined;
    if (name) {
      bodyStatuses.add(r.status);
    }
    responseLines.push(`    ${r.status}: { description: ${quote(r.description || 'Success.')}${name ? `, body: ${name}` : ''} },`);
  }
  const errors = context?.errors;
  if (errors) {
    responseLines.push(`    ...${w.use(errors.ref)},`);
  }
  for (const r of op.responses.filter((x) => x.status >= 300 && !errors?.statuses.includes(x.status))) {
    const body = errors?.body ? `, body: ${w.use(errors.body)}` : '';
    responseLines.push(`    ${r.status}: { description: ${quote(r.description || `Status ${r.status}.`)}${body} },`);
  }
  const statuses = new Set([...success.map((r) => r.status), ...(errors?.statuses ?? []), ...op.responses.map((r) => r.status)]);
  if (success.length === 0) {
    statuses.add(200);
  }

  // Examples: the page's request and response, its schema samples with the XML as written, its error examples.
  const examples: string[] = [];
  for (const example of op.examples) {
    if (!statuses.has(example.response.status)) {
      continue;
    }
    const sampleBody = op.responses.find((r) => r.status === example.response.status)?.body?.sample;
    const fixed: ExampleModel =
      op.binaryResponse && example.response.status === 200
        ? { ...example, response: { status: 200, body: BINARY_EXAMPLE } }
        : !bodyStatuses.has(example.response.status) && example.response.status < 300
          ? { ...example, response: { status: example.response.status } }
          : example.response.body === undefined && sampleBody !== undefined
            ? { ...example, response: { ...example.response, body: sampleBody } }
            : example;
    if (example.response.status >= 300 && !errors) {
      continue;
    }
    examples.push(exampleSource(fixed, pathParams, paramValues, requestName !== undefined));
  }
  const sample = op.responses.find((r) => r.status === 200)?.body;
  if (op.request?.sample !== undefined || sample?.sample !== undefined) {
    examples.push(
      exampleSource(
        {
          name: 'schema-sample',
          summary: 'The body samples of the reference page',
          request: { body: op.request?.sample ?? {} },
          response: {
            status: 200,
            ...(op.binaryResponse ? { body: BINARY_EXAMPLE } : sample?.sample !== undefined ? { body: sample.sample } : {}),
          },
        },
        pathParams,
        paramValues,
        requestName !== undefined && op.request?.sample !== undefined,
        { ...(op.request?.xml ? { request: op.request.xml } : {}), ...(sample?.xml && !op.binaryResponse ? { response: sample.xml } : {}) },
      ),
    );
  }
  if (examples.length === 0) {
    const body = requestName ? ', body: {}' : '';
    examples.push(
      `    {\n      name: 'default',\n      summary: 'The page shows no example',\n      request: { ${pathParams ? `params: ${literal(paramValues)}` : ''}${body} },\n      response: { status: 200 },\n    }`,
    );
  }

  const docUrl = op.url ?? context?.existing?.operation.docUrl ?? context?.service.docUrl ?? '';
  const tags = context?.existing?.operation.tags ?? [
    context?.service.tags.find((t) => t.name.toLowerCase().replace(/\s/g, '') === group.replace(/-/g, ''))?.name ?? pascal(group),
  ];
  const request = [
    pathParams ? `params: ${pathParams}` : '',
    queryParams ? `query: ${queryParams}` : '',
    requestName ? `body: ${requestName}` : '',
  ].filter(Boolean);
  const docNotes = op.notes.map((n) => `    ${quote(n)},`);
  const operation = `export const ${operationId} = defineOperation({
  operationId: ${quote(operationId)},
  method: ${quote(op.method)},
  path: ${quote(op.path)},
  summary: ${quote(op.title || op.action)},
  description: ${quote(op.summary || op.title || op.action)},
  tags: ${literal(tags)},
  docUrl: ${quote(docUrl)},
  safety: ${quote(safetyOf(op.method, op.action))},
  request: { ${request.join(', ')} },
  responses: {
${responseLines.join('\n')}
  },
  examples: [
${examples.join(',\n')},
  ],${docNotes.length > 0 ? `\n  docNotes: [\n${docNotes.join('\n')}\n  ],` : ''}
});`;

  const operationModule = relative(dirname(file), join('schemas', '_shared', 'operation.ts'));
  w.imports.set(operationModule.startsWith('.') ? operationModule : `./${operationModule}`, new Set(['defineOperation']));
  const importLines = [
    ...(w.decls.length > 0 ? ["import { z } from 'zod';"] : []),
    ...[...w.imports.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([from, names]) =>
          `import { ${[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1)).join(', ')} } from ${quote(from)};`,
      ),
  ];
  const provenance = `// Imported by \`api-contracts import\` from ${op.url ?? op.source} (${op.layout}, ${op.language}${op.updated ? `, updated ${op.updated}` : ''}).`;
  const source = `${provenance}\n${importLines.join('\n')}\n\n${w.decls.join('\n\n')}${w.decls.length > 0 ? '\n\n' : ''}${operation}\n`;
  return { file, group, operationId, source };
}
