import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { services } from '../index.ts';

/**
 * The facts our Huawei schemas were checked against: for each field, its JSON type and whether each source
 * (the API reference, the official Python and Go SDKs) says it is always there. See a table's `sources`.
 */
interface FieldTable {
  service: string;
  operationId: string;
  sources: Record<string, string>;
  fields: Array<{
    in: 'query' | 'body' | 'response';
    /** `instances[].groups[].nodes[].id`: `[]` steps into array items. */
    field: string;
    type: string;
    /** Per source; a source without the key has no such field. */
    required: Record<string, boolean>;
  }>;
}

type Json = Record<string, unknown>;

const FIXTURES = join(import.meta.dirname, 'fixtures');
const tables = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as FieldTable);

const specOf = (service: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'spec', service, 'openapi.json'), 'utf8')) as Json;

const obj = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});

/** Follows `$ref`s, and the `anyOf: [X, {type: 'null'}]` form of a nullable X. */
function resolve(spec: Json, schema: unknown): Json {
  let s = obj(schema);
  for (;;) {
    if (typeof s.$ref === 'string') {
      s = s.$ref
        .slice(2)
        .split('/')
        .reduce<Json>((node, key) => obj(node[key]), spec);
    } else if (Array.isArray(s.anyOf)) {
      const members = s.anyOf.map(obj).filter((m) => m.type !== 'null');
      if (members.length !== 1) {
        return s;
      }
      s = members[0] as Json;
    } else {
      return s;
    }
  }
}

const typeOf = (schema: Json) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

interface Found {
  type: unknown;
  required: boolean;
}

/** Where a table's field is in the published spec: a query parameter, or a property under the body or 200 schema. */
function locate(spec: Json, operation: Json, where: FieldTable['fields'][number]): Found | string {
  if (where.in === 'query') {
    const parameters = Array.isArray(operation.parameters) ? operation.parameters.map((p) => resolve(spec, p)) : [];
    const parameter = parameters.find((p) => p.in === 'query' && p.name === where.field);
    return parameter ? { type: typeOf(resolve(spec, parameter.schema)), required: parameter.required === true } : 'no such query parameter';
  }
  const root =
    where.in === 'body'
      ? obj(obj(obj(obj(operation.requestBody).content)['application/json']).schema)
      : obj(obj(obj(obj(obj(operation.responses)['200']).content)['application/json']).schema);
  const steps = where.field.split('.');
  let schema = resolve(spec, root);
  for (const [i, step] of steps.entries()) {
    const name = step.replace(/\[\]$/, '');
    const property = obj(schema.properties)[name];
    if (property === undefined) {
      return `no field ${name} in our schema`;
    }
    if (i === steps.length - 1) {
      const required = Array.isArray(schema.required) && schema.required.includes(name);
      return { type: typeOf(resolve(spec, property)), required };
    }
    schema = resolve(spec, property);
    if (step.endsWith('[]')) {
      schema = resolve(spec, schema.items);
    }
  }
  return 'empty field path';
}

const mentions = (notes: readonly string[], name: string) => notes.some((note) => new RegExp(`\\b${name}\\b`).test(note));

/**
 * Every way our schema and the table part: a field missing or of another type; a response field we require
 * that some source does not promise; a request field whose requiredness is not the API reference's (the
 * server's contract); a field the sources disagree on that the operation's docNotes do not name.
 */
function disagreements(table: FieldTable, spec: Json, notes: readonly string[]): string[] {
  const operation = Object.values(obj(spec.paths))
    .flatMap((item) => Object.values(obj(item)).map(obj))
    .find((op) => op.operationId === table.operationId);
  if (!operation) {
    return [`${table.operationId}: not in the ${table.service} spec`];
  }
  return table.fields.flatMap((row) => {
    const at = `${table.operationId} ${row.in} ${row.field}`;
    const found = locate(spec, operation, row);
    if (typeof found === 'string') {
      return [`${at}: ${found}`];
    }
    const problems: string[] = [];
    if (found.type !== row.type) {
      problems.push(`${at}: ${String(found.type)} in our schema, ${row.type} in the sources`);
    }
    const claims = Object.keys(table.sources).map((source) => row.required[source]);
    if (row.in === 'response' && found.required && !claims.every((claim) => claim === true)) {
      const doubters = Object.keys(table.sources).filter((source) => row.required[source] !== true);
      problems.push(`${at}: required in our schema, not always present per ${doubters.join(', ')}`);
    }
    if (row.in !== 'response' && found.required !== (row.required.docs === true)) {
      problems.push(`${at}: ${found.required ? 'required' : 'optional'} in our schema, not what the API reference says`);
    }
    const leaf = row.field.split('.').at(-1)?.replace(/\[\]$/, '') ?? row.field;
    if (new Set(claims).size > 1 && !mentions(notes, leaf)) {
      problems.push(`${at}: the sources disagree (${JSON.stringify(row.required)}) and the docNotes do not say what was chosen`);
    }
    return problems;
  });
}

const notesOf = (table: FieldTable) =>
  services.find((s) => s.id === table.service)?.operations.find((op) => op.operationId === table.operationId)?.docNotes ?? [];

describe('the Huawei schemas agree with the vendor field tables', () => {
  test('there are tables for the operations checked against the SDKs', () => {
    expect(tables.map((t) => `${t.service} ${t.operationId}`)).toEqual([
      'huawei-dcs listClients',
      'huawei-dcs scanClients',
      'huawei-dds listInstances',
    ]);
  });

  test.each(tables.map((t) => [`${t.service} ${t.operationId}`, t] as const))('%s', (_, table) => {
    expect(disagreements(table, specOf(table.service), notesOf(table))).toEqual([]);
  });

  test('a difference fails, naming the operation and the field', () => {
    const table = structuredClone(tables.find((t) => t.operationId === 'listInstances') as FieldTable);
    const row = (field: string) => table.fields.find((f) => f.field === field) as FieldTable['fields'][number];
    row('instances[].name').required['sdk-go'] = false;
    row('instances[].ssl').type = 'string';
    table.fields.push({ in: 'response', field: 'instances[].engine_version', type: 'string', required: { 'sdk-go': true } });
    expect(disagreements(table, specOf('huawei-dds'), notesOf(table))).toMatchInlineSnapshot(`
      [
        "listInstances response instances[].name: required in our schema, not always present per sdk-go",
        "listInstances response instances[].ssl: integer in our schema, string in the sources",
        "listInstances response instances[].engine_version: no field engine_version in our schema",
      ]
    `);
  });

  test('a request field is held to the API reference, and a disagreement must be noted', () => {
    const table = structuredClone(tables.find((t) => t.operationId === 'scanClients') as FieldTable);
    const row = table.fields.find((f) => f.field === 'node_id') as FieldTable['fields'][number];
    row.required.docs = false;
    expect(disagreements(table, specOf('huawei-dcs'), notesOf(table))).toEqual([
      'scanClients body node_id: required in our schema, not what the API reference says',
    ]);
    expect(disagreements(table, specOf('huawei-dcs'), [])).toEqual([
      'scanClients body node_id: required in our schema, not what the API reference says',
      'scanClients body node_id: the sources disagree ({"docs":false,"sdk-python":false,"sdk-go":true}) and the docNotes do not say what was chosen',
    ]);
  });
});
