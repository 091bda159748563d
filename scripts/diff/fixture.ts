import { isObject, type Node } from './openapi.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonAndXml = (name: string) => ({ 'application/json': { schema: ref(name) }, 'application/xml': { schema: ref(name) } });

/**
 * A small OpenAPI 3.1 document shaped like the generated specs, for the diff tests: NCP-style operations with
 * the same schema as JSON and XML, `xml.name` roots, an unwrapped array of objects, an enum used in a request
 * and a response, required fields, an error status; and a Huawei-style JSON-only operation with path and query
 * parameters and a recursive schema. Returns a fresh copy, so tests can mutate it.
 */
export function fixtureSpec(): Node {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture API', version: '1.0.0' },
    security: [{ ncpApiGateway: [] }],
    paths: {
      '/api/v2/accounts/getDetail': {
        post: {
          operationId: 'accountsGetDetail',
          summary: 'Get an account',
          requestBody: { required: true, content: jsonAndXml('GetAccountDetailRequest') },
          responses: {
            200: { description: 'The account.', content: jsonAndXml('GetAccountDetailResponse') },
            403: { description: 'Not yours, or no such account.', content: jsonAndXml('ErrorResponse') },
          },
        },
      },
      '/api/v2/accounts/getList': {
        post: {
          operationId: 'accountsGetList',
          summary: 'List accounts',
          requestBody: { required: false, content: jsonAndXml('GetAccountListRequest') },
          responses: { 200: { description: 'The accounts.', content: jsonAndXml('GetAccountListResponse') } },
        },
      },
      '/v2/{project_id}/instances/{instance_id}/logical-nodes': {
        parameters: [
          { name: 'project_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'instance_id', in: 'path', required: true, schema: { type: 'string' } },
        ],
        get: {
          operationId: 'listLogicalNodes',
          summary: 'List the logical nodes of an instance',
          security: [{ huaweiAkSk: [] }],
          parameters: [{ name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } }],
          responses: {
            200: { description: 'The nodes.', content: { 'application/json': { schema: ref('ListLogicalNodesResponse') } } },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        ncpApiGateway: { type: 'apiKey', in: 'header', name: 'x-ncp-apigw-signature-v2' },
        huaweiAkSk: { type: 'apiKey', in: 'header', name: 'Authorization' },
      },
      schemas: {
        AccountStatus: { type: 'string', enum: ['ACCEPTED', 'RUNNING', 'CHANGING'] },
        Quota: {
          type: 'object',
          properties: { namespace: { type: 'string' }, fileCountMillion: { type: 'integer' }, spaceTb: { type: 'integer' } },
          required: ['namespace', 'fileCountMillion', 'spaceTb'],
        },
        GetAccountDetailRequest: {
          type: 'object',
          properties: { id: { type: 'string', description: 'Account id, from accounts getList.' } },
          required: ['id'],
          xml: { name: 'GetAccountDetailRequest' },
        },
        GetAccountDetailResponse: {
          type: 'object',
          properties: {
            success: { type: 'boolean' },
            message: { type: 'string' },
            id: { type: 'string' },
            name: { type: 'string' },
            status: ref('AccountStatus'),
            quotas: { type: 'array', items: ref('Quota'), xml: { wrapped: false } },
          },
          required: ['success', 'id'],
          xml: { name: 'GetAccountDetailResponse' },
        },
        GetAccountListRequest: {
          type: 'object',
          properties: { status: ref('AccountStatus'), limit: { type: 'integer', minimum: 1 } },
          xml: { name: 'GetAccountListRequest' },
        },
        AccountSummary: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, status: ref('AccountStatus') },
          required: ['id'],
        },
        GetAccountListResponse: {
          type: 'object',
          properties: {
            success: { type: 'boolean' },
            total: { type: 'integer' },
            contents: { type: 'array', items: ref('AccountSummary') },
          },
          required: ['success', 'total', 'contents'],
          xml: { name: 'GetAccountListResponse' },
        },
        ErrorResponse: {
          type: 'object',
          properties: { message: { type: 'string' }, success: { type: 'boolean' } },
          required: ['message', 'success'],
          xml: { name: 'ErrorResponse' },
        },
        LogicalNode: {
          type: 'object',
          properties: { node_id: { type: 'string' }, children: { type: 'array', items: ref('LogicalNode') } },
          required: ['node_id'],
        },
        ListLogicalNodesResponse: {
          type: 'object',
          properties: { nodes: { type: 'array', items: ref('LogicalNode') } },
          required: ['nodes'],
        },
      },
    },
  };
}

/** The object at `keys` (array indexes included) inside `node`; throws on a typo so a test never edits a detached copy. */
export function at(node: Node, ...keys: string[]): Node {
  let current: unknown = node;
  for (const key of keys) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  if (!isObject(current)) {
    throw new Error(`fixture has no ${keys.join('.')}`);
  }
  return current;
}
