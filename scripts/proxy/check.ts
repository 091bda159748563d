import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { checkExchange, type ReceivedResponse } from '../../contract-tests/checks/check-response.ts';
import { type Finding, finding } from '../../contract-tests/checks/finding.ts';
import { schemaFindings } from '../../contract-tests/checks/schema.ts';
import type { Format } from '../../contract-tests/format.ts';
import type { SignerId } from '../../schemas/_shared/service.ts';
import { SIGNERS } from '../../schemas/_shared/signing/index.ts';
import type { CompiledOperation } from '../mock/compile.ts';
import { decodeBody } from '../mock/decode.ts';
import { MockRequestError } from '../mock/errors.ts';
import { bodyKind, negotiate } from '../mock/negotiate.ts';
import { decodeParams } from '../mock/pipeline.ts';

/** A request as the proxy saw it, routed to its operation. */
export interface SeenRequest {
  op: CompiledOperation;
  /** Path parameters as the router matched them, still percent-encoded. */
  params: [string, string][];
  /** The query string, without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  /** Undefined when it was over the limit and streamed through unchecked. */
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
      ? { ...f, rule: 'request-unexpected-field', pointer, message: message.replace('(additive drift)', '(not in the request schema)') }
      : { ...f, rule: 'request-invalid', pointer, message };
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
    } catch (error) {
      findings.push(...unreadable('body', error));
    }
  }
  return findings;
}

function formatOf(op: CompiledOperation, contentType: string | undefined): Format | undefined {
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
): Format {
  const received = formatOf(op, responseType);
  if (received !== undefined && negotiate(accept, [received]) !== undefined) {
    return received;
  }
  const structured = op.service.formats.filter((format): format is Format => format !== 'octet');
  const asked = negotiate(accept, structured) ?? formatOf(op, requestType);
  return asked === 'xml' ? 'xml' : 'json';
}

/** The scheme a refusal's hint speaks of: the one the proxy signed with, else the one the caller's headers carry. */
export function signerOf(op: CompiledOperation, headers: Record<string, string>, resignedWith: SignerId | undefined): SignerId {
  const { signers } = op.service.service;
  return resignedWith ?? signers.find((id) => SIGNERS[id].appliesTo(headers)) ?? (signers[0] as SignerId);
}

export interface SeenResponse extends Omit<ReceivedResponse, 'body'> {
  /** Undefined when it was over the limit and streamed through unchecked. */
  body: Buffer | undefined;
}

/** The response against the operation (documented status, Content-Type, XML root and shape, schema). */
export function responseFindings(op: CompiledOperation, format: Format, response: SeenResponse, signer: SignerId): Finding[] {
  if (response.body === undefined) {
    return [];
  }
  return checkExchange({
    service: op.service.service,
    operation: op.operation,
    format,
    signer,
    response: { ...response, body: response.body },
  });
}
