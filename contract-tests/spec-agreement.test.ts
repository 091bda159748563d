import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type AnyExample, isSuccess, type Operation } from '../schemas/_shared/operation.ts';
import type { Service } from '../schemas/_shared/service.ts';
import { arbitraryOf } from '../schemas/_shared/xml/arbitrary.ts';
import { encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { services } from '../schemas/index.ts';
import { respond, route } from './contract/pipeline.ts';
import type { BodyFormat } from './format.ts';
import { compileMock } from './mock/server.ts';
import { fillPath } from './mock/testing.ts';
import { type ProseRule, publishServiceRules } from './spec/document.ts';
import { type Schema, specArbitrary } from './support/spec-arbitrary.ts';

/**
 * The published spec, the Zod schemas and the mock agree on every request: values generated from the spec
 * (as a team that only has spec/*.json would) and from the Zod schemas, valid ones and mutated ones, are each
 * judged by Ajv on the published schema, by Zod, and by the mock (400 or not), for the body, query and path
 * parameters of every operation in JSON
 * and, where the service speaks it, in XML. The only disagreements allowed are the rules the spec itself lists
 * as inexpressible (`x-inexpressible`, printed by `generate`).
 */

const SEED = 23;
const RUNS = { json: 40, xml: 25 };

type Request = { body?: unknown; query?: Record<string, unknown>; params?: Record<string, unknown> };

const { app } = compileMock();

function publishedSpec(service: Service): Schema {
  return JSON.parse(readFileSync(new URL(`../spec/${service.id}/openapi.json`, import.meta.url), 'utf8')) as Schema;
}

const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** The published request schemas of one operation, compiled by Ajv 2020 from the document's own JSON pointers. */
function specJudge(service: Service, spec: Schema, ajv: Ajv2020, op: Operation, format: BodyFormat) {
  const base = `urn:api-contracts:${service.id}#/paths/${escapePointer(op.path)}/${op.method}`;
  const operation = ((spec.paths as Schema)[op.path] as Schema)[op.method] as Schema;
  const all = ((operation.parameters ?? []) as Schema[]).map((parameter, index) => ({ parameter, index }));
  /** The parameters of one place as one object schema: compiled for Ajv, and plain for the generator. */
  const place = (where: 'query' | 'path') => {
    const parameters = all.filter(({ parameter }) => parameter.in === where);
    const required = parameters.filter(({ parameter }) => parameter.required === true).map(({ parameter }) => parameter.name as string);
    return {
      count: parameters.length,
      validate: ajv.compile({
        type: 'object',
        properties: Object.fromEntries(
          parameters.map(({ parameter, index }) => [parameter.name, { $ref: `${base}/parameters/${index}/schema` }]),
        ),
        required,
      }),
      schema: {
        type: 'object',
        properties: Object.fromEntries(parameters.map(({ parameter }) => [parameter.name as string, parameter.schema as Schema])),
        required,
      },
    };
  };
  const query = place('query');
  const path = place('path');
  const media = format === 'xml' ? 'application~1xml' : 'application~1json';
  const body = op.request.body ? ajv.compile({ $ref: `${base}/requestBody/content/${media}/schema` }) : undefined;
  const bodySchema = op.request.body
    ? (((operation.requestBody as Schema).content as Schema)[format === 'xml' ? 'application/xml' : 'application/json'] as Schema).schema
    : undefined;
  return {
    /** Values as a client generated from the spec builds them. */
    arbitrary(resolve: (ref: string) => Schema): fc.Arbitrary<Request> {
      const parts: Record<string, fc.Arbitrary<unknown>> = {};
      if (bodySchema) {
        parts.body = specArbitrary(bodySchema as Schema, resolve);
      }
      if (query.count > 0) {
        parts.query = specArbitrary(query.schema, resolve);
      }
      if (path.count > 0) {
        parts.params = specArbitrary(path.schema, resolve);
      }
      return fc.record(parts) as fc.Arbitrary<Request>;
    },
    /** undefined when the spec accepts the request, else the pointer of the first refusal. */
    refusal(request: Request): string | undefined {
      const failed = (validate: ValidateFunction, value: unknown, at: string) =>
        validate(value) ? undefined : `${at}${validate.errors?.[0]?.instancePath ?? ''} (${validate.errors?.[0]?.message ?? ''})`;
      return (
        (body ? failed(body, request.body, '/body') : undefined) ??
        failed(query.validate, request.query ?? {}, '/query') ??
        failed(path.validate, request.params ?? {}, '/params')
      );
    },
  };
}

/** What the wire carries of a query: every value as its text. */
function queryText(query: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([name, value]) => [name, String(value)]));
}

function zodRefusal(op: Operation, request: Request): { pointer: string; message: string } | undefined {
  const parts: [string, z.ZodType | undefined, unknown][] = [
    ['/body', op.request.body?.schema, request.body],
    ['/query', op.request.query, queryText(request.query)],
    ['/params', op.request.params, queryText(request.params)],
  ];
  for (const [at, schema, value] of parts) {
    const result = schema?.safeParse(value);
    if (result && !result.success) {
      const [issue] = result.error.issues;
      return { pointer: `${at}${issue?.path.map((key) => `/${String(key)}`).join('') ?? ''}`, message: issue?.message ?? '' };
    }
  }
  return undefined;
}

function wireBody(service: Service, op: Operation, body: unknown, format: BodyFormat): string | undefined {
  const def = op.request.body;
  if (def === undefined || body === undefined) {
    return undefined;
  }
  if (format === 'json') {
    return JSON.stringify(body);
  }
  const root = xmlRootName(def.xmlSchema);
  if (root === undefined) {
    throw new Error(`${service.id} ${op.operationId}: the XML body has no root name`);
  }
  return encodeXml(def.xmlSchema, def.fromJson(body), root);
}

/** The mock's verdict, through its own request pipeline: the message of its 400, or undefined when it took the request. */
function mockRefusal(op: Operation, example: AnyExample, request: Request, text: string | undefined, format: BodyFormat) {
  const media = format === 'xml' ? 'application/xml' : 'application/json';
  const query = new URLSearchParams(Object.entries(queryText(request.query))).toString();
  const headers: Record<string, string> = {
    accept: media,
    ...(text === undefined ? {} : { 'content-type': media }),
    ...Object.fromEntries(
      Object.entries((example.request.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
  };
  const url = `${fillPath(op, request.params ?? example.request.params)}${query === '' ? '' : `?${query}`}`;
  const routed = route(app, { method: op.method.toUpperCase(), url, headers });
  if ('reply' in routed) {
    // An empty path parameter leaves a path no operation has: refused before any check, as a client would see.
    return `${routed.reply.status} ${routed.reply.body.toString('utf8')}`;
  }
  const reply = respond(app, routed.context, Buffer.from(text ?? ''));
  // A documented error example the request matches (an id no account has) is an answer, not a refusal of the
  // request's form: the mock names the example it answered with.
  const answered = reply.headers['x-mock-example'] !== undefined;
  return reply.status === 400 && !answered ? reply.body.toString('utf8') : undefined;
}

/** Every JSON pointer of a value's members (not the root). */
function pointersOf(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, member]) => [
    `${at}/${escapePointer(key)}`,
    ...pointersOf(member, `${at}/${escapePointer(key)}`),
  ]);
}

function parentOf(root: Record<string, unknown>, pointer: string): [Record<string, unknown>, string] {
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = tokens.pop() as string;
  let node: unknown = root;
  for (const token of tokens) {
    node = (node as Record<string, unknown>)[token];
  }
  return [node as Record<string, unknown>, last];
}

const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * One mutation of a request at a pointer: the member dropped, a value near the valid one (a number one step
 * off, past int32 or 2^53; a string emptied, lengthened, stripped of digits), or, for JSON only (XML text
 * carries no JSON type), a value of another type; or an unknown member added, `__proto__` included.
 */
function mutate(request: Request, format: BodyFormat): fc.Arbitrary<{ request: Request; mutated: string }> {
  const pointers = pointersOf(request).filter((pointer) => !['/body', '/query', '/params'].includes(pointer));
  const objects = ['', ...pointers].filter((pointer) => {
    const [parent, key] = pointer === '' ? [{ v: request as unknown }, 'v'] : parentOf(request as Record<string, unknown>, pointer);
    const value = (parent as Record<string, unknown>)[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) && pointer !== '';
  });
  const retyped = [null, 'text', 7, true, {}, [], 0.5];
  return fc.record({ at: fc.nat(), kind: fc.nat({ max: 3 }), pick: fc.nat() }).map(({ at, kind, pick }) => {
    const copy = structuredClone(request) as Record<string, unknown>;
    if (kind === 3 || pointers.length === 0) {
      const target = objects[at % Math.max(objects.length, 1)];
      if (target === undefined) {
        return { request: copy as Request, mutated: '(none)' };
      }
      const [parent, key] = parentOf(copy, target);
      const name = ['extra', '__proto__', 'constructor'][pick % 3] as string;
      setOwn(parent[key] as Record<string, unknown>, name, target.startsWith('/body') && format === 'json' ? { x: 1 } : 'x');
      return { request: copy as Request, mutated: `${target}/${name}` };
    }
    const pointer = pointers[at % pointers.length] as string;
    const [parent, key] = parentOf(copy, pointer);
    const value = parent[key];
    // Only a JSON body carries JSON types; a query and an XML document carry text.
    const typed = format === 'json' && pointer.startsWith('/body/');
    // A path has a segment for each of its parameters: one cannot be left out, only changed.
    if (kind === 0 && !Array.isArray(parent) && !pointer.startsWith('/params/')) {
      if (format === 'xml' && Array.isArray(value)) {
        // An unwrapped list with no items is no element at all: absent and empty are one document.
        setOwn(parent, key, []);
      } else {
        delete parent[key];
      }
    } else if (typeof value === 'number') {
      setOwn(parent, key, [value + 1, value - 1, value * 10, value + 0.5, -value - 1, 2 ** 31, 2 ** 53 + 2][pick % 7]);
    } else if (typeof value === 'string') {
      setOwn(parent, key, ['', `${value}!`, value.slice(1), value.replace(/[0-9]/g, ''), 'x'.repeat(41), value.toUpperCase()][pick % 6]);
    } else if (typeof value === 'boolean') {
      setOwn(parent, key, !value);
    } else if (typed) {
      setOwn(parent, key, retyped[pick % retyped.length]);
    } else if (!Array.isArray(parent) && !Array.isArray(value)) {
      delete parent[key];
    }
    if (typed && kind === 2) {
      setOwn(parent, key, retyped[pick % retyped.length]);
    }
    return { request: copy as Request, mutated: pointer };
  });
}

/** Rules the spec carries only as prose: a refusal by Zod and the mock inside one of them is no disagreement. */
function proseCovers(rules: ProseRule[], op: Operation, pointer: string): boolean {
  return rules.some(
    (rule) => rule.operationId === op.operationId && rule.place === 'request.body' && pointer.startsWith(`/body${rule.pointer}`),
  );
}

const targets = services.flatMap((service) => {
  const spec = publishedSpec(service);
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: false });
  ajv.addSchema(spec, `urn:api-contracts:${service.id}`);
  const schemas = (spec.components as Schema).schemas as Record<string, Schema>;
  const resolve = (ref: string) => {
    const schema = schemas[ref.replace('#/components/schemas/', '')];
    if (schema === undefined) {
      throw new Error(`${service.id}: unresolved ${ref}`);
    }
    return schema;
  };
  const prose = publishServiceRules(service);
  const formats: BodyFormat[] = service.mediaTypes.includes('application/xml') ? ['json', 'xml'] : ['json'];
  return service.operations.flatMap((op) => formats.map((format) => ({ service, spec, ajv, resolve, prose, op, format })));
});

type Target = (typeof targets)[number];

/** The three verdicts on one request: each refusal's reason, undefined for an acceptance. */
function judgeAll(target: Target, request: Request, text = wireBody(target.service, target.op, request.body, target.format)) {
  const { service, spec, ajv, op, format } = target;
  const example = op.examples.find((candidate) => isSuccess(candidate.response.status)) ?? (op.examples[0] as AnyExample);
  const zod = zodRefusal(op, request);
  return {
    spec: specJudge(service, spec, ajv, op, format).refusal(request),
    zod: zod && `${zod.pointer}: ${zod.message}`,
    mock: mockRefusal(op, example, request, text, format),
  };
}

function targetOf(service: string, operationId: string, format: BodyFormat): Target {
  const target = targets.find((t) => t.service.id === service && t.op.operationId === operationId && t.format === format);
  if (target === undefined) {
    throw new Error(`no target ${service} ${operationId} ${format}`);
  }
  return target;
}

/** The first 2xx example's request of an operation, changed by `change`. */
function exampleRequest(target: Target, change: (request: Request) => void): Request {
  const example = target.op.examples.find((candidate) => isSuccess(candidate.response.status)) as AnyExample;
  const request = structuredClone({
    ...(example.request.body === undefined ? {} : { body: example.request.body }),
    ...(example.request.query === undefined ? {} : { query: example.request.query as Record<string, unknown> }),
    ...(example.request.params === undefined ? {} : { params: example.request.params as Record<string, unknown> }),
  }) as Request;
  change(request);
  return request;
}

const body = (request: Request) => request.body as Record<string, unknown>;
const query = (request: Request) => {
  request.query ??= {};
  return request.query;
};

/**
 * The disagreements found by an independent tester (issue 23), each a named case: the three sides now give the
 * same verdict, and the spec's reason shows the rule is in it.
 */
const RECORDED: {
  name: string;
  at: [string, string, BodyFormat];
  change: (request: Request) => void;
  text?: string;
  verdict: 'refused' | 'accepted';
  because?: RegExp;
}[] = [
  {
    name: 'accounts setQuota: spaceTb 250 is no multiple of 100',
    at: ['ncp-dataforest', 'accountsSetQuota', 'json'],
    change: (r) => {
      body(r).spaceTb = 250;
    },
    verdict: 'refused',
    because: /multiple of 100/,
  },
  {
    name: 'accounts setQuota (XML): spaceTb 250',
    at: ['ncp-dataforest', 'accountsSetQuota', 'xml'],
    change: (r) => {
      body(r).spaceTb = 250;
    },
    verdict: 'refused',
    because: /multiple of 100/,
  },
  {
    name: 'notebooks create: storageGB 3000 is between the range and the fixed sizes',
    at: ['ncp-dataforest', 'notebooksCreate', 'json'],
    change: (r) => Object.assign(body(r), { addStorage: true, storageGB: 3000 }),
    verdict: 'refused',
    because: /anyOf|must be <= 2000/,
  },
  {
    name: 'notebooks create: storageGB 4000 is one of the fixed sizes',
    at: ['ncp-dataforest', 'notebooksCreate', 'xml'],
    change: (r) => Object.assign(body(r), { addStorage: true, storageGB: 4000 }),
    verdict: 'accepted',
  },
  {
    name: 'notebooks create: addStorage true without storageGB',
    at: ['ncp-dataforest', 'notebooksCreate', 'json'],
    change: (r) => {
      body(r).addStorage = true;
      delete body(r).storageGB;
    },
    verdict: 'refused',
    because: /storageGB/,
  },
  {
    name: 'accounts create: a password without a digit',
    at: ['ncp-dataforest', 'accountsCreate', 'json'],
    change: (r) => {
      body(r).password = 'Forest#abc';
    },
    verdict: 'refused',
    because: /\[0-9\]/,
  },
  {
    name: 'accounts create: a password without a special character',
    at: ['ncp-dataforest', 'accountsCreate', 'xml'],
    change: (r) => {
      body(r).password = 'Forest2025';
    },
    verdict: 'refused',
    because: /\[\^A-Za-z0-9\]/,
  },
  {
    name: 'accounts resetPassword: a password without a digit',
    at: ['ncp-dataforest', 'accountsResetPassword', 'json'],
    change: (r) => {
      body(r).password = 'Grove%abcd';
    },
    verdict: 'refused',
    because: /\[0-9\]/,
  },
  {
    name: 'apps create: a component memoryMb past int32',
    at: ['ncp-dataforest', 'appsCreate', 'json'],
    change: (r) => {
      ((body(r).components as Record<string, unknown>[])[0] as Record<string, unknown>).memoryMb = 2 ** 31;
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'apps setContainerCount: containerCount 2^53',
    at: ['ncp-dataforest', 'appsSetContainerCount', 'json'],
    change: (r) => {
      body(r).containerCount = 2 ** 53;
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'aiApps submit: resource cpuCount past int32',
    at: ['ncp-dataforest', 'aiAppsSubmit', 'xml'],
    change: (r) => {
      body(r).resource = { ...(body(r).resource as object), cpuCount: 2 ** 31 };
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'aiWorkspaces create: resource memoryMb past int32',
    at: ['ncp-dataforest', 'aiWorkspacesCreate', 'json'],
    change: (r) => {
      const configuration = body(r).configuration as Record<string, Record<string, unknown>>;
      configuration.resource = { ...configuration.resource, memoryMb: 2 ** 40 };
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'aiWorkspaces setConfiguration: resource cpuCount past int32',
    at: ['ncp-dataforest', 'aiWorkspacesSetConfiguration', 'json'],
    change: (r) => {
      const configuration = body(r).configuration as Record<string, Record<string, unknown>>;
      configuration.resource = { ...configuration.resource, cpuCount: 2 ** 31 };
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'DCS listClients: offset 2^53',
    at: ['huawei-dcs', 'listClients', 'json'],
    change: (r) => {
      query(r).offset = 2 ** 53;
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'DDS listSessions: cost_time past int32',
    at: ['huawei-dds', 'listSessions', 'json'],
    change: (r) => {
      query(r).cost_time = 2 ** 31;
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'DDS listInstances: offset past int32',
    at: ['huawei-dds', 'listInstances', 'json'],
    change: (r) => {
      query(r).offset = 2 ** 31;
    },
    verdict: 'refused',
    because: /must be <= 2147483647/,
  },
  {
    name: 'DCS kill-all: kill_all_nodes false without node_id',
    at: ['huawei-dcs', 'hangUpKillAllClients', 'json'],
    change: (r) => {
      delete body(r).node_id;
      body(r).kill_all_nodes = false;
    },
    verdict: 'refused',
    because: /node_id/,
  },
  {
    name: 'DCS kill-all: kill_all_nodes true without node_id',
    at: ['huawei-dcs', 'hangUpKillAllClients', 'json'],
    change: (r) => {
      delete body(r).node_id;
      body(r).kill_all_nodes = true;
    },
    verdict: 'accepted',
  },
  {
    name: 'aiApps getDetail (XML): an element named __proto__ is an unknown element',
    at: ['ncp-dataforest', 'aiAppsGetDetail', 'xml'],
    change: (r) => Object.defineProperty(body(r), '__proto__', { value: 'x', enumerable: true }),
    text: '<GetAiAppDetailRequest><__proto__><polluted>1</polluted></__proto__><id>{id}</id></GetAiAppDetailRequest>',
    verdict: 'accepted',
  },
  {
    name: 'aiApps getDetail (JSON): a member named __proto__ is an unknown member',
    at: ['ncp-dataforest', 'aiAppsGetDetail', 'json'],
    change: (r) => Object.defineProperty(body(r), '__proto__', { value: { polluted: 1 }, enumerable: true }),
    verdict: 'accepted',
  },
  {
    name: 'accounts getList (XML): a number where the body is an object',
    at: ['ncp-dataforest', 'accountsGetList', 'xml'],
    change: (r) => {
      r.body = 0.5;
    },
    text: '<GetAccountListRequest>0.5</GetAccountListRequest>',
    verdict: 'refused',
    because: /must be object/,
  },
];

describe('the published spec, the Zod schemas and the mock agree on every request', () => {
  it('covers every operation: 59 operations, JSON for all, XML for the services that speak it', () => {
    expect(new Set(targets.map(({ op }) => op.operationId)).size).toBe(59);
    expect(targets.length).toBe(
      59 + services.filter((s) => s.mediaTypes.includes('application/xml')).reduce((n, s) => n + s.operations.length, 0),
    );
  });

  it.each(RECORDED.map((entry) => [entry.name, entry] as const))('recorded: %s', (_name, entry) => {
    const target = targetOf(...entry.at);
    const request = exampleRequest(target, entry.change);
    const id = String((request.body as { id?: unknown } | undefined)?.id ?? '');
    const verdicts = judgeAll(target, request, entry.text?.replace('{id}', id));
    const refused = entry.verdict === 'refused';
    expect({ spec: verdicts.spec !== undefined, zod: verdicts.zod !== undefined, mock: verdicts.mock !== undefined }).toEqual({
      spec: refused,
      zod: refused,
      mock: refused,
    });
    if (entry.because) {
      expect(verdicts.spec).toMatch(entry.because);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(targets.map((target) => [`${target.service.id} ${target.op.operationId} ${target.format}`, target] as const))(
    '%s',
    (_label, target) => {
      const { service, resolve, prose, op, format } = target;
      const judge = specJudge(service, target.spec, target.ajv, op, format);
      const zodParts: Record<string, fc.Arbitrary<unknown>> = {};
      if (op.request.body) {
        zodParts.body = arbitraryOf(op.request.body.schema);
      }
      if (op.request.query) {
        zodParts.query = arbitraryOf(op.request.query);
      }
      if (op.request.params) {
        zodParts.params = arbitraryOf(op.request.params);
      }
      const fromZod = fc.record(zodParts) as fc.Arbitrary<Request>;
      const fromSpec = judge.arbitrary(resolve);
      const samples = fc.oneof(
        fromSpec.map((request) => ({ request, origin: 'spec', mutated: '' })),
        fromZod.map((request) => ({ request, origin: 'zod', mutated: '' })),
        fromSpec.chain((request) => mutate(request, format).map((m) => ({ ...m, origin: 'spec, mutated' }))),
        fromZod.chain((request) => mutate(request, format).map((m) => ({ ...m, origin: 'zod, mutated' }))),
      );
      fc.assert(
        fc.property(samples, ({ request, origin, mutated }) => {
          let text: string | undefined;
          try {
            text = wireBody(service, op, request.body, format);
          } catch (error) {
            // A value XML cannot carry (a character XML 1.0 forbids) is no request of this format.
            fc.pre(!(error instanceof Error && 'code' in error && error.code === 'XML_UNENCODABLE'));
            throw error;
          }
          const { spec, zod, mock } = judgeAll(target, request, text);
          const accepts = { spec: spec === undefined, zod: zod === undefined, mock: mock === undefined };
          if (accepts.spec === accepts.zod && accepts.zod === accepts.mock) {
            return;
          }
          if (accepts.spec && !accepts.zod && !accepts.mock && zod && proseCovers(prose, op, zod.split(':')[0] as string)) {
            return;
          }
          const word = (accept: boolean) => (accept ? 'accepts' : 'refuses');
          const pointer = (spec ?? zod ?? mutated ?? '').split(/[ :]/)[0];
          throw new Error(
            [
              `${service.id} ${op.operationId} ${format}: disagreement at ${pointer || '/'} (value from ${origin}${mutated ? `, changed at ${mutated}` : ''})`,
              `  spec ${word(accepts.spec)}${spec ? `: ${spec}` : ''}`,
              `  zod  ${word(accepts.zod)}${zod ? `: ${zod}` : ''}`,
              `  mock ${word(accepts.mock)}${mock ? `: ${mock}` : ''}`,
              `  request ${JSON.stringify(request)}`,
            ].join('\n'),
          );
        }),
        { seed: SEED, numRuns: RUNS[format], endOnFailure: true },
      );
    },
  );
});
