import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACKNOWLEDGEMENT_RULES } from '../../scripts/diff/acknowledged.ts';
import { diffSpecs } from './diff-specs.ts';
import { fixtureSpec, at as obj } from './fixture.ts';
import type { Node } from './openapi.ts';
import { CONSTRAINTS, type Constraint, RULES, type RuleId, type Severity } from './rules.ts';

const schema = (spec: Node, name: string) => obj(spec, 'components', 'schemas', name);
const props = (spec: Node, name: string) => obj(schema(spec, name), 'properties');
const settings = (spec: Node, field: string) => obj(props(spec, 'AccountSettings'), field);
const operation = (spec: Node, path: string, method = 'post') => obj(spec, 'paths', path, method);
const GET_DETAIL = '/api/v2/accounts/getDetail';
const GET_LIST = '/api/v2/accounts/getList';
const NODES = '/v2/{project_id}/instances/{instance_id}/logical-nodes';
const nodesOp = (spec: Node) => operation(spec, NODES, 'get');
const offsetParam = (spec: Node) => obj(nodesOp(spec), 'parameters', '0');
const detailHeaders = (spec: Node) => obj(operation(spec, GET_DETAIL), 'responses', '200', 'headers');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

type Expected = [RuleId, Severity];

const REQUEST_TIGHTENED: Expected = ['request-pattern-tightened', 'breaking'];
const REQUEST_LOOSENED: Expected = ['request-pattern-loosened', 'info'];
const RESPONSE_TIGHTENED: Expected = ['response-pattern-tightened', 'info'];
const RESPONSE_LOOSENED: Expected = ['response-pattern-loosened', 'breaking'];
const REWRITTEN: Expected = ['constraint-rewritten', 'info'];

/**
 * A pattern edit on `id` of GetAccountDetailRequest (what the client sends) or GetAccountDetailResponse
 * (what it reads): `found` is what the diff reports from `before` to `after`, then from `after` back.
 */
function patternCase(
  direction: 'request' | 'response',
  what: string,
  before: string,
  after: string,
  found: [Expected, Expected],
): MutationCase {
  const component = direction === 'request' ? 'GetAccountDetailRequest' : 'GetAccountDetailResponse';
  return {
    name: `${direction} pattern ${what}`,
    base: (s) => {
      obj(props(s, component), 'id').pattern = before;
    },
    mutate: (s) => {
      obj(props(s, component), 'id').pattern = after;
    },
    forward: [found[0]],
    backward: [found[1]],
  };
}

/** On a field both sent and returned, a format change is seen by requests and responses: one of each. */
const FORMAT_WIDENED: Expected[] = [
  ['response-format-widened', 'breaking'],
  ['request-format-widened', 'warning'],
];
const FORMAT_NARROWED: Expected[] = [
  ['request-format-narrowed', 'breaking'],
  ['response-format-narrowed', 'warning'],
];
const FORMAT_CHANGED: Expected[] = [
  ['format-changed', 'breaking'],
  ['format-changed', 'breaking'],
];

function formatCase(type: string, before: string, after: string, found: [Expected[], Expected[]]): MutationCase {
  return {
    name: `format ${before} → ${after} (${type})`,
    base: (s) => {
      Object.assign(settings(s, 'size'), { type, format: before });
    },
    mutate: (s) => {
      settings(s, 'size').format = after;
    },
    forward: found[0],
    backward: found[1],
  };
}

/** The shape `requiredWhen` writes: `field` is required when `when` holds `equals`. */
function requiredWhen(target: Node, field: string, when: string, equals: unknown): void {
  target.if = { properties: { [when]: { const: equals } }, required: [when] };
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
  target.then = { properties: { [field]: {} }, required: [field] };
}

function dropCondition(target: Node): Node {
  delete target.if;
  delete target.then;
  return target;
}

/** One requirement's condition replaced by another: the old one lost and the new one gained, both ways. */
const CONDITION_SWAPPED: Expected[] = [
  ['request-conditional-requirement-added', 'breaking'],
  ['request-conditional-requirement-removed', 'info'],
];

interface MutationCase {
  name: string;
  /** Applied to both sides first, when the case needs a starting point the fixture does not have. */
  base?: (spec: Node) => void;
  mutate: (spec: Node) => void;
  /** What the diff reports from the base to the mutated spec… */
  forward: Expected[];
  /** …and from the mutated spec back to the base (the reverse change). */
  backward: Expected[];
}

/**
 * One case per constraint keyword, on a field of AccountSettings (sent by accountsUpdate, returned by
 * accountsGetDetail): tightening breaks senders and is harmless to readers; loosening the reverse.
 */
const CONSTRAINT_EDITS: Record<Constraint, (spec: Node) => void> = {
  pattern: (s) => {
    settings(s, 'displayName').pattern = '^[a-z]+$';
  },
  'max-length': (s) => {
    settings(s, 'displayName').maxLength = 64;
  },
  'min-length': (s) => {
    settings(s, 'displayName').minLength = 1;
  },
  maximum: (s) => {
    settings(s, 'size').maximum = 100;
  },
  minimum: (s) => {
    settings(s, 'size').minimum = 1;
  },
  'multiple-of': (s) => {
    settings(s, 'size').multipleOf = 2;
  },
  'max-items': (s) => {
    settings(s, 'tags').maxItems = 10;
  },
  'min-items': (s) => {
    settings(s, 'tags').minItems = 1;
  },
  'unique-items': (s) => {
    settings(s, 'tags').uniqueItems = true;
  },
  'max-properties': (s) => {
    settings(s, 'labels').maxProperties = 5;
  },
  'min-properties': (s) => {
    settings(s, 'labels').minProperties = 1;
  },
  'additional-properties': (s) => {
    schema(s, 'AccountSettings').additionalProperties = false;
  },
};

const constraintCases: MutationCase[] = CONSTRAINTS.map((constraint) => ({
  name: `${constraint} tightened on a field sent and returned`,
  mutate: CONSTRAINT_EDITS[constraint],
  forward: [
    [`request-${constraint}-tightened`, 'breaking'],
    [`response-${constraint}-tightened`, 'info'],
  ],
  backward: [
    [`request-${constraint}-loosened`, 'info'],
    [`response-${constraint}-loosened`, 'breaking'],
  ],
}));

const cases: MutationCase[] = [
  // Operations and the codegen gate
  {
    name: 'operation removed without deprecation',
    mutate: (s) => delete obj(s, 'paths')[GET_LIST],
    forward: [['operation-removed', 'breaking']],
    backward: [['operation-added', 'info']],
  },
  {
    name: 'deprecated operation removed',
    base: (s) => {
      operation(s, GET_LIST).deprecated = true;
    },
    mutate: (s) => delete obj(s, 'paths')[GET_LIST],
    forward: [['operation-removed-after-deprecation', 'warning']],
    backward: [['operation-added', 'info']],
  },
  {
    name: 'operation deprecated',
    mutate: (s) => {
      operation(s, GET_LIST).deprecated = true;
    },
    forward: [['deprecated', 'info']],
    backward: [['reactivated', 'info']],
  },
  {
    name: 'operationId renamed',
    mutate: (s) => {
      operation(s, GET_DETAIL).operationId = 'getAccountDetail';
    },
    forward: [['operation-id-changed', 'breaking']],
    backward: [['operation-id-changed', 'breaking']],
  },
  {
    name: 'tags changed',
    mutate: (s) => {
      operation(s, GET_DETAIL).tags = ['Accounts'];
    },
    forward: [['operation-tags-changed', 'info']],
    backward: [['operation-tags-changed', 'info']],
  },
  {
    name: 'x-safety changed',
    mutate: (s) => {
      operation(s, '/api/v2/accounts/update')['x-safety'] = 'destructive';
    },
    forward: [['operation-safety-changed', 'info']],
    backward: [['operation-safety-changed', 'info']],
  },
  {
    name: 'path parameter renamed (same operation, new parameter)',
    mutate: (s) => {
      const paths = obj(s, 'paths');
      const item = obj(paths, NODES);
      delete paths[NODES];
      paths['/v2/{project_id}/instances/{instanceId}/logical-nodes'] = item;
      obj(item, 'parameters', '1').name = 'instanceId';
    },
    forward: [
      ['request-required-parameter-added', 'breaking'],
      ['request-parameter-removed', 'warning'],
    ],
    backward: [
      ['request-required-parameter-added', 'breaking'],
      ['request-parameter-removed', 'warning'],
    ],
  },
  {
    name: 'security requirement replaced',
    mutate: (s) => {
      operation(s, GET_DETAIL).security = [{ huaweiAkSk: [] }];
    },
    forward: [['security-changed', 'warning']],
    backward: [['security-changed', 'warning']],
  },
  {
    name: 'security scheme sent in another header',
    mutate: (s) => {
      obj(s, 'components', 'securitySchemes', 'ncpApiGateway').name = 'x-ncp-signature';
    },
    forward: [['security-scheme-changed', 'warning']],
    backward: [['security-scheme-changed', 'warning']],
  },
  {
    name: 'security scheme added',
    mutate: (s) => {
      obj(s, 'components', 'securitySchemes').huaweiToken = { type: 'apiKey', in: 'header', name: 'X-Auth-Token' };
    },
    forward: [['security-scheme-added', 'info']],
    backward: [['security-scheme-removed', 'warning']],
  },
  {
    name: 'server added',
    mutate: (s) => {
      s.servers = [{ url: 'https://df.apigw.ntruss.com' }];
    },
    forward: [['server-added', 'info']],
    backward: [['server-removed', 'warning']],
  },
  {
    name: 'component renamed (same shape, references updated)',
    mutate: (s) => {
      const schemas = obj(s, 'components', 'schemas');
      schemas.QuotaInfo = schemas.Quota;
      delete schemas.Quota;
      obj(schemas, 'GetAccountDetailResponse', 'properties', 'quotas').items = ref('QuotaInfo');
    },
    forward: [['component-renamed', 'breaking']],
    backward: [['component-renamed', 'breaking']],
  },
  {
    name: 'component inlined (generated type disappears, wire unchanged)',
    mutate: (s) => {
      const schemas = obj(s, 'components', 'schemas');
      obj(schemas, 'GetAccountDetailResponse', 'properties', 'quotas').items = schemas.Quota;
      delete schemas.Quota;
    },
    forward: [['component-removed', 'breaking']],
    backward: [['component-added', 'info']],
  },
  {
    name: 'component no operation uses changed',
    mutate: (s) => {
      props(s, 'SmsTarget').phone = { type: 'string', pattern: '^\\+[0-9]+$' };
    },
    forward: [['unused-component-changed', 'info']],
    backward: [['unused-component-changed', 'info']],
  },
  {
    name: 'info.version bumped',
    mutate: (s) => {
      obj(s, 'info').version = '2.0.0';
    },
    forward: [['version-changed', 'info']],
    backward: [['version-changed', 'info']],
  },
  {
    name: 'prose edited (operation summary, component field description: each reported once)',
    mutate: (s) => {
      operation(s, GET_DETAIL).summary = 'Get one account';
      obj(props(s, 'GetAccountDetailRequest'), 'id').description = 'The account id.';
    },
    forward: [
      ['docs-changed', 'info'],
      ['docs-changed', 'info'],
    ],
    backward: [
      ['docs-changed', 'info'],
      ['docs-changed', 'info'],
    ],
  },
  {
    name: 'a keyword no rule reads (not)',
    mutate: (s) => {
      settings(s, 'displayName').not = { const: 'root' };
    },
    forward: [['unclassified', 'warning']],
    backward: [['unclassified', 'warning']],
  },
  {
    name: 'webhooks added (no rule reads them)',
    mutate: (s) => {
      s.webhooks = { accountCreated: { post: { responses: { 200: { description: 'ok' } } } } };
    },
    forward: [['unclassified', 'warning']],
    backward: [['unclassified', 'warning']],
  },

  // Parameters
  {
    name: 'required query parameter added',
    mutate: (s) => {
      (nodesOp(s).parameters as unknown[]).push({ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } });
    },
    forward: [['request-required-parameter-added', 'breaking']],
    backward: [['request-parameter-removed', 'warning']],
  },
  {
    name: 'optional query parameter added',
    mutate: (s) => {
      (nodesOp(s).parameters as unknown[]).push({ name: 'limit', in: 'query', schema: { type: 'integer' } });
    },
    forward: [['request-optional-parameter-added', 'info']],
    backward: [['request-parameter-removed', 'warning']],
  },
  {
    name: 'query parameter made required',
    mutate: (s) => {
      offsetParam(s).required = true;
    },
    forward: [['request-parameter-made-required', 'breaking']],
    backward: [['request-parameter-made-optional', 'info']],
  },
  {
    name: 'deprecated query parameter removed',
    base: (s) => {
      offsetParam(s).deprecated = true;
    },
    mutate: (s) => {
      nodesOp(s).parameters = [];
    },
    forward: [['request-parameter-removed-after-deprecation', 'info']],
    backward: [['request-optional-parameter-added', 'info']],
  },
  {
    name: 'query parameter deprecated',
    mutate: (s) => {
      offsetParam(s).deprecated = true;
    },
    forward: [['deprecated', 'info']],
    backward: [['reactivated', 'info']],
  },
  {
    name: 'query parameter style changed (explode kept)',
    base: (s) => {
      Object.assign(offsetParam(s), { schema: { type: 'array', items: { type: 'integer' } }, explode: false });
    },
    mutate: (s) => {
      offsetParam(s).style = 'pipeDelimited';
    },
    forward: [['request-parameter-style-changed', 'breaking']],
    backward: [['request-parameter-style-changed', 'breaking']],
  },
  {
    name: 'query parameter no longer exploded',
    mutate: (s) => {
      offsetParam(s).explode = false;
    },
    forward: [['request-parameter-explode-changed', 'breaking']],
    backward: [['request-parameter-explode-changed', 'breaking']],
  },
  {
    name: 'query parameter type changed (its minimum goes with it)',
    mutate: (s) => {
      offsetParam(s).schema = { type: 'string' };
    },
    forward: [['type-changed', 'breaking']],
    backward: [['type-changed', 'breaking']],
  },
  {
    name: 'query parameter maximum set',
    mutate: (s) => {
      obj(offsetParam(s), 'schema').maximum = 1000;
    },
    forward: [['request-maximum-tightened', 'breaking']],
    backward: [['request-maximum-loosened', 'info']],
  },

  // Request bodies
  {
    name: 'request body made required',
    mutate: (s) => {
      obj(operation(s, GET_LIST), 'requestBody').required = true;
    },
    forward: [['request-body-made-required', 'breaking']],
    backward: [['request-body-made-optional', 'info']],
  },
  {
    name: 'XML request media type removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'requestBody', 'content')['application/xml'],
    forward: [['request-media-type-removed', 'breaking']],
    backward: [['request-media-type-added', 'info']],
  },
  {
    name: 'required request field added (reported once for JSON and XML)',
    mutate: (s) => {
      props(s, 'GetAccountDetailRequest').region = { type: 'string' };
      schema(s, 'GetAccountDetailRequest').required = ['id', 'region'];
    },
    forward: [['request-required-field-added', 'breaking']],
    backward: [['request-field-removed', 'warning']],
  },
  {
    name: 'optional request field added',
    mutate: (s) => {
      props(s, 'GetAccountDetailRequest').region = { type: 'string' };
    },
    forward: [['request-optional-field-added', 'info']],
    backward: [['request-field-removed', 'warning']],
  },
  {
    name: 'request field made required',
    mutate: (s) => {
      schema(s, 'GetAccountListRequest').required = ['limit'];
    },
    forward: [['request-field-made-required', 'breaking']],
    backward: [['request-field-made-optional', 'info']],
  },
  {
    name: 'request gains a conditional requirement (if/then on a const)',
    mutate: (s) => requiredWhen(schema(s, 'GetAccountListRequest'), 'limit', 'status', 'RUNNING'),
    forward: [['request-conditional-requirement-added', 'breaking']],
    backward: [['request-conditional-requirement-removed', 'info']],
  },
  {
    name: 'request conditional requirement: condition value changed (old condition lost, new one gained)',
    base: (s) => requiredWhen(schema(s, 'GetAccountListRequest'), 'limit', 'status', 'RUNNING'),
    mutate: (s) => requiredWhen(schema(s, 'GetAccountListRequest'), 'limit', 'status', 'CHANGING'),
    forward: CONDITION_SWAPPED,
    backward: CONDITION_SWAPPED,
  },
  {
    name: 'request gains a dependentRequired',
    mutate: (s) => {
      schema(s, 'GetAccountListRequest').dependentRequired = { status: ['limit'] };
    },
    forward: [['request-conditional-requirement-added', 'breaking']],
    backward: [['request-conditional-requirement-removed', 'info']],
  },
  {
    name: 'conditional requirement rewritten from if/then to dependentRequired (a different condition)',
    base: (s) => requiredWhen(schema(s, 'GetAccountListRequest'), 'limit', 'status', 'RUNNING'),
    mutate: (s) => {
      const target = dropCondition(schema(s, 'GetAccountListRequest'));
      target.dependentRequired = { status: ['limit'] };
    },
    forward: CONDITION_SWAPPED,
    backward: CONDITION_SWAPPED,
  },
  {
    name: 'conditional requirement on a field already required: implied, so prose',
    base: (s) => {
      schema(s, 'GetAccountListRequest').required = ['limit'];
    },
    mutate: (s) => requiredWhen(schema(s, 'GetAccountListRequest'), 'limit', 'status', 'RUNNING'),
    forward: [['docs-changed', 'info']],
    backward: [['docs-changed', 'info']],
  },
  {
    name: 'if/then of a shape the diff cannot decide (a then constraining a value)',
    mutate: (s) => {
      const target = schema(s, 'GetAccountListRequest');
      target.if = { properties: { status: { const: 'RUNNING' } }, required: ['status'] };
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
      target.then = { properties: { limit: { maximum: 10 } } };
    },
    forward: [['conditional-schema-changed', 'warning']],
    backward: [['conditional-schema-changed', 'warning']],
  },
  {
    name: 'undecidable if/then (with else) beside a dependentRequired gained: both reported',
    base: (s) => {
      const target = schema(s, 'GetAccountListRequest');
      requiredWhen(target, 'limit', 'status', 'RUNNING');
      target.else = { required: ['status'] };
    },
    mutate: (s) => {
      const target = schema(s, 'GetAccountListRequest');
      target.else = { required: ['limit'] };
      target.dependentRequired = { limit: ['status'] };
    },
    forward: [
      ['conditional-schema-changed', 'warning'],
      ['request-conditional-requirement-added', 'breaking'],
    ],
    backward: [
      ['conditional-schema-changed', 'warning'],
      ['request-conditional-requirement-removed', 'info'],
    ],
  },
  {
    name: 'deprecated request field removed',
    base: (s) => {
      obj(props(s, 'GetAccountListRequest'), 'limit').deprecated = true;
    },
    mutate: (s) => delete props(s, 'GetAccountListRequest').limit,
    forward: [['request-field-removed-after-deprecation', 'info']],
    backward: [['request-optional-field-added', 'info']],
  },

  // Responses
  {
    name: 'error status removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'responses')['403'],
    forward: [['response-status-removed', 'breaking']],
    backward: [['response-status-added', 'info']],
  },
  {
    name: 'XML response media type removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'responses', '200', 'content')['application/xml'],
    forward: [['response-media-type-removed', 'breaking']],
    backward: [['response-media-type-added', 'info']],
  },
  {
    name: 'required response header removed',
    mutate: (s) => delete detailHeaders(s)['X-Request-Id'],
    forward: [['response-required-header-removed', 'breaking']],
    backward: [['response-header-added', 'info']],
  },
  {
    name: 'optional response header removed',
    mutate: (s) => delete detailHeaders(s)['X-RateLimit-Remaining'],
    forward: [['response-optional-header-removed', 'warning']],
    backward: [['response-header-added', 'info']],
  },
  {
    name: 'response header made optional',
    mutate: (s) => {
      obj(detailHeaders(s), 'X-Request-Id').required = false;
    },
    forward: [['response-header-made-optional', 'breaking']],
    backward: [['response-header-made-required', 'info']],
  },
  {
    name: 'response header type changed (header names are case-insensitive)',
    mutate: (s) => {
      const headers = detailHeaders(s);
      delete headers['X-RateLimit-Remaining'];
      headers['x-ratelimit-remaining'] = { schema: { type: 'string' } };
    },
    forward: [['type-changed', 'breaking']],
    backward: [['type-changed', 'breaking']],
  },
  {
    name: 'response links added',
    mutate: (s) => {
      obj(operation(s, GET_DETAIL), 'responses', '200').links = {
        quotas: { operationId: 'accountsGetList', parameters: { id: '$response.body#/id' } },
      };
    },
    forward: [['response-links-changed', 'info']],
    backward: [['response-links-changed', 'info']],
  },
  {
    name: 'response field removed without deprecation',
    mutate: (s) => delete props(s, 'GetAccountDetailResponse').name,
    forward: [['response-field-removed', 'breaking']],
    backward: [['response-field-added', 'info']],
  },
  {
    name: 'deprecated response field removed',
    base: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'name').deprecated = true;
    },
    mutate: (s) => delete props(s, 'GetAccountDetailResponse').name,
    forward: [['response-field-removed-after-deprecation', 'warning']],
    backward: [['response-field-added', 'info']],
  },
  {
    name: 'response field made optional',
    mutate: (s) => {
      schema(s, 'GetAccountDetailResponse').required = ['success'];
    },
    forward: [['response-field-made-optional', 'breaking']],
    backward: [['response-field-made-required', 'info']],
  },
  {
    name: 'response loses a conditional requirement',
    base: (s) => requiredWhen(schema(s, 'GetAccountDetailResponse'), 'name', 'status', 'RUNNING'),
    mutate: (s) => {
      dropCondition(schema(s, 'GetAccountDetailResponse'));
    },
    forward: [['response-conditional-requirement-removed', 'breaking']],
    backward: [['response-conditional-requirement-added', 'info']],
  },
  {
    name: 'field added to a recursive schema (cycle guard: reported once)',
    mutate: (s) => {
      props(s, 'LogicalNode').status = { type: 'string' };
    },
    forward: [['response-field-added', 'info']],
    backward: [['response-field-removed', 'breaking']],
  },

  // Field flags, by direction (AccountSettings is sent and returned)
  {
    name: 'field made readOnly: senders must stop sending it; readers see no difference',
    mutate: (s) => {
      settings(s, 'displayName').readOnly = true;
    },
    forward: [
      ['request-read-only-added', 'warning'],
      ['docs-changed', 'info'],
    ],
    backward: [
      ['request-read-only-removed', 'info'],
      ['docs-changed', 'info'],
    ],
  },
  {
    name: 'field made writeOnly: readers lose it; senders see no difference',
    mutate: (s) => {
      settings(s, 'displayName').writeOnly = true;
    },
    forward: [
      ['response-write-only-added', 'breaking'],
      ['docs-changed', 'info'],
    ],
    backward: [
      ['response-write-only-removed', 'info'],
      ['docs-changed', 'info'],
    ],
  },
  {
    name: 'required request field made readOnly (no longer required of senders)',
    mutate: (s) => {
      obj(props(s, 'UpdateAccountRequest'), 'id').readOnly = true;
    },
    forward: [
      ['request-read-only-added', 'warning'],
      ['request-field-made-optional', 'info'],
    ],
    backward: [
      ['request-field-made-required', 'breaking'],
      ['request-read-only-removed', 'info'],
    ],
  },
  {
    name: 'default changed',
    mutate: (s) => {
      settings(s, 'mode').default = 'safe';
    },
    forward: [
      ['request-default-changed', 'warning'],
      ['response-default-changed', 'info'],
    ],
    backward: [
      ['request-default-changed', 'warning'],
      ['response-default-changed', 'info'],
    ],
  },
  {
    name: 'field deprecated',
    mutate: (s) => {
      settings(s, 'mode').deprecated = true;
    },
    forward: [
      ['deprecated', 'info'],
      ['deprecated', 'info'],
    ],
    backward: [
      ['reactivated', 'info'],
      ['reactivated', 'info'],
    ],
  },

  // Enums, by direction: AccountStatus is a getList request filter and a field of both responses
  {
    name: 'enum value added',
    mutate: (s) => {
      schema(s, 'AccountStatus').enum = ['ACCEPTED', 'RUNNING', 'CHANGING', 'DELETING'];
    },
    forward: [
      ['response-enum-widened', 'breaking'],
      ['response-enum-widened', 'breaking'],
      ['request-enum-widened', 'info'],
    ],
    backward: [
      ['request-enum-narrowed', 'breaking'],
      ['response-enum-narrowed', 'info'],
      ['response-enum-narrowed', 'info'],
    ],
  },

  // Types, formats, nullability
  {
    name: 'type changed inside unwrapped array items',
    mutate: (s) => {
      props(s, 'Quota').spaceTb = { type: 'string' };
    },
    forward: [['type-changed', 'breaking']],
    backward: [['type-changed', 'breaking']],
  },
  {
    name: 'integer widened to number',
    mutate: (s) => {
      settings(s, 'size').type = 'number';
    },
    forward: [
      ['response-type-widened', 'breaking'],
      ['request-type-widened', 'info'],
    ],
    backward: [
      ['request-type-narrowed', 'breaking'],
      ['response-type-narrowed', 'info'],
    ],
  },
  {
    name: 'made nullable (3.1 type array)',
    mutate: (s) => {
      settings(s, 'displayName').type = ['string', 'null'];
    },
    forward: [
      ['response-made-nullable', 'breaking'],
      ['request-made-nullable', 'info'],
    ],
    backward: [
      ['request-made-not-nullable', 'breaking'],
      ['response-made-not-nullable', 'info'],
    ],
  },
  {
    name: 'response field made nullable (anyOf with null, enum kept)',
    mutate: (s) => {
      props(s, 'GetAccountDetailResponse').status = { anyOf: [ref('AccountStatus'), { type: 'null' }] };
    },
    forward: [['response-made-nullable', 'breaking']],
    backward: [['response-made-not-nullable', 'info']],
  },
  {
    name: 'response field format changed to uuid',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'id').format = 'uuid';
    },
    forward: [['format-changed', 'breaking']],
    backward: [['format-changed', 'breaking']],
  },
  {
    name: 'contentMediaType changed',
    base: (s) => {
      props(s, 'GetAccountDetailResponse').keytab = { type: 'string', contentEncoding: 'base64' };
    },
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'keytab').contentEncoding = 'base64url';
    },
    forward: [['content-media-type-changed', 'breaking']],
    backward: [['content-media-type-changed', 'breaking']],
  },

  {
    name: 'response field wrapped in a one-member oneOf (same values, a union type for generated code)',
    mutate: (s) => {
      props(s, 'GetAccountDetailResponse').status = { oneOf: [ref('AccountStatus')] };
    },
    forward: [['type-changed', 'breaking']],
    backward: [['type-changed', 'breaking']],
  },
  {
    name: 'constraint of a readOnly field tightened: senders never send it, readers see it',
    base: (s) => {
      settings(s, 'displayName').readOnly = true;
    },
    mutate: (s) => {
      settings(s, 'displayName').maxLength = 64;
    },
    forward: [['response-max-length-tightened', 'info']],
    backward: [['response-max-length-loosened', 'breaking']],
  },

  // Unions and discriminators (NotificationTarget is sent and returned)
  {
    name: 'oneOf member added',
    mutate: (s) => {
      (schema(s, 'NotificationTarget').oneOf as unknown[]).push(ref('SmsTarget'));
    },
    forward: [
      ['response-variant-added', 'breaking'],
      ['request-variant-added', 'info'],
    ],
    backward: [
      ['request-variant-removed', 'breaking'],
      ['response-variant-removed', 'info'],
    ],
  },
  {
    name: 'discriminator mapping entry added',
    mutate: (s) => {
      obj(schema(s, 'NotificationTarget'), 'discriminator', 'mapping').mail = '#/components/schemas/EmailTarget';
    },
    forward: [
      ['response-discriminator-mapping-added', 'breaking'],
      ['request-discriminator-mapping-added', 'info'],
    ],
    backward: [
      ['request-discriminator-mapping-removed', 'breaking'],
      ['response-discriminator-mapping-removed', 'info'],
    ],
  },
  {
    name: 'discriminator mapping entry retargeted',
    mutate: (s) => {
      obj(schema(s, 'NotificationTarget'), 'discriminator', 'mapping').email = '#/components/schemas/WebhookTarget';
    },
    forward: [
      ['discriminator-mapping-changed', 'breaking'],
      ['discriminator-mapping-changed', 'breaking'],
    ],
    backward: [
      ['discriminator-mapping-changed', 'breaking'],
      ['discriminator-mapping-changed', 'breaking'],
    ],
  },
  {
    name: 'discriminator property renamed',
    mutate: (s) => {
      obj(schema(s, 'NotificationTarget'), 'discriminator').propertyName = 'type';
    },
    forward: [
      ['discriminator-property-changed', 'breaking'],
      ['discriminator-property-changed', 'breaking'],
    ],
    backward: [
      ['discriminator-property-changed', 'breaking'],
      ['discriminator-property-changed', 'breaking'],
    ],
  },

  // Constraints: one case per keyword, plus the cases whose direction needs working out
  ...constraintCases,
  // Patterns, decided by the strings they accept (language inclusion both ways)
  patternCase('request', 'loosened (the issue example: more characters, longer)', '^[0-9A-Za-z]{1,22}$', '^[0-9A-Za-z_-]{1,40}$', [
    REQUEST_LOOSENED,
    REQUEST_TIGHTENED,
  ]),
  patternCase('response', 'loosened (the issue example)', '^[0-9A-Za-z]{1,22}$', '^[0-9A-Za-z_-]{1,40}$', [
    RESPONSE_LOOSENED,
    RESPONSE_TIGHTENED,
  ]),
  patternCase('request', 'tightened to digits', '^[0-9A-Za-z]{1,22}$', '^[0-9]{1,22}$', [REQUEST_TIGHTENED, REQUEST_LOOSENED]),
  patternCase('request', 'unanchored, so a match anywhere counts: "abc" accepts fewer strings than "b"', 'b', 'abc', [
    REQUEST_TIGHTENED,
    REQUEST_LOOSENED,
  ]),
  patternCase('request', 'rewritten with the same strings ([0-9] as \\d, {1,} as +): only noted', '^[0-9]{1,}$', '^\\d+$', [
    REWRITTEN,
    REWRITTEN,
  ]),
  patternCase('response', 'rewritten with the same strings (a redundant lookahead): only noted', '^[a-z]+$', '^(?=[a-z])[a-z]+$', [
    REWRITTEN,
    REWRITTEN,
  ]),
  patternCase('request', 'overlapping (some strings gained, some lost): the harmful way, both ways', '^[a-c]+$', '^[b-d]+$', [
    REQUEST_TIGHTENED,
    REQUEST_TIGHTENED,
  ]),
  patternCase('response', 'overlapping: the harmful way, both ways', '^[a-c]+$', '^[b-d]+$', [RESPONSE_LOOSENED, RESPONSE_LOOSENED]),
  patternCase('request', 'undecidable (a lookahead over the whole string): taken as tighter', '^.{8,}$', '^(?=.*[0-9]).{8,}$', [
    REQUEST_TIGHTENED,
    REQUEST_TIGHTENED,
  ]),
  patternCase('response', 'undecidable (over the state budget): taken as looser', '^[ab]+$', '^(a|b)*a(a|b){30}$', [
    RESPONSE_LOOSENED,
    RESPONSE_LOOSENED,
  ]),

  // Formats along int32 ⊂ int64 and float ⊂ double; AccountSettings.size is both sent and returned
  formatCase('integer', 'int32', 'int64', [FORMAT_WIDENED, FORMAT_NARROWED]),
  formatCase('number', 'float', 'double', [FORMAT_WIDENED, FORMAT_NARROWED]),
  formatCase('integer', 'int32', 'double', [FORMAT_CHANGED, FORMAT_CHANGED]),
  {
    name: 'maximum made exclusive at the same bound',
    base: (s) => {
      obj(props(s, 'GetAccountListRequest'), 'limit').maximum = 100;
    },
    mutate: (s) => {
      const limit = obj(props(s, 'GetAccountListRequest'), 'limit');
      delete limit.maximum;
      limit.exclusiveMaximum = 100;
    },
    forward: [['request-maximum-tightened', 'breaking']],
    backward: [['request-maximum-loosened', 'info']],
  },
  {
    name: 'minimum lowered',
    mutate: (s) => {
      obj(props(s, 'GetAccountListRequest'), 'limit').minimum = 0;
    },
    forward: [['request-minimum-loosened', 'info']],
    backward: [['request-minimum-tightened', 'breaking']],
  },
  {
    name: 'multipleOf 2 → 3 (neither divides the other): taken as tighter for senders',
    base: (s) => {
      obj(props(s, 'GetAccountListRequest'), 'limit').multipleOf = 2;
    },
    mutate: (s) => {
      obj(props(s, 'GetAccountListRequest'), 'limit').multipleOf = 3;
    },
    forward: [['request-multiple-of-tightened', 'breaking']],
    backward: [['request-multiple-of-tightened', 'breaking']],
  },
  {
    name: 'additionalProperties: a schema replaced by false',
    mutate: (s) => {
      settings(s, 'labels').additionalProperties = false;
    },
    forward: [
      ['request-additional-properties-tightened', 'breaking'],
      ['response-additional-properties-tightened', 'info'],
    ],
    backward: [
      ['request-additional-properties-loosened', 'info'],
      ['response-additional-properties-loosened', 'breaking'],
    ],
  },
  {
    name: 'additionalProperties value type changed',
    mutate: (s) => {
      settings(s, 'labels').additionalProperties = { type: 'integer' };
    },
    forward: [
      ['type-changed', 'breaking'],
      ['type-changed', 'breaking'],
    ],
    backward: [
      ['type-changed', 'breaking'],
      ['type-changed', 'breaking'],
    ],
  },

  // XML
  {
    name: 'XML root renamed',
    mutate: (s) => {
      schema(s, 'GetAccountDetailResponse').xml = { name: 'AccountDetailResponse' };
    },
    forward: [['xml-name-changed', 'breaking']],
    backward: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML element renamed',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'name').xml = { name: 'accountName' };
    },
    forward: [['xml-name-changed', 'breaking']],
    backward: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML item element of an unwrapped array renamed',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').items = { ...ref('Quota'), xml: { name: 'quota' } };
    },
    forward: [['xml-name-changed', 'breaking']],
    backward: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML wrapper element of a wrapped array renamed',
    base: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true };
    },
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true, name: 'quotaList' };
    },
    forward: [['xml-name-changed', 'breaking']],
    backward: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML array wrapped',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true };
    },
    forward: [['xml-wrapped-changed', 'breaking']],
    backward: [['xml-wrapped-changed', 'breaking']],
  },
  {
    name: 'XML element made an attribute',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'id').xml = { attribute: true };
    },
    forward: [['xml-attribute-changed', 'breaking']],
    backward: [['xml-attribute-changed', 'breaking']],
  },
  {
    name: 'XML namespace added to a request root',
    mutate: (s) => {
      schema(s, 'GetAccountDetailRequest').xml = { name: 'GetAccountDetailRequest', namespace: 'https://df.apigw.ntruss.com/ns' };
    },
    forward: [['xml-namespace-changed', 'breaking']],
    backward: [['xml-namespace-changed', 'breaking']],
  },
  {
    name: 'XML prefix added',
    base: (s) => {
      schema(s, 'GetAccountDetailRequest').xml = { name: 'GetAccountDetailRequest', namespace: 'https://df.apigw.ntruss.com/ns' };
    },
    mutate: (s) => {
      obj(schema(s, 'GetAccountDetailRequest'), 'xml').prefix = 'df';
    },
    forward: [['xml-prefix-changed', 'breaking']],
    backward: [['xml-prefix-changed', 'breaking']],
  },
  {
    name: 'xml.name spelled out with its default value: the same XML, so prose',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'name').xml = { name: 'name' };
    },
    forward: [['docs-changed', 'info']],
    backward: [['docs-changed', 'info']],
  },
  {
    name: 'XML metadata changed in a JSON-only operation: prose',
    mutate: (s) => {
      schema(s, 'ListLogicalNodesResponse').xml = { name: 'LogicalNodes' };
    },
    forward: [['docs-changed', 'info']],
    backward: [['docs-changed', 'info']],
  },

  { name: 'nothing changed', mutate: () => {}, forward: [], backward: [] },
];

const byRule = (list: Expected[]) => [...list].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('diffSpecs classifies each spec mutation, both ways', () => {
  test.each(cases)('$name', ({ base, mutate, forward, backward }) => {
    const before = fixtureSpec();
    base?.(before);
    const after = structuredClone(before);
    mutate(after);
    const found = (a: Node, b: Node) => byRule(diffSpecs(a, b).map((c): Expected => [c.rule, c.severity]));
    expect({ forward: found(before, after), backward: found(after, before) }).toEqual({
      forward: byRule(forward),
      backward: byRule(backward),
    });
  });

  test('every rule id is exercised by a mutation (the acknowledgement rules by acknowledged.test.ts)', () => {
    const covered = new Set<string>([
      ...cases.flatMap((c) => [...c.forward, ...c.backward].map(([rule]) => rule)),
      ...ACKNOWLEDGEMENT_RULES,
    ]);
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule))).toEqual([]);
  });
});

describe('diffSpecs on the Data Forest spec', () => {
  const spec = JSON.parse(readFileSync(join(import.meta.dirname, '../../spec/ncp-dataforest/openapi.json'), 'utf8')) as Node;
  const component = (s: Node, name: string) => obj(s, 'components', 'schemas', name);

  test('against itself: nothing', () => {
    expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
  });

  /** The reviewer's single edits the issue lists, each of which the first diff answered with `no changes`. */
  test.each([
    {
      name: 'request id pattern tightened',
      mutate: (s: Node) => {
        obj(component(s, 'GetAccountDetailRequest'), 'properties', 'id').pattern = '^[0-9]{1,22}$';
      },
      rule: 'request-pattern-tightened',
    },
    {
      name: 'request maxLength added',
      mutate: (s: Node) => {
        obj(component(s, 'GetAccountDetailRequest'), 'properties', 'id').maxLength = 10;
      },
      rule: 'request-max-length-tightened',
    },
    {
      name: 'additionalProperties: false on a request body',
      mutate: (s: Node) => {
        component(s, 'GetAccountDetailRequest').additionalProperties = false;
      },
      rule: 'request-additional-properties-tightened',
    },
    {
      name: 'response field format changed to uuid',
      mutate: (s: Node) => {
        obj(component(s, 'GetAccountDetailResponse'), 'properties', 'createdAt').format = 'uuid';
      },
      rule: 'format-changed',
    },
  ])('$name → $rule (breaking)', ({ mutate, rule }) => {
    const edited = structuredClone(spec);
    mutate(edited);
    const changes = diffSpecs(spec, edited);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => `${c.rule} ${c.severity}`))).toEqual(new Set([`${rule} breaking`]));
  });
});

describe('the conditional requirements of the published specs (issue: `if`/`then` showed as unclassified)', () => {
  /** The released spec with every `if`/`then` taken out: the form before conditional requirements were published. */
  function withoutConditions(spec: Node): Node {
    const copy = structuredClone(spec);
    for (const component of Object.values(obj(copy, 'components', 'schemas'))) {
      dropCondition(component as Node);
    }
    return copy;
  }

  test.each([
    {
      service: 'huawei-dcs',
      found: ['request-conditional-requirement-added breaking /node_id: now required when kill_all_nodes = false (if/then)'],
    },
    {
      service: 'ncp-dataforest',
      found: ['request-conditional-requirement-added breaking /storageGB: now required when addStorage = true (if/then)'],
    },
  ])('$service: gaining them is a breaking request change, not unclassified', ({ service, found }) => {
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, `../../releases/${service}/openapi.json`), 'utf8')) as Node;
    const render = (c: { rule: string; severity: string; location: string | null; message: string }) =>
      `${c.rule} ${c.severity} ${c.location?.split(' ').pop()}: ${c.message}`;
    // Each request body is reported once per media type; the distinct findings are what matters here.
    expect([...new Set(diffSpecs(withoutConditions(spec), spec).map(render))]).toEqual(found);
    expect([...new Set(diffSpecs(spec, withoutConditions(spec)).map((c) => `${c.rule} ${c.severity}`))]).toEqual([
      'request-conditional-requirement-removed info',
    ]);
  });
});
