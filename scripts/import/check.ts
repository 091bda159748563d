import { z } from 'zod';
import { type Change, change, constraintRule, type OperationScope, type RuleId, sortChanges } from '../../contract-tests/spec/rules.ts';
import type { Operation } from '../../schemas/_shared/operation.ts';
import { explainingNote } from './explains.ts';
import { type FieldNode, type FieldType, type ImportedOperation, nodeFromValue } from './model.ts';

/** What one side says of a field: only what it states (undefined: it does not say). */
interface Fact {
  type?: FieldType;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  /** The schema bounds the value with a pattern or format (which a page's "up to N characters" may restate). */
  patterned?: boolean;
}

type Facts = Map<string, Fact>;

type Json = {
  type?: string | string[];
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  $ref?: string;
  $defs?: Record<string, Json>;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  anyOf?: Json[];
  oneOf?: Json[];
  allOf?: Json[];
  xml?: { name?: string };
};

/** The fields a schema defines, by pointer (`/quotas[]/namespace`), with what it says of each. */
export function schemaFacts(schema: z.ZodType, io: 'input' | 'output'): { facts: Facts; xmlName?: string } {
  const root = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const defs = root.$defs ?? {};
  const deref = (node: Json | undefined, depth = 0): Json | undefined => {
    if (node?.$ref?.startsWith('#/$defs/') && depth < 20) {
      return deref(defs[node.$ref.slice(8)], depth + 1);
    }
    if (node?.$ref === '#') {
      return root;
    }
    return node;
  };
  const facts: Facts = new Map();
  const walk = (node: Json | undefined, pointer: string, required: boolean | undefined, depth: number) => {
    const n = deref(node);
    if (!n || depth > 8) {
      return;
    }
    const variants = n.anyOf ?? n.oneOf;
    const type = Array.isArray(n.type) ? n.type.find((t) => t !== 'null') : n.type;
    if (pointer !== '') {
      const fact: Fact = {
        ...(type ? { type: type as FieldType } : n.enum ? { type: 'string' } : {}),
        ...(required === undefined ? {} : { required }),
        ...(n.minLength === undefined ? {} : { minLength: n.minLength }),
        ...(n.maxLength === undefined ? {} : { maxLength: n.maxLength }),
        ...(n.minimum === undefined ? {} : { minimum: n.minimum }),
        ...(n.maximum === undefined ? {} : { maximum: n.maximum }),
        ...(n.enum ? { enum: n.enum.map(String) } : {}),
        ...(n.pattern || n.format ? { patterned: true } : {}),
      };
      facts.set(pointer, fact);
    }
    if (variants) {
      for (const v of variants) {
        walk(v, pointer, required, depth + 1);
      }
      return;
    }
    for (const [key, member] of Object.entries(n.properties ?? {})) {
      walk(member, `${pointer}/${key}`, (n.required ?? []).includes(key), depth + 1);
    }
    if (n.items) {
      walk(n.items, `${pointer}[]`, undefined, depth + 1);
    }
  };
  walk(root, '', undefined, 0);
  const top = deref(root);
  return { facts, ...(top?.xml?.name ? { xmlName: top.xml.name } : {}) };
}

const placeholder = (node: FieldNode) => node.samples.length > 0 && node.samples.every((s) => s === 'string' || s === '');

/** The fields a page defines (its tables and schema samples), with only what it states of each. */
export function pageFacts(root: FieldNode | undefined): Facts {
  const facts: Facts = new Map();
  const walk = (node: FieldNode, pointer: string) => {
    for (const [key, member] of Object.entries(node.properties ?? {})) {
      const at = `${pointer}/${key}`;
      const c = member.constraints;
      const typed = member.typeFrom === 'table' || !placeholder(member) || member.type !== 'string';
      facts.set(at, {
        ...(typed && member.type !== 'unknown' ? { type: member.type } : {}),
        ...(member.requiredStated ? { required: member.required === true } : {}),
        ...(c.minLength === undefined ? {} : { minLength: c.minLength }),
        ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
        ...(c.minimum === undefined ? {} : { minimum: c.minimum }),
        ...(c.maximum === undefined ? {} : { maximum: c.maximum }),
        ...(c.enum ? { enum: c.enum } : {}),
      });
      const inner = member.type === 'array' ? member.items : member;
      if (inner?.type === 'object') {
        walk(inner, member.type === 'array' ? `${at}[]` : at);
      }
    }
  };
  if (root) {
    walk(root, '');
  }
  return facts;
}

const typeName = (t: string | undefined) => t ?? 'unknown';
const NUMERIC: Record<string, number> = { integer: 1, number: 2 };

/** Differences between what the schema says (`before`) and what the page documents (`after`), in the diff's rules. */
function compareFacts(
  before: Facts,
  after: Facts,
  direction: 'request' | 'response',
  where: string,
  scope: OperationScope,
  complete: boolean,
): Change[] {
  const changes: Change[] = [];
  const at = (pointer: string) => `${where} ${pointer}`;
  for (const [pointer, page] of after) {
    const schema = before.get(pointer);
    if (!schema) {
      const parent = pointer.replace(/\/[^/]+$/, '');
      if (parent !== '' && !before.has(parent)) {
        continue;
      }
      const rule: RuleId =
        direction === 'response' ? 'response-field-added' : page.required ? 'request-required-field-added' : 'request-optional-field-added';
      changes.push(
        change(rule, scope, at(pointer), `the page now documents \`${pointer}\` (${typeName(page.type)}); the schema has no such field`),
      );
      continue;
    }
    if (page.type && schema.type && page.type !== schema.type) {
      const both = NUMERIC[page.type] && NUMERIC[schema.type];
      const widened = both && (NUMERIC[page.type] ?? 0) > (NUMERIC[schema.type] ?? 0);
      const rule: RuleId = both ? (`${direction}-type-${widened ? 'widened' : 'narrowed'}` as RuleId) : 'type-changed';
      changes.push(change(rule, scope, at(pointer), `the page now documents ${page.type}; the schema says ${schema.type}`));
    }
    if (page.required !== undefined && schema.required !== undefined && page.required !== schema.required) {
      const rule: RuleId = `${direction}-field-made-${page.required ? 'required' : 'optional'}` as RuleId;
      changes.push(
        change(
          rule,
          scope,
          at(pointer),
          `the page now documents it as ${page.required ? 'required' : 'optional'}; the schema says ${schema.required ? 'required' : 'optional'}`,
        ),
      );
    }
    for (const [key, constraint, larger] of [
      ['maxLength', 'max-length', true],
      ['minLength', 'min-length', false],
      ['maximum', 'maximum', true],
      ['minimum', 'minimum', false],
    ] as const) {
      const p = page[key];
      const s = schema[key];
      if (p === undefined || (s === undefined && schema.patterned) || p === s) {
        continue;
      }
      const tightened = s === undefined ? true : larger ? p < s : p > s;
      changes.push(
        change(
          constraintRule(direction, constraint, tightened ? 'tightened' : 'loosened'),
          scope,
          at(pointer),
          `the page now documents ${key} ${p}; the schema says ${s ?? 'none'}`,
        ),
      );
    }
    if (page.enum && schema.enum) {
      const added = page.enum.filter((v) => !schema.enum?.includes(v));
      const removed = schema.enum.filter((v) => !page.enum?.includes(v));
      for (const [values, way, says] of [
        [added, 'widened', 'now documents the values {}; the schema does not allow them'],
        [removed, 'narrowed', 'no longer documents the values {}; the schema allows them'],
      ] as const) {
        if (values.length > 0) {
          changes.push(change(`${direction}-enum-${way}`, scope, at(pointer), `the page ${says.replace('{}', values.join(', '))}`));
        }
      }
    }
  }
  if (complete) {
    for (const [pointer, schema] of before) {
      const parent = pointer.replace(/(?:\/[^/]+|\[\])$/, '');
      if (!after.has(pointer) && (parent === '' || after.has(parent)) && !pointer.endsWith('[]')) {
        changes.push(
          change(
            `${direction}-field-removed`,
            scope,
            at(pointer),
            `the page no longer documents \`${pointer}\`; the schema has it (${typeName(schema.type)}${schema.required ? ', required' : ''})`,
          ),
        );
      }
    }
  }
  return changes;
}

/**
 * What the page's examples show that the schema does not allow: a field it does not have, a value of another type,
 * a value outside its enumeration. Formats and patterns are left alone: pages mask or shorten their ids.
 */
function exampleChanges(op: Operation, page: ImportedOperation, scope: OperationScope): Change[] {
  const changes: Change[] = [];
  for (const example of page.examples) {
    const response = op.responses.find((r) => r.status === example.response.status);
    const targets: [string, z.ZodType | undefined, unknown, 'request' | 'response'][] = [
      ['request body', op.request.body?.schema, example.request?.body, 'request'],
      [`response ${example.response.status}`, response?.body?.schema, example.response.body, 'response'],
    ];
    for (const [where, schema, value, direction] of targets) {
      if (
        !schema ||
        value === undefined ||
        typeof value !== 'object' ||
        value === null ||
        (direction === 'response' && example.response.status >= 300)
      ) {
        continue;
      }
      const { facts } = schemaFacts(schema, direction === 'request' ? 'input' : 'output');
      const shown = nodeFromValue(value);
      const walk = (node: FieldNode, pointer: string) => {
        for (const [key, member] of Object.entries(node.properties ?? {})) {
          const at = `${pointer}/${key}`;
          const fact = facts.get(at);
          if (!fact) {
            if (pointer === '' || facts.has(pointer)) {
              const rule: RuleId = direction === 'response' ? 'response-field-added' : 'request-optional-field-added';
              changes.push(
                change(
                  rule,
                  scope,
                  `${where} ${at}`,
                  `the page's ${example.name} example now shows \`${at}\` (${member.type}); the schema has no such field`,
                ),
              );
            }
            continue;
          }
          const fits =
            !fact.type || member.type === 'unknown' || member.type === fact.type || (member.type === 'integer' && fact.type === 'number');
          if (!fits) {
            changes.push(
              change(
                'type-changed',
                scope,
                `${where} ${at}`,
                `the page's ${example.name} example now shows a ${member.type}; the schema says ${fact.type}`,
              ),
            );
          }
          const outside = member.samples.filter((v) => typeof v === 'string' && fact.enum && !fact.enum.includes(v));
          if (outside.length > 0) {
            changes.push(
              change(
                `${direction}-enum-widened` as RuleId,
                scope,
                `${where} ${at}`,
                `the page's ${example.name} example now shows ${outside.join(', ')}; the schema allows ${fact.enum?.join(', ')}`,
              ),
            );
          }
          const inner = member.type === 'array' ? member.items : member;
          if (inner?.type === 'object') {
            walk(inner, member.type === 'array' ? `${at}[]` : at);
          }
        }
      };
      walk(shown, '');
    }
  }
  return changes;
}

/** Every difference between a page and the operation as modelled, each marked explained when a doc note explains it. */
export function checkOperation(op: Operation, page: ImportedOperation, serviceNotes: readonly string[] = []): Change[] {
  const scope: OperationScope = { operation: op.operationId, method: op.method.toUpperCase(), path: op.path };
  const changes: Change[] = [];
  if (page.method !== op.method || page.path !== op.path) {
    changes.push(
      change(
        'operation-removed',
        scope,
        null,
        `the page now documents ${page.method.toUpperCase()} ${page.path}; the schema says ${op.method.toUpperCase()} ${op.path}`,
      ),
    );
  }
  // Parameters.
  for (const place of ['path', 'query'] as const) {
    const schema = place === 'path' ? op.request.params : op.request.query;
    const before = schema ? schemaFacts(schema, 'input').facts : new Map<string, Fact>();
    const after: Facts = new Map(
      page.parameters
        .filter((p) => p.in === place)
        .map((p) => [`/${p.name}`, { type: p.node.type, required: place === 'path' ? true : p.node.required === true }]),
    );
    for (const c of compareFacts(before, after, 'request', `${place} parameter`, scope, after.size > 0)) {
      const rule: RuleId =
        c.rule === 'request-required-field-added'
          ? 'request-required-parameter-added'
          : c.rule === 'request-optional-field-added'
            ? 'request-optional-parameter-added'
            : c.rule === 'request-field-removed'
              ? 'request-parameter-removed'
              : c.rule === 'request-field-made-required'
                ? 'request-parameter-made-required'
                : c.rule === 'request-field-made-optional'
                  ? 'request-parameter-made-optional'
                  : c.rule;
      changes.push({ ...change(rule, scope, c.location, c.message) });
    }
  }
  // Request body.
  const requestDefinition = page.request?.definition;
  if (op.request.body && requestDefinition) {
    const { facts, xmlName } = schemaFacts(op.request.body.schema, 'input');
    changes.push(...compareFacts(facts, pageFacts(requestDefinition), 'request', 'request body', scope, true));
    if (page.request?.xmlName && xmlName && page.request.xmlName !== xmlName) {
      changes.push(
        change(
          'xml-name-changed',
          scope,
          'request body application/xml',
          `the page now documents the XML root <${page.request.xmlName}>; the schema says <${xmlName}>`,
        ),
      );
    }
  } else if (!op.request.body && requestDefinition && Object.keys(requestDefinition.properties ?? {}).length > 0) {
    changes.push(change('request-body-made-required', scope, 'request body', 'the page now documents a request body; the schema has none'));
  }
  // Responses: statuses (where the page lists them) and the success bodies the page defines.
  const documented = new Set(page.responses.map((r) => r.status));
  for (const response of op.responses) {
    const pageResponse = page.responses.find((r) => r.status === response.status);
    if (!pageResponse) {
      if (page.statusesListed && response.status < 300) {
        changes.push(
          change(
            'response-status-removed',
            scope,
            `response ${response.status}`,
            `the page no longer documents status ${response.status}; the schema has it`,
          ),
        );
      }
      continue;
    }
    if (response.status >= 300 || !response.body) {
      continue;
    }
    const { facts, xmlName } = schemaFacts(response.body.schema, 'output');
    const definition = pageResponse.body?.definition;
    if (definition) {
      changes.push(...compareFacts(facts, pageFacts(definition), 'response', `response ${response.status}`, scope, true));
    } else if (page.statusesListed && facts.size > 0) {
      for (const [pointer, fact] of facts) {
        if (!pointer.slice(1).includes('/') && !pointer.endsWith('[]')) {
          changes.push(
            change(
              'response-field-removed',
              scope,
              `response ${response.status} ${pointer}`,
              `the page now documents no ${response.status} body; the schema has \`${pointer}\` (${typeName(fact.type)}${fact.required ? ', required' : ''})`,
            ),
          );
        }
      }
    }
    const pageXml = pageResponse.body?.xmlName;
    if (pageXml && xmlName && pageXml !== xmlName) {
      changes.push(
        change(
          'xml-name-changed',
          scope,
          `response ${response.status} application/xml`,
          `the page now documents the XML root <${pageXml}>; the schema says <${xmlName}>`,
        ),
      );
    }
  }
  for (const status of documented) {
    if (!op.responses.some((r) => r.status === status)) {
      changes.push(
        change('response-status-added', scope, `response ${status}`, `the page now documents status ${status}; the schema does not`),
      );
    }
  }
  changes.push(...exampleChanges(op, page, scope));
  const notes = [...op.docNotes, ...serviceNotes];
  return sortChanges(
    changes.map((c) => {
      const note = c.location ? explainingNote({ rule: c.rule, location: c.location }, notes) : undefined;
      return note ? { ...c, acknowledged: { reason: note, expires: 'the doc note is removed', entry: `${op.operationId} docNotes` } } : c;
    }),
  );
}
