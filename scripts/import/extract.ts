import { type JsonBlock, jsonBlocks, type XmlBlock, type XmlShape, xmlBlocks } from './blocks.ts';
import { ImportInputError } from './errors.ts';
import { requireLayout, type Section, type SectionKind, sectionsOf } from './layout.ts';
import {
  type BodyModel,
  type Constraints,
  type ExampleModel,
  emptyNode,
  type FieldNode,
  type ImportedOperation,
  mergeValue,
  type Parameter,
  type ResponseModel,
  typeFromWord,
} from './model.ts';
import type { Page } from './read.ts';
import { type FieldRow, fieldRows } from './tables.ts';

const METHODS = 'GET|POST|PUT|PATCH|DELETE';

/** Lines of every section of the given kinds, as [from, to) ranges. */
function ranges(sections: Section[], ...kinds: SectionKind[]): [number, number][] {
  return sections.filter((s) => kinds.includes(s.kind)).map((s) => [s.start + 1, s.end]);
}

function rowsIn(lines: readonly string[], spans: [number, number][]): FieldRow[] {
  return spans.flatMap(([from, to]) => fieldRows(lines, from, to));
}

function jsonIn(lines: readonly string[], spans: [number, number][]): JsonBlock[] {
  return spans.flatMap(([from, to]) => jsonBlocks(lines, from, to));
}

function xmlIn(lines: readonly string[], spans: [number, number][]): XmlBlock[] {
  return spans.flatMap(([from, to]) => xmlBlocks(lines, from, to));
}

const at = (line: number) => `line ${line + 1}`;

/** `POST | /api/v2/…` (a Method/URI table), `POST /v2/{project_id}/…` (a URI line) or an example request's URL. */
function findRoute(page: Page, params: FieldRow[], known?: { method: string; path: string }): { method: string; path: string } {
  const { lines } = page;
  for (const line of lines) {
    const m =
      new RegExp(`^\\s*\\|?\\s*(${METHODS})\\s*\\|\\s*(/\\S*?)\\s*\\|?\\s*$`).exec(line) ??
      new RegExp(`^\\s*(${METHODS})\\s*(/\\S*)\\s*$`).exec(line);
    if (m?.[1] && m[2]) {
      return { method: m[1], path: m[2] };
    }
  }
  for (const line of lines) {
    const m =
      new RegExp(`\\b(${METHODS})\\s+https?://[^\\s/"']+(/[^\\s"'?\\\\]*)`).exec(line) ??
      new RegExp(`curl\\s.*?(?:-X|--request)\\s+(${METHODS})\\s+["']https?://[^\\s/"']+(/[^\\s"'?]*)`).exec(line);
    if (m?.[1] && m[2]) {
      return { method: m[1], path: templated(m[2], params) };
    }
  }
  if (known) {
    return known;
  }
  throw new ImportInputError(
    page.source,
    'no method and URI: found no `POST /path` line, no Method | URI table and no example request URL on the page',
  );
}

/**
 * An example URL's concrete ids (`/v3/619d…/nodes/520c…no02/session`) put back as the path parameters the page
 * lists, in order: a segment is an id when it holds a digit and is not a version (`v3`).
 */
function templated(path: string, params: FieldRow[]): string {
  const names = params.filter((p) => p.in === 'path' || (p.in === undefined && p.name.endsWith('_id'))).map((p) => p.name);
  let next = 0;
  return path
    .split('/')
    .map((segment) => {
      if (/^\{.+\}$/.test(segment) || !/\d/.test(segment) || /^v\d+$/.test(segment) || next >= names.length) {
        return segment;
      }
      return `{${names[next++]}}`;
    })
    .join('/');
}

const REQUIRED_YES = /^(?:yes|y|required|true|필수|必須|o)$/i;
const REQUIRED_NO = /^(?:no|n|optional|false|선택|任意|x)$/i;

function requirement(word: string | undefined): boolean | undefined {
  const w = (word ?? '').trim();
  return REQUIRED_YES.test(w) ? true : REQUIRED_NO.test(w) ? false : undefined;
}

/** Lengths, bounds, enumerations and defaults stated in a restriction or description, in the three languages. */
export function constraintsFrom(text: string): Constraints {
  const c: Constraints = {};
  const range =
    /(?:minimum of|min(?:imum)?\.?|최소)\s*(\d+)\s*(?:자|characters?)?\s*(?:to|에서|~|-)?\s*(?:a )?(?:maximum of|max(?:imum)?\.?|최대)\s*(\d+)\s*(?:자|characters?|文字)/i.exec(
      text,
    ) ?? /(\d+)\s*(?:~|to|-|から)\s*(\d+)\s*(?:characters?|자|文字)/i.exec(text);
  if (range) {
    c.minLength = Number(range[1]);
    c.maxLength = Number(range[2]);
  } else {
    const max = /(?:up to|at most|maximum of|max(?:imum)?\.?|최대|最大)\s*(\d+)\s*(?:characters?|자|文字)/i.exec(text);
    if (max) {
      c.maxLength = Number(max[1]);
    }
    const min = /(?:at least|minimum of|min(?:imum)?\.?|최소|最小)\s*(\d+)\s*(?:characters?|자|文字)/i.exec(text);
    if (min) {
      c.minLength = Number(min[1]);
    }
  }
  const bounds = /(?:value )?range:?\s*(-?\d+)\s*(?:to|~|-)\s*(-?\d+)/i.exec(text) ?? /between\s*(-?\d+)\s*and\s*(-?\d+)/i.exec(text);
  if (bounds) {
    c.minimum = Number(bounds[1]);
    c.maximum = Number(bounds[2]);
  }
  const enumerated =
    /(?:enumerated values|options|valid values|allowed values|one of)\s*:?\s*((?:[A-Za-z0-9_-]+\s*(?:,|\||or|and)\s*)+[A-Za-z0-9_-]+)/i.exec(
      text,
    );
  if (enumerated?.[1]) {
    c.enum = enumerated[1].split(/\s*(?:,|\||\bor\b|\band\b)\s*/).filter(Boolean);
  }
  const fallback = /\bDefault(?: value)?\s*:?\s*(?!N\/A)([A-Za-z0-9_.-]+)/i.exec(text) ?? /기본값\s*:?\s*([A-Za-z0-9_.-]+)/.exec(text);
  if (fallback?.[1] && fallback[1] !== 'Value') {
    const v = fallback[1];
    c.default = v === 'true' ? true : v === 'false' ? false : /^-?\d+(?:\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return c;
}

/** A placeholder from a schema sample (`"string"`, `0`), which says nothing about the real type. */
const isPlaceholder = (value: unknown) => value === 'string' || value === '';

function nodeAt(root: FieldNode, path: string[]): FieldNode | undefined {
  let node: FieldNode | undefined = root;
  for (const key of path) {
    while (node?.type === 'array') {
      node = node.items;
    }
    node = node?.properties?.[key];
  }
  return node;
}

/**
 * The body a page documents: the examples' values first (types and members), then each table row on top
 * (requirement, description, constraints, and the type where the examples only show placeholders).
 */
function bodyFrom(rows: FieldRow[], values: unknown[], notes: string[], what: string, requiredByPresence: boolean): FieldNode {
  let root = emptyNode('object');
  root.properties = {};
  const objects = values.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  for (const value of objects) {
    root = mergeValue(root, value);
  }
  const seen = new Set<string>();
  for (const row of rows) {
    const path = row.name.split('.').filter(Boolean);
    const leaf = path.pop();
    if (!leaf) {
      continue;
    }
    const parent = path.length === 0 ? root : nodeAt(root, path);
    if (!parent || (parent.type !== 'object' && parent.type !== 'array')) {
      continue;
    }
    if (parent.type === 'array' && !parent.items) {
      parent.items = { ...emptyNode('object'), properties: {} };
    }
    const holder = parent.type === 'array' && parent.items ? parent.items : parent;
    holder.properties ??= {};
    seen.add(row.name);
    const declared = typeFromWord(row.type);
    let node = holder.properties[leaf];
    if (!node) {
      node = emptyNode(declared?.type ?? 'string');
      node.typeFrom = 'table';
      if (declared?.type === 'array') {
        node.items = emptyNode(declared.items ?? 'string');
      }
      if (node.type === 'object') {
        node.properties = {};
      }
      holder.properties[leaf] = node;
      if (objects.length > 0) {
        notes.push(`The ${what} table documents \`${row.name}\`, which no ${what} example shows.`);
      }
    } else if (declared && declared.type !== node.type && !(declared.type === 'number' && node.type === 'integer')) {
      const placeholders = node.samples.length > 0 && node.samples.every(isPlaceholder);
      if (placeholders || node.type === 'unknown') {
        node.type = declared.type;
        node.typeFrom = 'table';
      } else {
        notes.push(
          `The ${what} table types \`${row.name}\` as ${row.type}, but the examples show ${node.type === 'integer' ? 'an integer' : `a ${node.type}`}; the schema follows the examples.`,
        );
      }
    }
    const required = requirement(row.required);
    if (required !== undefined) {
      node.required = required;
      node.requiredStated = true;
    }
    if (row.text) {
      node.description = row.text;
    }
    node.constraints = { ...node.constraints, ...constraintsFrom(row.text) };
  }
  if (rows.length > 0) {
    for (const key of Object.keys(root.properties ?? {})) {
      if (!rows.some((r) => r.name === key || r.name.startsWith(`${key}.`))) {
        notes.push(`The ${what} example shows \`${key}\`, which the ${what} table does not document.`);
      }
    }
  }
  if (requiredByPresence) {
    markPresence(root, objects);
  }
  return root;
}

/** Where the page gives no requirement, a member every example shows is taken as required. */
function markPresence(node: FieldNode, values: unknown[]): void {
  if (node.type === 'array' && node.items) {
    markPresence(
      node.items,
      values.flatMap((v) => (Array.isArray(v) ? v : [])),
    );
    return;
  }
  if (node.type !== 'object' || !node.properties) {
    return;
  }
  const objects = values.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  for (const [key, member] of Object.entries(node.properties)) {
    if (member.required === undefined) {
      member.required = objects.length > 0 && objects.every((o) => key in o);
    }
    markPresence(
      member,
      objects.map((o) => o[key]),
    );
  }
}

/** XML elements without a JSON twin, and JSON members without an XML twin, said as doc notes. */
function xmlTwinNotes(json: unknown, xml: XmlShape, notes: string[], what: string): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return;
  }
  const elements = new Set(xml.children.map((c) => c.name));
  const members = Object.keys(json);
  for (const name of elements) {
    if (!members.includes(name)) {
      notes.push(`The ${what} XML sample has <${name}>, which the JSON sample does not have; the schema keeps it as an optional field.`);
    }
  }
  for (const name of members) {
    if (!elements.has(name)) {
      notes.push(`The ${what} JSON sample has \`${name}\`, which the XML sample <${xml.name}> does not have.`);
    }
  }
}

/** Adds XML-only elements to the body as optional strings (the XML sample is the only place they appear). */
function addXmlOnly(root: FieldNode, xml: XmlShape): void {
  root.properties ??= {};
  for (const child of xml.children) {
    if (!root.properties[child.name]) {
      const node =
        child.children.length > 0
          ? { ...emptyNode('object'), properties: {} }
          : emptyNode(/^(?:true|false)$/.test(child.text) ? 'boolean' : /^-?\d+$/.test(child.text) ? 'integer' : 'string');
      // Only the XML sample has it: optional, whatever other operations do with a field of that name.
      node.required = false;
      node.requiredStated = true;
      node.typeFrom = 'example';
      root.properties[child.name] = node;
    }
  }
}

/** The first block that parses; a block before it that does not is reported as a note. */
function firstParsed(blocks: JsonBlock[], notes: string[], what: string, page: Page): JsonBlock | undefined {
  for (const block of blocks) {
    if (block.value !== undefined) {
      return block;
    }
    if (!block.unterminated) {
      notes.push(
        `The ${what} at ${at(block.line)} of the page is not valid JSON (${block.error}); the example uses the next one that parses.`,
      );
    } else {
      notes.push(`The page (${page.source}) is cut off inside the ${what} at ${at(block.line)}.`);
    }
  }
  return undefined;
}

const STATUS_LINE = /(?:Status code:\s*|HTTP Status\s*Description\s*|^\s*\|?\s*)([1-5]\d\d)(?!\d)\s*\|?\s*(.*)$/;

/** Response examples by status: a status line (`Status code: 200`, `HTTP Status Description 403 …`, `200OK`) sets the status of the JSON that follows. */
function responseExamples(
  lines: readonly string[],
  spans: [number, number][],
  notes: string[],
  page: Page,
): { status: number; description: string; value: unknown; line: number }[] {
  const found: { status: number; description: string; value: unknown; line: number }[] = [];
  for (const [from, to] of spans) {
    let status = 200;
    let description = '';
    const blocks = jsonBlocks(lines, from, to);
    let b = 0;
    for (let i = from; i < to; i++) {
      const line = lines[i] ?? '';
      const s = STATUS_LINE.exec(line);
      if (s?.[1] && (/Status/i.test(line) || /^\s*\|?\s*[1-5]\d\d\s*(?:[A-Za-z가-힣ぁ-んァ-ン]|\|)/.test(line))) {
        status = Number(s[1]);
        description = (s[2] ?? '')
          .replace(/\s*(?:BASH|JSON)\s*$/, '')
          .replace(/\|/g, '')
          .trim();
      }
      while (blocks[b] && (blocks[b]?.line ?? 0) <= i) {
        const block = blocks[b++];
        if (block?.value !== undefined) {
          found.push({ status, description, value: block.value, line: block.line });
        } else if (block) {
          notes.push(
            block.unterminated
              ? `The page (${page.source}) is cut off inside the ${status} response example at ${at(block.line)}.`
              : `The ${status} response example at ${at(block.line)} is not valid JSON (${block.error}).`,
          );
        }
      }
    }
  }
  return found;
}

/** Statuses the page lists, with their descriptions: `Status code: N` lines and status tables. */
function listedStatuses(lines: readonly string[], sections: Section[]): Map<number, string> {
  const statuses = new Map<number, string>();
  lines.forEach((line, index) => {
    const m = /^\s*Status code:\s*([1-5]\d\d)\s*$/.exec(line);
    if (m?.[1]) {
      const next = lines.slice(index + 1, index + 4).find((l) => l.trim() !== '') ?? '';
      statuses.set(
        Number(m[1]),
        /^[A-Z][^|{]*\.?$/.test(next.trim()) && !/^Table \d/.test(next.trim()) && !/^Parameter/.test(next.trim()) ? next.trim() : '',
      );
    }
  });
  for (const [from, to] of ranges(sections, 'status-codes')) {
    for (let i = from; i < to; i++) {
      const m = /^\s*\|?\s*([1-5]\d\d)\s*\|\s*([^|]*)\|?/.exec(lines[i] ?? '');
      if (m?.[1]) {
        const status = Number(m[1]);
        statuses.set(status, (m[2] ?? '').trim() || statuses.get(status) || '');
      }
    }
  }
  return statuses;
}

/** Huawei lists a table under each `Status code: N` of its response parameters: the rows of each status. */
function rowsByStatus(lines: readonly string[], spans: [number, number][]): Map<number, FieldRow[]> {
  const byStatus = new Map<number, FieldRow[]>();
  for (const [from, to] of spans) {
    const marks: { status: number; line: number }[] = [];
    for (let i = from; i < to; i++) {
      const m = /^\s*Status code:\s*([1-5]\d\d)\s*$/.exec(lines[i] ?? '');
      if (m?.[1]) {
        marks.push({ status: Number(m[1]), line: i });
      }
    }
    if (marks.length === 0) {
      byStatus.set(200, [...(byStatus.get(200) ?? []), ...fieldRows(lines, from, to)]);
      continue;
    }
    marks.forEach((mark, k) => {
      const end = marks[k + 1]?.line ?? to;
      byStatus.set(mark.status, fieldRows(lines, mark.line + 1, end));
    });
  }
  return byStatus;
}

function actionName(page: Page, method: string, path: string, layout: string): string {
  const fromUrl = page.url ? /\/([A-Z][A-Za-z0-9]+)\.html?(?:[?#].*)?$/.exec(page.url)?.[1] : undefined;
  if (fromUrl) {
    return fromUrl;
  }
  const iam = page.lines.map((l) => /^\s*[a-z]+:[a-z]+:([a-zA-Z]+)\s*$/.exec(l)?.[1]).find(Boolean);
  if (iam) {
    return iam;
  }
  const segments = path.split('/').filter((s) => s && !s.startsWith('{') && !/^v\d+$/.test(s));
  if (layout.startsWith('ncp')) {
    return segments.at(-1) ?? 'operation';
  }
  // No name on the page: the method's verb and the resource, `GET …/bigkey-tasks` → `listBigkeyTasks`.
  const verb: Record<string, string> = {
    get: path.trim().endsWith('}') ? 'show' : 'list',
    post: 'create',
    put: 'update',
    patch: 'update',
    delete: 'delete',
  };
  const resource = (segments.at(-1) ?? 'resource').replace(/(?:^|[-_])(\w)/g, (_, c: string) => c.toUpperCase());
  return `${verb[method.toLowerCase()] ?? method.toLowerCase()}${resource}`;
}

/** The first sentence that says what the operation does. */
function summaryOf(lines: readonly string[], layout: string): { title: string; summary: string } {
  const text = lines.map((l) => l.trim());
  if (layout === 'huawei') {
    const fn = text.findIndex((l) => /^(?:Function|Description)$/.test(l));
    const summary = text.slice(fn + 1).find((l) => l !== '') ?? '';
    const title = fn > 0 ? ([...text.slice(0, fn)].reverse().find((l) => l !== '' && !/^Updated on/.test(l)) ?? '') : '';
    return { title, summary };
  }
  const vpc = text.findIndex((l) => /VPC/.test(l) && l.length < 60);
  const summary = vpc >= 0 ? (text.slice(vpc + 1).find((l) => l !== '') ?? '') : '';
  return { title: '', summary };
}

/** Reads an operation page into the model; refuses (ImportInputError, exit 2) what is not one. */
export function extractOperation(page: Page, known?: { method: string; path: string }): ImportedOperation {
  const { layout, language } = requireLayout(page);
  const { lines } = page;
  const sections = sectionsOf(lines);
  const notes: string[] = [];

  const uriRows = rowsIn(lines, ranges(sections, 'uri'));
  const requestRows = rowsIn(lines, ranges(sections, 'request-params', 'request-body', 'request'));
  const allParamRows = [...uriRows, ...requestRows];
  const route = findRoute(page, allParamRows, known);
  const pathNames = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

  const hasResponse = sections.some((s) =>
    ['response', 'response-body', 'response-params', 'response-example', 'status-codes', 'errors'].includes(s.kind),
  );
  if (!hasResponse) {
    const last = lines.reduce((found, line, index) => (line.trim() === '' ? found : index), 0);
    throw new ImportInputError(
      page.source,
      `truncated page: it ends at ${at(last)} before any response is documented (no response, status or example section)`,
    );
  }

  const parameters: Parameter[] = [];
  const bodyRows: FieldRow[] = [];
  for (const row of allParamRows) {
    const place = row.in ?? (pathNames.includes(row.name) ? 'path' : undefined);
    if (place === 'header' || /^x-[a-z-]+$/i.test(row.name)) {
      continue;
    }
    // A GET or DELETE has no body: what its tables list beside the path is the query.
    const where = place ?? (route.method === 'GET' || route.method === 'DELETE' ? 'query' : undefined);
    if (where === 'path' || where === 'query') {
      if (!parameters.some((p) => p.name === row.name)) {
        const node = emptyNode(typeFromWord(row.type)?.type ?? 'string');
        node.required = where === 'path' ? true : (requirement(row.required) ?? false);
        node.description = row.text;
        node.constraints = constraintsFrom(row.text);
        parameters.push({ name: row.name, in: where, node });
      }
    } else if (!bodyRows.some((r) => r.name === row.name)) {
      bodyRows.push(row);
    }
  }
  for (const name of pathNames) {
    if (!parameters.some((p) => p.name === name)) {
      parameters.push({ name, in: 'path', node: { ...emptyNode('string'), required: true } });
    }
  }

  // Request: the schema sample and the examples.
  const requestSampleBlocks = jsonIn(lines, ranges(sections, 'request-body'));
  const requestSample = firstParsed(requestSampleBlocks, notes, 'request body sample', page);
  const requestXml = xmlIn(lines, ranges(sections, 'request-body'))[0];
  const requestExample = firstParsed(jsonIn(lines, ranges(sections, 'request-example')), notes, 'request example', page);
  const exampleUrl = lines
    .slice(...(ranges(sections, 'request-example')[0] ?? [0, 0]))
    .map((l) => new RegExp(`\\b(?:${METHODS})\\s+https?://[^\\s/"']+(/[^\\s"'?\\\\]*)`).exec(l)?.[1])
    .find(Boolean);
  const requestValues = [requestSample?.value, requestExample?.value].filter((v) => v !== undefined);
  let request: BodyModel | undefined;
  if (bodyRows.length > 0 || requestValues.length > 0 || requestXml) {
    const root = bodyFrom(
      bodyRows,
      requestValues,
      notes,
      'request',
      bodyRows.every((r) => r.required === undefined),
    );
    if (requestXml) {
      xmlTwinNotes(requestSample?.value, requestXml.tree, notes, 'request');
      addXmlOnly(root, requestXml.tree);
    }
    const definition =
      bodyRows.length > 0 || requestSample
        ? bodyFrom(bodyRows, requestSample ? [requestSample.value] : [], [], 'request', false)
        : undefined;
    request = {
      root,
      ...(definition ? { definition } : {}),
      ...(requestXml ? { xmlName: requestXml.root, xml: requestXml.text } : {}),
      ...(requestSample ? { sample: requestSample.value } : {}),
    };
  }

  // Responses: the schema sample, the response tables (per status on Huawei pages) and the examples.
  const responseSample = firstParsed(jsonIn(lines, ranges(sections, 'response-body', 'response')), notes, 'response body sample', page);
  const responseXml = xmlIn(lines, ranges(sections, 'response-body', 'response'))[0];
  const examples = responseExamples(lines, ranges(sections, 'response-example', 'error-example'), notes, page);
  const byStatus = rowsByStatus(lines, ranges(sections, 'response-params', 'response-body'));
  const listed = listedStatuses(lines, sections);
  const namedType = lines
    .map(
      (l) =>
        /\b(?:See|참조|参照)\b.*?\b([A-Z][A-Za-z]+Response)\b/.exec(l)?.[1] ?? /\b([A-Z][A-Za-z]+Response)\b.*(?:참조|参照)/.exec(l)?.[1],
    )
    .find(Boolean);

  const statuses = new Set<number>([...listed.keys(), ...byStatus.keys(), ...examples.map((e) => e.status)]);
  if (responseSample || responseXml) {
    statuses.add(200);
  }
  const responses: ResponseModel[] = [...statuses]
    .sort((a, b) => a - b)
    .map((status) => {
      const rows = byStatus.get(status) ?? [];
      const values = [
        ...(status === 200 && responseSample ? [responseSample.value] : []),
        ...examples.filter((e) => e.status === status).map((e) => e.value),
      ];
      const description = listed.get(status) || examples.find((e) => e.status === status)?.description || '';
      const documentsBody = rows.length > 0 || values.length > 0 || (status === 200 && responseXml !== undefined);
      if (!documentsBody) {
        return { status, description, documentsBody };
      }
      const success = status >= 200 && status < 300;
      const root = bodyFrom(rows, values, success ? notes : [], `${status} response`, true);
      const xml = status === 200 ? responseXml : undefined;
      if (xml) {
        xmlTwinNotes(responseSample?.value, xml.tree, notes, 'response');
        addXmlOnly(root, xml.tree);
      }
      const xmlName = xml?.root ?? (status === 200 ? namedType : undefined);
      const sampleValue = status === 200 ? responseSample?.value : undefined;
      const definition =
        rows.length > 0 || sampleValue !== undefined
          ? bodyFrom(rows, sampleValue === undefined ? [] : [sampleValue], [], '', false)
          : undefined;
      return {
        status,
        description,
        documentsBody,
        body: {
          root,
          ...(definition ? { definition } : {}),
          ...(xmlName ? { xmlName } : {}),
          ...(xml ? { xml: xml.text } : {}),
          ...(status === 200 && responseSample ? { sample: responseSample.value } : {}),
        },
      };
    });

  const exampleModels: ExampleModel[] = [];
  const params = exampleParams(exampleUrl, route.path);
  const success = examples.find((e) => e.status >= 200 && e.status < 300);
  if (requestExample || success) {
    exampleModels.push({
      name: 'default',
      summary: 'The request and response examples of the page',
      request: { ...(requestExample ? { body: requestExample.value } : {}), ...(params ? { params } : {}) },
      response: { status: success?.status ?? 200, ...(success ? { body: success.value } : {}) },
    });
  }
  for (const e of examples.filter((x) => x.status >= 300)) {
    exampleModels.push({
      name: `status-${e.status}`,
      summary: e.description || listed.get(e.status) || `The page's ${e.status} example`,
      request: { ...(requestExample ? { body: requestExample.value } : {}), ...(params ? { params } : {}) },
      response: { status: e.status, body: e.value },
    });
  }

  const { title, summary } = summaryOf(lines, layout);
  const updated =
    page.meta.updated && page.meta.updated !== 'unknown'
      ? page.meta.updated
      : lines.map((l) => /Updated on (\d{4}-\d{2}-\d{2})/.exec(l)?.[1]).find(Boolean);
  return {
    source: page.source,
    ...(page.url ? { url: page.url } : {}),
    layout,
    language,
    ...(updated ? { updated } : {}),
    method: route.method.toLowerCase() as ImportedOperation['method'],
    path: route.path,
    action: actionName(page, route.method, route.path, layout),
    title,
    summary,
    parameters,
    ...(request ? { request } : {}),
    responses,
    examples: exampleModels,
    statusesListed: listed.size > 0,
    binaryResponse: lines.some((l) => /accept:\s*application\/octet-stream/i.test(l)),
    notes: [...new Set(notes)],
  };
}

/** The path parameter values of an example URL that fills the template with real ids. */
function exampleParams(url: string | undefined, template: string): Record<string, string> | undefined {
  if (!url) {
    return undefined;
  }
  const names = template.split('/');
  const values = url.split('/');
  if (names.length !== values.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    const value = values[i];
    if (name && value && !/^\{.+\}$/.test(value)) {
      params[name] = value;
    }
  });
  return Object.keys(params).length > 0 ? params : undefined;
}
