import type {
  LinkObject,
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from 'openapi3-ts/oas31';
import { describe, expect, test } from 'vitest';
import { isChained } from '../../schemas/_shared/operation.ts';
import { services } from '../../schemas/index.ts';
import { buildDocument } from './document.ts';

const documents = new Map(services.map((s) => [s.id, buildDocument(s)]));

function operations(doc: OpenAPIObject): [string, OperationObject][] {
  return Object.values(doc.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, OperationObject>).map((op) => [op.operationId ?? '?', op] as [string, OperationObject]),
  );
}

function content(op: OperationObject, where: 'request' | number): Record<string, MediaTypeObject> {
  const holder = where === 'request' ? op.requestBody : op.responses?.[String(where)];
  return ((holder as { content?: Record<string, MediaTypeObject> } | undefined)?.content ?? {}) as Record<string, MediaTypeObject>;
}

function schemaOf(doc: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined {
  if (schema && '$ref' in schema) {
    return doc.components?.schemas?.[(schema as ReferenceObject).$ref.split('/').pop() ?? ''] as SchemaObject | undefined;
  }
  return schema;
}

describe('each service document', () => {
  test.each([...documents])('%s is OpenAPI 3.1, names its generator and lists every operation once', (id, doc) => {
    const service = services.find((s) => s.id === id);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info['x-generated-by']).toMatch(/^api-contracts generate/);
    expect(operations(doc).map(([opId]) => opId)).toEqual(service?.operations.map((op) => op.operationId));
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(Object.keys(service?.securitySchemes ?? {}).sort());
  });

  test('is deterministic', () => {
    for (const service of services) {
      expect(JSON.stringify(buildDocument(service))).toBe(JSON.stringify(documents.get(service.id)));
    }
  });
});

describe('NCP Data Forest bodies come in JSON and XML', () => {
  const doc = documents.get('ncp-dataforest') as OpenAPIObject;
  const service = services.find((s) => s.id === 'ncp-dataforest');

  test.each(operations(doc))('%s: request and 200 response in both media types, with the same named examples', (opId, op) => {
    const model = service?.operations.find((o) => o.operationId === opId);
    const places: ('request' | number)[] = model?.request.body ? ['request', 200] : [200];
    for (const where of places) {
      const media = content(op, where);
      if ('application/octet-stream' in media) {
        continue;
      }
      expect(Object.keys(media).sort(), `${opId} ${where}`).toEqual(['application/json', 'application/xml']);
      const jsonNames = Object.keys(media['application/json']?.examples ?? {});
      expect(jsonNames.length, `${opId} ${where} has examples`).toBeGreaterThan(0);
      expect(Object.keys(media['application/xml']?.examples ?? {})).toEqual(jsonNames);
      const root = schemaOf(doc, media['application/xml']?.schema)?.xml?.name;
      expect(root, `${opId} ${where} names its XML root`).toBeTruthy();
      for (const example of Object.values(media['application/xml']?.examples ?? {})) {
        const xml = (example as { value: string }).value;
        expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<${root}`)).toBe(true);
      }
    }
  });

  test('the error envelope is documented for 400, 403, 404 and 500 with its <ErrorResponse> XML form', () => {
    const [, op] = operations(doc)[0] ?? [];
    for (const status of [400, 403, 404, 500]) {
      const media = content(op as OperationObject, status);
      expect(Object.keys(media).sort()).toEqual(['application/json', 'application/xml']);
      expect(schemaOf(doc, media['application/xml']?.schema)?.xml?.name).toBe('ErrorResponse');
    }
  });
});

describe('Huawei services are JSON only', () => {
  test.each(['huawei-dcs', 'huawei-dds'])('%s never offers application/xml', (id) => {
    expect(JSON.stringify(documents.get(id))).not.toContain('application/xml');
  });
});

describe('chained inputs are OpenAPI links on the source response', () => {
  function linksOf(serviceId: string, operationId: string): Record<string, LinkObject> {
    const found = operations(documents.get(serviceId) as OpenAPIObject).find(([id]) => id === operationId)?.[1];
    return ((found?.responses?.['200'] as ResponseObject | undefined)?.links ?? {}) as Record<string, LinkObject>;
  }

  test('a body field is a literal body holding the runtime expression', () => {
    const links = linksOf('ncp-dataforest', 'accountsGetList');
    expect(links.accountsGetDetail).toEqual({
      operationId: 'accountsGetDetail',
      description: '`body.id` of accountsGetDetail from this response.',
      requestBody: { id: '{$response.body#/contents/0/id}' },
    });
    expect(links.appsGetList?.requestBody).toEqual({ search: { accountId: '{$response.body#/contents/0/id}' } });
  });

  test('a parameter is a runtime expression, and the path parameters both share are passed along', () => {
    expect(linksOf('huawei-dds', 'listInstances').listSessions?.parameters).toEqual({
      'path.node_id': '$response.body#/instances/0/groups/0/nodes/0/id',
      'path.project_id': '$request.path.project_id',
    });
    expect(linksOf('huawei-dcs', 'showNodesInformation').listClients?.parameters).toEqual({
      'query.node_id': '$response.body#/nodes/0/node_id',
      'path.project_id': '$request.path.project_id',
      'path.instance_id': '$request.path.instance_id',
    });
  });

  test.each(services)('$id: every chained input has its link, and every link names an operation of the document', (service) => {
    const expected = service.operations.flatMap((op) =>
      op.inputs.flatMap(({ from }) => (isChained(from) ? [`${from.operationId} → ${op.operationId}`] : [])),
    );
    const ids = service.operations.map((op) => op.operationId);
    const linked = ids.flatMap((id) => Object.values(linksOf(service.id, id)).map((link) => `${id} → ${link.operationId}`));
    expect([...new Set(expected)].sort()).toEqual(linked.sort());
    expect(linked.every((link) => ids.includes(link.split(' → ')[1] as string))).toBe(true);
  });

  test('where a value only the values file can give is said in the operation description', () => {
    const [, op] = operations(documents.get('huawei-dcs') as OpenAPIObject).find(([id]) => id === 'listClients') ?? [];
    expect(op?.description).toContain('- `path.instance_id`: the values file (no operation of this catalog lists DCS instances)');
  });
});

describe('generation refuses a broken model', () => {
  test('an example that does not match its schema names the operation and the example', () => {
    const service = services.find((s) => s.id === 'ncp-dataforest');
    if (!service) {
      throw new Error('ncp-dataforest is missing');
    }
    const [op, ...rest] = service.operations;
    if (!op) {
      throw new Error('ncp-dataforest has no operation');
    }
    const broken = {
      ...op,
      examples: [{ ...op.examples[0], name: 'broken', summary: 'x', request: { body: { id: 42 } }, response: { status: 200, body: {} } }],
    };
    expect(() => buildDocument({ ...service, operations: [broken, ...rest] } as typeof service)).toThrowError(
      `ncp-dataforest ${op.operationId} [broken]: example does not match its schema at /name: Invalid input: expected string, received undefined`,
    );
  });
});
