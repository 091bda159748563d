import { isObject, type Node } from './openapi.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonAndXml = (name: string) => ({ 'application/json': { schema: ref(name) }, 'application/xml': { schema: ref(name) } });
/** A member of the NotificationTarget union: its `kind` tag and one field of its own. */
const notificationTarget = (field: string) => ({
  type: 'object',
  properties: { kind: { type: 'string' }, [field]: { type: 'string' } },
  required: ['kind', field],
});

/**
 * A small OpenAPI 3.1 document shaped like the generated specs, for the diff tests: NCP-style operations with
 * the same schema as JSON and XML, `xml.name` roots, an unwrapped array of objects, an enum used in a request
 * and a response, required fields, an error status, response headers and links; a Huawei-style JSON-only
 * operation with path and query parameters and a recursive schema; and `AccountSettings`, sent by
 * accountsUpdate and returned by accountsGetDetail, so one edit to it shows both directions at once (its
 * fields carry the constraint keywords, a default and a discriminated union). Returns a fresh copy, so tests
 * can mutate it.
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
            200: {
              description: 'The account.',
              headers: {
                'X-Request-Id': { required: true, schema: { type: 'string' } },
                'X-RateLimit-Remaining': { schema: { type: 'integer' } },
              },
              content: jsonAndXml('GetAccountDetailResponse'),
            },
            403: { description: 'Not yours, or no such account.', content: jsonAndXml('ErrorResponse') },
          },
        },
      },
      '/api/v2/accounts/update': {
        post: {
          operationId: 'accountsUpdate',
          summary: 'Change the settings of an account',
          'x-safety': 'write',
          requestBody: { required: true, content: jsonAndXml('UpdateAccountRequest') },
          responses: { 200: { description: 'Updated.', content: jsonAndXml('ErrorResponse') } },
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
            settings: ref('AccountSettings'),
          },
          required: ['success', 'id'],
          xml: { name: 'GetAccountDetailResponse' },
        },
        AccountSettings: {
          type: 'object',
          properties: {
            displayName: { type: 'string' },
            size: { type: 'integer' },
            tags: { type: 'array', items: { type: 'string' } },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            mode: { type: 'string', default: 'fast' },
            notify: ref('NotificationTarget'),
          },
        },
        NotificationTarget: {
          oneOf: [ref('EmailTarget'), ref('WebhookTarget')],
          discriminator: {
            propertyName: 'kind',
            mapping: { email: '#/components/schemas/EmailTarget', webhook: '#/components/schemas/WebhookTarget' },
          },
        },
        EmailTarget: notificationTarget('address'),
        WebhookTarget: notificationTarget('url'),
        SmsTarget: notificationTarget('phone'),
        UpdateAccountRequest: {
          type: 'object',
          properties: { id: { type: 'string' }, settings: ref('AccountSettings') },
          required: ['id', 'settings'],
          xml: { name: 'UpdateAccountRequest' },
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
