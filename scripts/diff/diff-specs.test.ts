import { describe, expect, test } from 'vitest';
import { diffSpecs } from './diff-specs.ts';
import { fixtureSpec, at as obj } from './fixture.ts';
import type { Node } from './openapi.ts';
import { RULES, type RuleId, type Severity } from './rules.ts';

const schema = (spec: Node, name: string) => obj(spec, 'components', 'schemas', name);
const props = (spec: Node, name: string) => obj(schema(spec, name), 'properties');
const operation = (spec: Node, path: string, method = 'post') => obj(spec, 'paths', path, method);
const GET_DETAIL = '/api/v2/accounts/getDetail';
const GET_LIST = '/api/v2/accounts/getList';
const NODES = '/v2/{project_id}/instances/{instance_id}/logical-nodes';
const nodesOp = (spec: Node) => operation(spec, NODES, 'get');
const offsetParam = (spec: Node) => obj(nodesOp(spec), 'parameters', '0');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

interface MutationCase {
  name: string;
  /** Applied to both sides first, when the case needs a starting point the fixture does not have. */
  base?: (spec: Node) => void;
  mutate: (spec: Node) => void;
  expected: Array<[RuleId, Severity]>;
}

const cases: MutationCase[] = [
  // Operations and the codegen gate
  { name: 'path removed', mutate: (s) => delete obj(s, 'paths')[GET_LIST], expected: [['operation-removed', 'breaking']] },
  {
    name: 'operation added',
    mutate: (s) => {
      obj(s, 'paths')['/api/v2/accounts/getKerberosKeytab'] = { post: { operationId: 'accountsGetKerberosKeytab', responses: {} } };
    },
    expected: [['operation-added', 'info']],
  },
  {
    name: 'operationId renamed',
    mutate: (s) => {
      operation(s, GET_DETAIL).operationId = 'getAccountDetail';
    },
    expected: [['operation-id-changed', 'breaking']],
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
    expected: [
      ['request-required-parameter-added', 'breaking'],
      ['request-parameter-removed', 'warning'],
    ],
  },
  {
    name: 'security scheme replaced',
    mutate: (s) => {
      operation(s, GET_DETAIL).security = [{ huaweiAkSk: [] }];
    },
    expected: [['security-changed', 'warning']],
  },
  {
    name: 'component renamed (same shape, references updated)',
    mutate: (s) => {
      const schemas = obj(s, 'components', 'schemas');
      schemas.QuotaInfo = schemas.Quota;
      delete schemas.Quota;
      obj(schemas, 'GetAccountDetailResponse', 'properties', 'quotas').items = ref('QuotaInfo');
    },
    expected: [['component-renamed', 'breaking']],
  },
  {
    name: 'component inlined (generated type disappears, wire unchanged)',
    mutate: (s) => {
      const schemas = obj(s, 'components', 'schemas');
      obj(schemas, 'GetAccountDetailResponse', 'properties', 'quotas').items = schemas.Quota;
      delete schemas.Quota;
    },
    expected: [['component-removed', 'breaking']],
  },
  {
    name: 'component added',
    mutate: (s) => {
      obj(s, 'components', 'schemas').Paging = { type: 'object', properties: { limit: { type: 'integer' } } };
    },
    expected: [['component-added', 'info']],
  },

  // Parameters
  {
    name: 'required query parameter added',
    mutate: (s) => {
      (nodesOp(s).parameters as unknown[]).push({ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } });
    },
    expected: [['request-required-parameter-added', 'breaking']],
  },
  {
    name: 'optional query parameter added',
    mutate: (s) => {
      (nodesOp(s).parameters as unknown[]).push({ name: 'limit', in: 'query', schema: { type: 'integer' } });
    },
    expected: [['request-optional-parameter-added', 'info']],
  },
  {
    name: 'query parameter made required',
    mutate: (s) => {
      offsetParam(s).required = true;
    },
    expected: [['request-parameter-made-required', 'breaking']],
  },
  {
    name: 'query parameter made optional',
    base: (s) => {
      offsetParam(s).required = true;
    },
    mutate: (s) => {
      offsetParam(s).required = false;
    },
    expected: [['request-parameter-made-optional', 'info']],
  },
  {
    name: 'query parameter removed',
    mutate: (s) => {
      nodesOp(s).parameters = [];
    },
    expected: [['request-parameter-removed', 'warning']],
  },
  {
    name: 'query parameter type changed',
    mutate: (s) => {
      offsetParam(s).schema = { type: 'string' };
    },
    expected: [['type-changed', 'breaking']],
  },

  // Request bodies
  {
    name: 'request body made required',
    mutate: (s) => {
      obj(operation(s, GET_LIST), 'requestBody').required = true;
    },
    expected: [['request-body-made-required', 'breaking']],
  },
  {
    name: 'XML request media type removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'requestBody', 'content')['application/xml'],
    expected: [['request-media-type-removed', 'breaking']],
  },
  {
    name: 'request media type added',
    mutate: (s) => {
      obj(operation(s, GET_DETAIL), 'requestBody', 'content')['text/xml'] = { schema: ref('GetAccountDetailRequest') };
    },
    expected: [['request-media-type-added', 'info']],
  },
  {
    name: 'required request field added (reported once for JSON and XML)',
    mutate: (s) => {
      props(s, 'GetAccountDetailRequest').region = { type: 'string' };
      schema(s, 'GetAccountDetailRequest').required = ['id', 'region'];
    },
    expected: [['request-required-field-added', 'breaking']],
  },
  {
    name: 'optional request field added',
    mutate: (s) => {
      props(s, 'GetAccountDetailRequest').region = { type: 'string' };
    },
    expected: [['request-optional-field-added', 'info']],
  },
  {
    name: 'request field made required',
    mutate: (s) => {
      schema(s, 'GetAccountListRequest').required = ['limit'];
    },
    expected: [['request-field-made-required', 'breaking']],
  },
  {
    name: 'request field made optional',
    mutate: (s) => {
      schema(s, 'GetAccountDetailRequest').required = [];
    },
    expected: [['request-field-made-optional', 'info']],
  },
  {
    name: 'request field removed',
    mutate: (s) => delete props(s, 'GetAccountListRequest').limit,
    expected: [['request-field-removed', 'warning']],
  },

  // Responses
  {
    name: 'error status removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'responses')['403'],
    expected: [['response-status-removed', 'breaking']],
  },
  {
    name: 'status added',
    mutate: (s) => {
      obj(operation(s, GET_DETAIL), 'responses')['404'] = { description: 'No such element.' };
    },
    expected: [['response-status-added', 'info']],
  },
  {
    name: 'XML response media type removed',
    mutate: (s) => delete obj(operation(s, GET_DETAIL), 'responses', '200', 'content')['application/xml'],
    expected: [['response-media-type-removed', 'breaking']],
  },
  {
    name: 'response media type added',
    mutate: (s) => {
      obj(operation(s, GET_DETAIL), 'responses', '200', 'content')['application/octet-stream'] = { schema: { type: 'string' } };
    },
    expected: [['response-media-type-added', 'info']],
  },
  {
    name: 'response field removed',
    mutate: (s) => delete props(s, 'GetAccountDetailResponse').name,
    expected: [['response-field-removed', 'breaking']],
  },
  {
    name: 'response field made optional',
    mutate: (s) => {
      schema(s, 'GetAccountDetailResponse').required = ['success'];
    },
    expected: [['response-field-made-optional', 'breaking']],
  },
  {
    name: 'response field made required',
    mutate: (s) => {
      schema(s, 'GetAccountDetailResponse').required = ['success', 'id', 'name'];
    },
    expected: [['response-field-made-required', 'info']],
  },
  {
    name: 'response field added',
    mutate: (s) => {
      props(s, 'GetAccountDetailResponse').createdAt = { type: 'string', format: 'date-time' };
    },
    expected: [['response-field-added', 'info']],
  },
  {
    name: 'field added to a recursive schema (cycle guard: reported once)',
    mutate: (s) => {
      props(s, 'LogicalNode').status = { type: 'string' };
    },
    expected: [['response-field-added', 'info']],
  },

  // Enums, by direction: AccountStatus is a getList request filter and a field of both responses
  {
    name: 'enum value added: widened response breaks readers, widened request does not',
    mutate: (s) => {
      schema(s, 'AccountStatus').enum = ['ACCEPTED', 'RUNNING', 'CHANGING', 'DELETING'];
    },
    expected: [
      ['response-enum-widened', 'breaking'],
      ['response-enum-widened', 'breaking'],
      ['request-enum-widened', 'info'],
    ],
  },
  {
    name: 'enum value removed: narrowed request breaks senders, narrowed response does not',
    mutate: (s) => {
      schema(s, 'AccountStatus').enum = ['ACCEPTED', 'RUNNING'];
    },
    expected: [
      ['request-enum-narrowed', 'breaking'],
      ['response-enum-narrowed', 'info'],
      ['response-enum-narrowed', 'info'],
    ],
  },

  // Types
  {
    name: 'type changed inside unwrapped array items',
    mutate: (s) => {
      props(s, 'Quota').spaceTb = { type: 'string' };
    },
    expected: [['type-changed', 'breaking']],
  },
  {
    name: 'response field made nullable (3.1 type array)',
    mutate: (s) => {
      props(s, 'GetAccountDetailResponse').name = { type: ['string', 'null'] };
    },
    expected: [['type-changed', 'breaking']],
  },
  {
    name: 'response field made nullable (anyOf with null, enum kept)',
    mutate: (s) => {
      props(s, 'GetAccountDetailResponse').status = { anyOf: [ref('AccountStatus'), { type: 'null' }] };
    },
    expected: [['type-changed', 'breaking']],
  },

  // XML
  {
    name: 'XML root renamed',
    mutate: (s) => {
      schema(s, 'GetAccountDetailResponse').xml = { name: 'AccountDetailResponse' };
    },
    expected: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML element renamed',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'name').xml = { name: 'accountName' };
    },
    expected: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML item element of an unwrapped array renamed',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').items = { ...ref('Quota'), xml: { name: 'quota' } };
    },
    expected: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML wrapper element of a wrapped array renamed',
    base: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true };
    },
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true, name: 'quotaList' };
    },
    expected: [['xml-name-changed', 'breaking']],
  },
  {
    name: 'XML array wrapped',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'quotas').xml = { wrapped: true };
    },
    expected: [['xml-wrapped-changed', 'breaking']],
  },
  {
    name: 'XML element made an attribute',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'id').xml = { attribute: true };
    },
    expected: [['xml-attribute-changed', 'breaking']],
  },
  {
    name: 'XML namespace added to a request root',
    mutate: (s) => {
      schema(s, 'GetAccountDetailRequest').xml = { name: 'GetAccountDetailRequest', namespace: 'https://df.apigw.ntruss.com/ns' };
    },
    expected: [['xml-namespace-changed', 'breaking']],
  },

  // Not changes
  { name: 'nothing changed', mutate: () => {}, expected: [] },
  {
    name: 'prose edited',
    mutate: (s) => {
      operation(s, GET_DETAIL).summary = 'Get one account';
      obj(props(s, 'GetAccountDetailRequest'), 'id').description = 'The account id.';
    },
    expected: [],
  },
  {
    name: 'xml.name spelled out with its default value',
    mutate: (s) => {
      obj(props(s, 'GetAccountDetailResponse'), 'name').xml = { name: 'name' };
    },
    expected: [],
  },
  {
    name: 'XML metadata changed in a JSON-only operation',
    mutate: (s) => {
      schema(s, 'ListLogicalNodesResponse').xml = { name: 'LogicalNodes' };
      obj(props(s, 'ListLogicalNodesResponse'), 'nodes').xml = { wrapped: true };
    },
    expected: [],
  },
];

describe('diffSpecs classifies each spec mutation', () => {
  test.each(cases)('$name', ({ base, mutate, expected }) => {
    const before = fixtureSpec();
    base?.(before);
    const after = structuredClone(before);
    mutate(after);
    expect(diffSpecs(before, after).map((c) => [c.rule, c.severity])).toEqual(expected);
  });

  test('every rule is exercised by at least one mutation', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map(([rule]) => rule)));
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule as RuleId))).toEqual([]);
  });
});
