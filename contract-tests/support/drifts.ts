import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { encodeXml, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import type { Rule, Severity } from '../checks/finding.ts';
import { type BodyFormat, MEDIA_TYPE } from '../format.ts';

/** A response as a server writes it. */
export interface Served {
  status: number;
  contentType: string;
  body: string;
}

export function operationOf(service: Service, operationId: string): Operation {
  const operation = service.operations.find((op) => op.operationId === operationId);
  if (!operation) {
    throw new Error(`${service.id} has no operation ${operationId}`);
  }
  return operation;
}

export function exampleOf(operation: Operation, name: string): AnyExample {
  const example = operation.examples.find((e) => e.name === name);
  if (!example) {
    throw new Error(`${operation.operationId} has no example ${name}`);
  }
  return example;
}

/** What a faithful server answers: the example's body in the format asked for, as the XML codec writes it. */
export function serve(operation: Operation, format: BodyFormat, status: number, body: unknown): Served {
  const documented = operation.responses.find((r) => r.status === status)?.body;
  if (format === 'json' || documented === undefined) {
    return { status, contentType: MEDIA_TYPE.json, body: JSON.stringify(body) };
  }
  const parsed = documented.schema.parse(body);
  const xml = encodeXml(documented.xmlSchema, documented.fromJson(parsed), xmlRootName(documented.xmlSchema) as string, {
    declaration: true,
  });
  return { status, contentType: MEDIA_TYPE.xml, body: xml };
}

/** Every `<from>` element renamed `<to>`. */
function renamed(xml: string, from: string, to: string): string {
  return xml.replaceAll(`<${from}>`, `<${to}>`).replaceAll(`</${from}>`, `</${to}>`);
}

/** The first run of repeated `<element>`s, changed by `change`. */
function changeRun(xml: string, element: string, change: (run: string) => string): string {
  return xml.replace(new RegExp(`(?:<${element}>.*?</${element}>)+`, 's'), change);
}

/** `<quotas>a</quotas><quotas>b</quotas>` → `<quotas><quota>a</quota><quota>b</quota></quotas>`. */
function wrapRepeated(xml: string, element: string, item: string): string {
  return changeRun(xml, element, (run) => `<${element}>${renamed(run, element, item)}</${element}>`);
}

/** A faithful XML answer, edited. */
function xmlDrift(edit: (xml: string) => string): Drift['respond'] {
  return (op, body, status) => {
    const served = serve(op, 'xml', status, body);
    return { ...served, body: edit(served.body) };
  };
}

/** A faithful JSON answer from an edited body. */
function jsonDrift(edit: (body: Record<string, unknown>) => void): Drift['respond'] {
  return (op, body, status) => {
    edit(body);
    return serve(op, 'json', status, body);
  };
}

export interface Drift {
  name: string;
  service: string;
  operationId: string;
  example: string;
  format: BodyFormat;
  /** The drifted response, from a copy of the example's response body. */
  respond: (operation: Operation, body: Record<string, unknown>, status: number) => Served;
  /** The finding that must name the drift. */
  expect: { rule: Rule; severity: Severity; pointer: string };
}

type Quota = Record<string, unknown>;
const quotas = (body: Record<string, unknown>) => body.quotas as Quota[];

/**
 * The drift table of issue 8, each a small change to a faithful Data Forest response. Read operations only, so
 * a live-mode run sends every one of them.
 */
export const DRIFTS: Drift[] = [
  {
    service: 'ncp-dataforest',
    name: 'missing field',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      delete quotas(body)[0]?.namespace;
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas/0/namespace' },
  },
  {
    service: 'ncp-dataforest',
    name: 'missing field',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => {
      const served = serve(op, 'xml', status, body);
      return { ...served, body: served.body.replace(/<namespace>[^<]*<\/namespace>/, '') };
    },
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas/0/namespace' },
  },
  {
    service: 'ncp-dataforest',
    name: 'type change',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      (quotas(body)[0] as Quota).spaceTb = '200 TB';
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-type-changed', severity: 'error', pointer: '/quotas/0/spaceTb' },
  },
  {
    service: 'ncp-dataforest',
    name: 'type change',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => {
      const served = serve(op, 'xml', status, body);
      return { ...served, body: served.body.replace(/<spaceTb>\d+<\/spaceTb>/, '<spaceTb>200 TB</spaceTb>') };
    },
    expect: { rule: 'response-type-changed', severity: 'error', pointer: '/quotas/0/spaceTb' },
  },
  {
    service: 'ncp-dataforest',
    name: 'renamed field',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => {
      const served = serve(op, 'xml', status, body);
      return { ...served, body: served.body.replaceAll('<namespace>', '<nameSpace>').replaceAll('</namespace>', '</nameSpace>') };
    },
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas/0/namespace' },
  },
  {
    service: 'ncp-dataforest',
    name: 'new enum value',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => serve(op, 'json', status, { ...body, status: 'SUSPENDED' }),
    expect: { rule: 'response-enum-value', severity: 'error', pointer: '/status' },
  },
  {
    service: 'ncp-dataforest',
    name: 'other status',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: (op) => serve(op, 'json', 500, ncpDataforest.errors.make(500, 'unexpected error')),
    expect: { rule: 'status-code', severity: 'error', pointer: '' },
  },
  {
    service: 'ncp-dataforest',
    name: 'JSON where XML was asked',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => serve(op, 'json', status, body),
    expect: { rule: 'content-type', severity: 'error', pointer: '' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array wrapped in its own name',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => {
      const served = serve(op, 'xml', status, body);
      return { ...served, body: wrapRepeated(served.body, 'quotas', 'quota') };
    },
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'wrong error envelope',
    operationId: 'appsGetDetail',
    example: 'no-such-app',
    format: 'json',
    respond: (op, _body, status) => serve(op, 'json', status, { code: status, msg: 'no such element' }),
    expect: { rule: 'error-envelope', severity: 'error', pointer: '/error' },
  },
  {
    service: 'ncp-dataforest',
    name: 'extra field',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => serve(op, 'json', status, { ...body, region: 'KR' }),
    expect: { rule: 'response-unexpected-field', severity: 'warning', pointer: '/region' },
  },
  // Issue 18: every way an array can change shape, in both formats (JSON first, then its XML counterpart).
  {
    service: 'ncp-dataforest',
    name: 'array removed',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: jsonDrift((body) => {
      delete body.quotas;
    }),
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array removed',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => changeRun(xml, 'quotas', () => '')),
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array renamed',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: jsonDrift((body) => {
      body.quota = body.quotas;
      delete body.quotas;
    }),
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array renamed',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => renamed(xml, 'quotas', 'quota')),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array under a new wrapper',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: jsonDrift((body) => {
      body.quotasList = { quotas: body.quotas };
      delete body.quotas;
    }),
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array under a new wrapper',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => changeRun(xml, 'quotas', (run) => `<quotasList>${run}</quotasList>`)),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array wrapped in its own name',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: jsonDrift((body) => {
      body.quotas = { quota: body.quotas };
    }),
    expect: { rule: 'response-type-changed', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array written as a single item',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'json',
    respond: jsonDrift((body) => {
      body.quotas = quotas(body)[0];
    }),
    expect: { rule: 'response-type-changed', severity: 'error', pointer: '/quotas' },
  },
  {
    service: 'ncp-dataforest',
    name: 'nested array renamed',
    operationId: 'appsGetDetail',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => renamed(xml, 'containers', 'container')),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/components/0/containers' },
  },
  {
    service: 'ncp-dataforest',
    name: 'nested array under a new wrapper',
    operationId: 'appsGetDetail',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => changeRun(xml, 'containers', (run) => `<containerList>${run}</containerList>`)),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/components/0/containers' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array of strings renamed',
    operationId: 'appsGetAppTypeIdList',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => renamed(xml, 'contents', 'content')),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/contents' },
  },
  {
    service: 'ncp-dataforest',
    name: 'array of strings wrapped in its own name',
    operationId: 'appsGetAppTypeIdList',
    example: 'default',
    format: 'xml',
    respond: xmlDrift((xml) => wrapRepeated(xml, 'contents', 'appTypeId')),
    expect: { rule: 'xml-shape', severity: 'error', pointer: '/contents' },
  },
  {
    service: 'ncp-dataforest',
    name: 'extra element',
    operationId: 'accountsGetDetail',
    example: 'default',
    format: 'xml',
    respond: (op, body, status) => {
      const served = serve(op, 'xml', status, body);
      return { ...served, body: served.body.replace('</quotas>', '<replicas>3</replicas></quotas>') };
    },
    expect: { rule: 'response-unexpected-field', severity: 'warning', pointer: '/quotas/0/replicas' },
  },
];

type Node = Record<string, unknown>;
const nodes = (body: Record<string, unknown>) => body.nodes as Node[];
const huaweiError = (op: Operation, status: number, body: unknown) => serve(op, 'json', status, body);

/**
 * The drifts of the table that a JSON-only service can show, on Huawei DCS and DDS read operations (their error
 * envelope on a request-determined error, which a live run sends with a fresh id).
 */
export const HUAWEI_DRIFTS: Drift[] = [
  {
    service: 'huawei-dcs',
    name: 'missing field',
    operationId: 'showNodesInformation',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      delete nodes(body)[0]?.node_role;
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/nodes/0/node_role' },
  },
  {
    service: 'huawei-dcs',
    name: 'type change',
    operationId: 'showNodesInformation',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      (nodes(body)[0] as Node).node_port = 6379;
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-type-changed', severity: 'error', pointer: '/nodes/0/node_port' },
  },
  {
    service: 'huawei-dcs',
    name: 'renamed field',
    operationId: 'showNodesInformation',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      const node = nodes(body)[0] as Node;
      node.nodeIp = node.node_ip;
      delete node.node_ip;
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-missing-field', severity: 'error', pointer: '/nodes/0/node_ip' },
  },
  {
    service: 'huawei-dcs',
    name: 'new enum value',
    operationId: 'showNodesInformation',
    example: 'default',
    format: 'json',
    respond: (op, body, status) => {
      (nodes(body)[0] as Node).status = 'Rebooting';
      return serve(op, 'json', status, body);
    },
    expect: { rule: 'response-enum-value', severity: 'error', pointer: '/nodes/0/status' },
  },
  {
    service: 'huawei-dds',
    name: 'other status',
    operationId: 'listSessions',
    example: 'default',
    format: 'json',
    respond: (op) => huaweiError(op, 500, { error_code: 'DBS.280005', error_msg: 'Server error.' }),
    expect: { rule: 'status-code', severity: 'error', pointer: '' },
  },
  {
    service: 'huawei-dds',
    name: 'XML where JSON was asked',
    operationId: 'listInstances',
    example: 'default',
    format: 'json',
    respond: (_op, _body, status) => ({
      status,
      contentType: 'application/xml',
      body: '<ListInstancesResponse><total_count>1</total_count></ListInstancesResponse>',
    }),
    expect: { rule: 'content-type', severity: 'error', pointer: '' },
  },
  {
    service: 'huawei-dds',
    name: 'wrong error envelope',
    operationId: 'listSessions',
    example: 'no-such-node',
    format: 'json',
    respond: (op, _body, status) => huaweiError(op, status, { code: 'DBS.200013', message: 'The node does not exist.' }),
    expect: { rule: 'error-envelope', severity: 'error', pointer: '/error_code' },
  },
];
