import type { Language, Layout } from './layout.ts';

/** JSON types as the pages name them, normalised. `unknown`: only `null` was ever shown. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'unknown';

export interface Constraints {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  default?: string | number | boolean;
}

/** A value in a body or a parameter: its type, whether the page requires it, and what the page says of it. */
export interface FieldNode {
  type: FieldType;
  /** undefined: the page does not say (no requirement column). */
  required?: boolean;
  /** The requirement comes from a table's column, not from which fields the examples happen to show. */
  requiredStated?: boolean;
  description?: string;
  constraints: Constraints;
  /** Object members, in page order. */
  properties?: Record<string, FieldNode>;
  /** Array items. */
  items?: FieldNode;
  /** Where the type came from: a table's type column, or an example's value. */
  typeFrom?: 'table' | 'example';
  /** Every value the page's examples give it (scalars only), to check a reused schema against. */
  samples: unknown[];
}

/** A request or response body as the page documents it. */
export interface BodyModel {
  root: FieldNode;
  /** The XML root element, from the page's XML sample or the body's type name. */
  xmlName?: string;
  /** The page's own schema sample (the "Request/Response bodies" block), as parsed JSON. */
  sample?: unknown;
  /** The XML sample as written. */
  xml?: string;
  /**
   * What the page defines for the body, apart from its examples: its tables and schema sample. undefined when
   * it defines nothing (a Huawei page that says only "Successful" under `Status code: 200`).
   */
  definition?: FieldNode;
}

export interface ResponseModel {
  status: number;
  description: string;
  body?: BodyModel;
  /** The page gives this status a body description of its own (Huawei lists error fields under each status). */
  documentsBody: boolean;
}

export interface ExampleModel {
  name: string;
  summary: string;
  request?: { body?: unknown; params?: Record<string, string> };
  response: { status: number; body?: unknown };
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  node: FieldNode;
}

/** An operation as read from its page, before any code is written. */
export interface ImportedOperation {
  source: string;
  url?: string;
  layout: Layout;
  language: Language;
  /** The page's `Updated on` date, where it shows one. */
  updated?: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** The vendor's name for the action (`killMaster`, `ScanClients`, `deleteSession`). */
  action: string;
  title: string;
  summary: string;
  parameters: Parameter[];
  request?: BodyModel;
  responses: ResponseModel[];
  examples: ExampleModel[];
  /** The request asks for `Accept: application/octet-stream`: the success answer is a file, not a JSON body. */
  binaryResponse: boolean;
  /** The page lists its statuses (a status table or `Status code:` lines), rather than referring to a common page. */
  statusesListed: boolean;
  /** Where the page contradicts itself, in words a doc note can carry. */
  notes: string[];
}

/** A page type word (`String`, `Array of strings`, `List<Object>`) as a FieldType, with the item type of arrays. */
export function typeFromWord(word: string | undefined): { type: FieldType; items?: FieldType } | undefined {
  const w = (word ?? '').trim().toLowerCase();
  const scalar = (s: string): FieldType | undefined =>
    /^(?:string|str|date|datetime|timestamp|uuid)$/.test(s)
      ? 'string'
      : /^(?:integer|int|int32|int64|long|short)$/.test(s)
        ? 'integer'
        : /^(?:number|float|double|decimal)$/.test(s)
          ? 'number'
          : /^(?:boolean|bool)$/.test(s)
            ? 'boolean'
            : /^(?:object|map|json)$/.test(s)
              ? 'object'
              : undefined;
  const array = /^(?:array of (\w+?)s?|list<(\w+)>|array<(\w+)>|(\w+)\[\]|list of (\w+?)s?)$/.exec(w);
  if (array) {
    const inner = array.slice(1).find(Boolean) ?? 'string';
    return { type: 'array', items: scalar(inner) ?? 'object' };
  }
  if (/^(?:array|list)$/.test(w)) {
    return { type: 'array' };
  }
  const s = scalar(w);
  return s ? { type: s } : /^[A-Z]\w+$/.test((word ?? '').trim()) ? { type: 'object' } : undefined;
}

/** The type an example value shows. */
export function typeOfValue(value: unknown): FieldType {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value === null || value === undefined) {
    return 'unknown';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  if (typeof value === 'boolean') {
    return 'boolean';
  }
  return typeof value === 'object' ? 'object' : 'string';
}

export function emptyNode(type: FieldType): FieldNode {
  return { type, constraints: {}, samples: [] };
}

/** A node built from an example value: types from values, every member present. */
export function nodeFromValue(value: unknown): FieldNode {
  const node = emptyNode(typeOfValue(value));
  node.typeFrom = 'example';
  if (Array.isArray(value)) {
    for (const item of value) {
      node.items = node.items ? mergeValue(node.items, item) : nodeFromValue(item);
    }
  } else if (node.type === 'object') {
    node.properties = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      node.properties[key] = nodeFromValue(member);
    }
  } else {
    node.samples.push(value);
  }
  return node;
}

/** Folds one more example value into a node: new members are added, a number widens an integer. */
export function mergeValue(node: FieldNode, value: unknown): FieldNode {
  const type = typeOfValue(value);
  if (type === 'unknown') {
    return node;
  }
  if (node.type === 'unknown') {
    return { ...nodeFromValue(value), ...(node.required === undefined ? {} : { required: node.required }) };
  }
  if (node.type === 'integer' && type === 'number') {
    node.type = 'number';
  }
  if (Array.isArray(value) && node.type === 'array') {
    for (const item of value) {
      node.items = node.items ? mergeValue(node.items, item) : nodeFromValue(item);
    }
  } else if (type === 'object' && node.type === 'object') {
    node.properties ??= {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      const existing = node.properties[key];
      node.properties[key] = existing ? mergeValue(existing, member) : nodeFromValue(member);
    }
  } else if (type !== 'object' && type !== 'array') {
    node.samples.push(value);
  }
  return node;
}
