import { readFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { show } from '../checks/finding.ts';
import { isPlainObject, kindOf, schemaAt } from '../checks/schema-walk.ts';
import { RunConfigError } from './errors.ts';
import { suggestion } from './plan.ts';
import { requestFields } from './request-values.ts';

/** One operation's entry: merged over each example's request (`path` is the request's `params`). */
export interface OperationValues {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

/**
 * `--values FILE`: request values from the user's own account. `{ "<operationId>": { "path", "query", "body" } }`
 * entries deep-merge over that operation's examples; the `"*"` entry replaces a field of that name wherever a
 * request has one.
 */
export interface ValuesFile {
  /** As the user named it, for messages. */
  file: string;
  operations: ReadonlyMap<string, OperationValues>;
  wildcard: Readonly<Record<string, unknown>>;
}

const PLACES = { path: 'params', query: 'query', body: 'body' } as const;
type Place = keyof typeof PLACES;
const PLACE_NAMES: Record<Place, string> = { path: 'path parameter', query: 'query parameter', body: 'body field' };

/** The schema of a request place: the path, query or body schema of the operation. */
function placeSchema(operation: Operation, place: (typeof PLACES)[Place]): z.ZodType | undefined {
  return place === 'body' ? operation.request.body?.schema : operation.request[place];
}

class Reader {
  private readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly file: string,
    text: string,
    private readonly catalog: readonly Service[],
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const [problem] = [...this.doc.errors, ...this.doc.warnings];
    if (problem) {
      const at = this.lines.linePos(problem.pos[0]);
      throw this.error(`${at.line}:${at.col}`, problem.message.split('\n')[0] ?? problem.code);
    }
  }

  error(position: string | undefined, message: string): RunConfigError {
    return new RunConfigError('CONFIG_VALUES', `--values ${this.file}${position ? `:${position}` : ''}: ${message}`);
  }

  /** `line:col` of the key at `path`, so a message points at the line to fix. */
  positionOf(path: readonly string[]): string | undefined {
    let node: unknown = this.doc.contents;
    let offset: number | undefined;
    for (const key of path) {
      if (!isMap(node)) {
        break;
      }
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      offset = (pair?.key as Node | undefined)?.range?.[0];
      node = pair?.value;
    }
    if (offset === undefined) {
      return undefined;
    }
    const at = this.lines.linePos(offset);
    return `${at.line}:${at.col}`;
  }

  fail(path: readonly string[], message: string): never {
    throw this.error(this.positionOf(path), `${path.join('.')}: ${message}`);
  }

  read(): ValuesFile {
    const root: unknown = this.doc.toJS();
    if (!isPlainObject(root)) {
      throw this.error(undefined, 'expected a mapping of operationIds (and "*") to request values');
    }
    const operations = new Map<string, OperationValues>();
    let wildcard: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(root)) {
      if (!isPlainObject(entry)) {
        this.fail([key], key === '*' ? 'expected a mapping of field names to values' : 'expected a mapping with path, query or body');
      }
      if (key === '*') {
        this.checkWildcard(entry);
        wildcard = entry;
      } else {
        operations.set(key, this.readOperation(key, entry));
      }
    }
    return { file: this.file, operations, wildcard };
  }

  private readOperation(operationId: string, entry: Record<string, unknown>): OperationValues {
    const all = this.catalog.flatMap((service) => service.operations);
    const operation = all.find((op) => op.operationId === operationId);
    if (operation === undefined) {
      this.fail(
        [operationId],
        `no such operation${suggestion(
          operationId,
          all.map((op) => op.operationId),
        )}`,
      );
    }
    const values: OperationValues = {};
    for (const [key, fields] of Object.entries(entry)) {
      if (!Object.hasOwn(PLACES, key)) {
        this.fail([operationId, key], 'expected path, query or body');
      }
      const place = PLACES[key as Place];
      const schema = placeSchema(operation, place);
      if (schema === undefined) {
        this.fail([operationId, key], `${operationId} has no ${key === 'body' ? 'request body' : `${key} parameters`}`);
      }
      if (!isPlainObject(fields)) {
        this.fail([operationId, key], `expected a mapping of ${PLACE_NAMES[key as Place]}s to values`);
      }
      const example = operation.examples[0]?.request[place];
      this.checkFields(operation, schema, fields, example, [operationId, key], PLACE_NAMES[key as Place]);
      values[place] = fields;
    }
    return values;
  }

  /** Every field names one the schema declares, and its value is one the schema accepts. */
  private checkFields(
    operation: Operation,
    schema: z.ZodType,
    fields: Record<string, unknown>,
    example: unknown,
    path: string[],
    what: string,
  ): void {
    for (const [name, value] of Object.entries(fields)) {
      const field = schemaAt(schema, example, [name]);
      if (field === undefined) {
        this.fail([...path, name], `${operation.operationId} has no ${what} ${name}`);
      }
      const kind = kindOf(field);
      const nested = isPlainObject(example) ? example[name] : undefined;
      if (isPlainObject(value) && (kind === 'object' || kind === 'record')) {
        this.checkFields(operation, field as z.ZodType, value, nested, [...path, name], 'field');
        continue;
      }
      const parsed = (field as z.ZodType).safeParse(value);
      if (!parsed.success) {
        this.fail([...path, name], `${show(value)} is not valid here: ${parsed.error.issues[0]?.message ?? 'rejected by the schema'}`);
      }
    }
  }

  /** A `*` field must be one some request has (else it would change nothing), with a value valid wherever it lands. */
  private checkWildcard(fields: Record<string, unknown>): void {
    const operations = this.catalog.flatMap((service) => service.operations);
    for (const [name, value] of Object.entries(fields)) {
      let found = false;
      for (const operation of operations) {
        for (const example of operation.examples) {
          for (const [[place, ...path]] of requestFields(example.request)) {
            if (path.at(-1) !== name) {
              continue;
            }
            found = true;
            const schema = placeSchema(operation, place as (typeof PLACES)[Place]);
            const field = schema && schemaAt(schema, example.request[place as (typeof PLACES)[Place]], path);
            const parsed = field && (field as z.ZodType).safeParse(value);
            if (parsed && !parsed.success) {
              const where = `${operation.operationId} ${place === 'params' ? 'path' : place} ${path.join('.')}`;
              this.fail(['*', name], `${show(value)} is not valid for ${where}: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
            }
          }
        }
      }
      if (!found) {
        this.fail(['*', name], `no request of any operation has a field named ${name}`);
      }
    }
  }
}

/** Parses and checks a values file: unknown operations and fields are refused, naming the line to fix. */
export function parseValuesFile(text: string, file: string, catalog: readonly Service[]): ValuesFile {
  return new Reader(file, text, catalog).read();
}

export async function loadValuesFile(path: string, file: string, catalog: readonly Service[]): Promise<ValuesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new RunConfigError('CONFIG_VALUES', `--values ${file}: cannot read the file (${why})`);
  }
  return parseValuesFile(text, file, catalog);
}
