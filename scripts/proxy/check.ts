import type { z } from 'zod';
import { checkExchange, type ReceivedResponse } from '../../contract-tests/checks/check-response.ts';
import { type Finding, finding } from '../../contract-tests/checks/finding.ts';
import { schemaFindings, unexpectedElements } from '../../contract-tests/checks/schema.ts';
import type { CompiledOperation, CompiledService } from '../../contract-tests/contract/compile.ts';
import { decodeBody } from '../../contract-tests/contract/decode.ts';
import { MockRequestError } from '../../contract-tests/contract/errors.ts';
import { bodyKind, negotiate } from '../../contract-tests/contract/negotiate.ts';
import { decodeParams } from '../../contract-tests/contract/pipeline.ts';
import type { BodyFormat } from '../../contract-tests/format.ts';
import type { Shape } from '../../contract-tests/history/record.ts';
import { observeShape } from '../../contract-tests/history/shape.ts';
import type { Service, SignerId } from '../../schemas/_shared/service.ts';
import { SIGNERS } from '../../schemas/_shared/signing/index.ts';

/** A request as the proxy saw it, routed to its operation. */
export interface SeenRequest {
  op: CompiledOperation;
  /** Path parameters as the router matched them, still percent-encoded. */
  params: [string, string][];
  /** The query string, without `?`. */
  query: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Undefined when there was none, or it was over the limit and streamed through unchecked. */
  body: Buffer | undefined;
}

/** Where a request finding points: `/body/quotas/0`, `/query/limit`, `/params/node_id`, `/headers/X-Language`. */
type Place = 'params' | 'query' | 'headers' | 'body';

/** Schema findings about a request, under the request's own rule ids, pointing into the request. */
function asRequestFindings(place: Place, findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const pointer = `/${place}${f.pointer}`;
    const message = `request ${place}: ${f.message}`;
    return f.rule === 'response-unexpected-field'
      ? finding('request-unexpected-field', pointer, f.expected, f.actual, message.replace(' (additive drift)', ''))
      : finding('request-invalid', pointer, f.expected, f.actual, message);
  });
}

function validate(place: Place, schema: z.ZodType | undefined, value: unknown, undeclared: boolean): Finding[] {
  return schema === undefined ? [] : asRequestFindings(place, schemaFindings(schema, value, { undeclared }));
}

function unreadable(place: Place, error: unknown): Finding[] {
  if (!(error instanceof MockRequestError)) {
    throw error;
  }
  return [finding('request-invalid', `/${place}`, `a ${place} the operation reads`, 'unreadable', `request ${place}: ${error.message}`)];
}

/**
 * A request the upstream accepted, against the operation's request schemas, read with the mock's own readers
 * (path, query, headers, JSON or XML body). Only accepted requests are judged: refusing a request the schema
 * rejects is what the contract says a server does (the vendors document such refusals), while accepting one
 * means the server and the contract disagree about what is valid: the schema is out of date, or the caller
 * relies on leniency nobody promised. A field the schema does not declare is a warning, as in a response.
 */
export function requestFindings(request: SeenRequest, bodyLimit: number): Finding[] {
  const { op } = request;
  const schemas = op.operation.request;
  const findings: Finding[] = [];
  try {
    findings.push(...validate('params', schemas.params, op.readParams?.(decodeParams(request.params)), false));
  } catch (error) {
    findings.push(...unreadable('params', error));
  }
  findings.push(...validate('query', schemas.query, op.readQuery?.(new URLSearchParams(request.query)), true));
  findings.push(...validate('headers', schemas.headers, op.readHeaders?.(request.headers), false));
  if (op.body !== undefined && request.body !== undefined) {
    try {
      const decoded = decodeBody(op, request.headers['content-type'], request.body, bodyLimit);
      const format = decoded?.format ?? 'json';
      findings.push(...validate('body', format === 'xml' ? op.body.xml : op.body.json, decoded?.value, format === 'json'));
      // JSON's undeclared fields are found by the schema walk above; XML's by the decoder, which skipped them.
      findings.push(...asRequestFindings('body', unexpectedElements(decoded?.unknown ?? [])));
    } catch (error) {
      findings.push(...unreadable('body', error));
    }
  }
  return findings;
}

function formatOf(op: CompiledOperation, contentType: string | undefined): BodyFormat | undefined {
  const kind = contentType === undefined ? undefined : bodyKind(contentType);
  return kind !== undefined && 'format' in kind && op.service.formats.includes(kind.format) ? kind.format : undefined;
}

/**
 * The format an exchange is held to and filed under: the response's when the caller accepts it (a caller without
 * a preference takes either), else the one the caller asked for, which the response then fails to be; for an
 * answer that is neither (a keytab file), the format the request was sent in.
 */
export function exchangeFormat(
  op: CompiledOperation,
  accept: string | undefined,
  requestType: string | undefined,
  responseType: string | undefined,
): BodyFormat {
  const received = formatOf(op, responseType);
  if (received !== undefined && negotiate(accept, [received]) !== undefined) {
    return received;
  }
  const structured = op.service.formats.filter((format): format is BodyFormat => format !== 'octet');
  const asked = negotiate(accept, structured) ?? formatOf(op, requestType);
  return asked === 'xml' ? 'xml' : 'json';
}

/** The scheme a refusal's hint speaks of: the one the proxy signed with, else the one the caller's headers carry. */
export function signerOf(service: Service, headers: Record<string, string>, resignedWith: SignerId | undefined): SignerId {
  const { signers } = service;
  return resignedWith ?? signers.find((id) => signers.length > 1 && SIGNERS[id].appliesTo(headers)) ?? (signers[0] as SignerId);
}

/** The response against the operation (documented status, Content-Type, XML root and shape, schema). */
export function responseFindings(op: CompiledOperation, format: BodyFormat, response: ReceivedResponse, signer: SignerId): Finding[] {
  return checkExchange({ service: op.service.service, operation: op.operation, format, signer, response });
}

/** One exchange as plain data: what the checks read once the answer was forwarded, and nothing of the sockets. */
export interface SeenExchange {
  service: string;
  /** Undefined when no documented operation has this method and path. */
  operationId: string | undefined;
  method: string;
  pathname: string;
  /** Path parameters as the router matched them, still percent-encoded. */
  params: [string, string][];
  query: string;
  /** Lower-case names, repeated fields joined. */
  requestHeaders: Record<string, string>;
  /** Undefined when over the limit (see `requestOverLimit`), or not to be checked (no operation). */
  requestBody: Buffer | undefined;
  requestOverLimit: boolean;
  /** Null when no response arrived. */
  status: number | null;
  responseHeaders: ReceivedResponse['headers'];
  /** Undefined when over the limit (see `responseOverLimit`) or when no response arrived. */
  responseBody: Buffer | undefined;
  responseOverLimit: boolean;
  /** Why no whole response arrived (`CLIENT_*` code and message). */
  error: { code: string; message: string } | undefined;
  /** The scheme a refusal's hint speaks of (see `signerOf`). */
  signer: SignerId;
  /** Not forwarded by the proxy itself (`--resign` without `--allow-unsafe`): why. */
  refused?: string | undefined;
}

export interface CheckedExchange {
  /** The body format the response was held to. */
  format: BodyFormat;
  findings: Finding[];
  /** `--history`: what the answer looked like (see contract-tests/history/shape.ts). */
  shape?: Shape;
}

/** The observed shape of a documented operation's whole answer, for `--history`; undefined for anything else. */
export function shapeOfSeen(contract: Contract, seen: SeenExchange, format: BodyFormat, secrets: readonly string[]): Shape | undefined {
  const op = seen.operationId === undefined ? undefined : contract.operations.get(`${seen.service} ${seen.operationId}`);
  if (op === undefined || seen.status === null || seen.responseBody === undefined || seen.error !== undefined) {
    return undefined;
  }
  return observeShape(op.operation, format, { status: seen.status, headers: seen.responseHeaders, body: seen.responseBody }, secrets);
}

/** What the checks run against: every compiled operation of the proxied services, and each service. */
export interface Contract {
  operations: ReadonlyMap<string, CompiledOperation>;
  services: ReadonlyMap<string, CompiledService>;
  bodyLimit: number;
}

export function contractOf(operations: readonly CompiledOperation[], services: readonly CompiledService[], bodyLimit: number): Contract {
  return {
    operations: new Map(operations.map((op) => [`${op.service.service.id} ${op.operation.operationId}`, op])),
    services: new Map(services.map((service) => [service.service.id, service])),
    bodyLimit,
  };
}

function unchecked(where: 'request' | 'response', limit: number): Finding {
  return finding(
    'unchecked-large-body',
    where === 'request' ? '/body' : '',
    `at most ${limit} bytes`,
    'more',
    `the ${where} body is over ${limit} bytes: streamed through, not checked (--body-limit raises the limit)`,
  );
}

function undocumented(service: string, method: string, pathname: string): Finding {
  return finding(
    'undocumented-operation',
    '',
    `an operation of ${service}`,
    `${method} ${pathname}`,
    `${method} ${pathname} is no documented operation of ${service}: forwarded, not checked`,
  );
}

/**
 * A 413 or 415 the operation does not document, answering a request that earned it: a body over the limit (the
 * proxy's, which any gateway's is likely below) or a Content-Type the service does not take. The upstream was
 * right to refuse; that is the caller's mistake to fix, not drift of the contract. Any other 413/415 stays drift.
 */
function callerMistake(op: CompiledOperation, seen: SeenExchange): Finding | undefined {
  if ((seen.status !== 413 && seen.status !== 415) || op.operation.responses.some((r) => r.status === seen.status)) {
    return undefined;
  }
  const contentType = seen.requestHeaders['content-type'];
  const kind = contentType === undefined ? undefined : bodyKind(contentType);
  const taken = kind !== undefined && 'format' in kind && op.service.formats.includes(kind.format);
  const why =
    seen.status === 413
      ? seen.requestOverLimit && "the request body is over the proxy's --body-limit"
      : contentType !== undefined &&
        !taken &&
        `Content-Type ${contentType} is not one ${op.service.service.id} takes (${op.service.accepts})`;
  if (!why) {
    return undefined;
  }
  return finding(
    'caller-mistake',
    '',
    'a request the operation takes',
    `HTTP ${seen.status}`,
    `the upstream refused the caller's request with ${seen.status}, rightly: ${why}; fix the caller, not the contract`,
  );
}

/** Every finding of one exchange: what the request was, what came back, and what could not be looked at. */
export function checkSeen(contract: Contract, seen: SeenExchange): CheckedExchange {
  const op = seen.operationId === undefined ? undefined : contract.operations.get(`${seen.service} ${seen.operationId}`);
  const headers = seen.requestHeaders;
  const findings: Finding[] = [];
  if (seen.refused !== undefined) {
    const service = contract.services.get(seen.service);
    const format = negotiate(headers.accept, service?.formats ?? ['json']) === 'xml' ? 'xml' : 'json';
    return { format, findings: [finding('proxy-refused', '', 'not forwarded', `${seen.method} ${seen.pathname}`, seen.refused)] };
  }
  if (op === undefined) {
    const service = contract.services.get(seen.service);
    findings.push(undocumented(seen.service, seen.method, seen.pathname));
    if (seen.error) {
      findings.push(finding('transport', '', 'a response', seen.error.code, seen.error.message));
    }
    return { format: negotiate(headers.accept, service?.formats ?? ['json']) === 'xml' ? 'xml' : 'json', findings };
  }
  const format = exchangeFormat(op, headers.accept, headers['content-type'], seen.responseHeaders['content-type']);
  if (seen.requestOverLimit) {
    findings.push(unchecked('request', contract.bodyLimit));
  } else if (seen.status !== null && seen.status >= 200 && seen.status < 300) {
    const request = { op, params: seen.params, query: seen.query, headers, body: seen.requestBody };
    findings.push(...requestFindings(request, contract.bodyLimit));
  }
  const mistake = callerMistake(op, seen);
  if (mistake !== undefined) {
    return { format, findings: [...findings, mistake] };
  }
  if (seen.error) {
    findings.push(finding('transport', '', 'a response', seen.error.code, seen.error.message));
  } else if (seen.responseOverLimit) {
    findings.push(unchecked('response', contract.bodyLimit));
  } else if (seen.status !== null && seen.responseBody !== undefined) {
    const response = { status: seen.status, headers: seen.responseHeaders, body: seen.responseBody };
    findings.push(...responseFindings(op, format, response, seen.signer));
  }
  return { format, findings };
}
