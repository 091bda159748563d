import { pointerTokens } from '../../schemas/_shared/json-pointer.ts';
import { type AnyExample, acceptedStatuses, type NormalizedBody, type Operation } from '../../schemas/_shared/operation.ts';
import type { Service, SignerId } from '../../schemas/_shared/service.ts';
import { decodeXml, XmlCodecError, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { type BodyFormat, MEDIA_TYPE, representationOf } from '../format.ts';
import { authFinding } from './auth.ts';
import { type Finding, finding, show } from './finding.ts';
import { schemaFindings, unexpectedElements } from './schema.ts';
import { kindOf, schemaAt } from './schema-walk.ts';
import { transportFault } from './transport.ts';
import { compareValues, type ValuePolicy } from './values.ts';
import { xmlShapeFinding } from './xml-shape.ts';

export interface ReceivedResponse {
  status: number;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/** A response to check against the operation alone: an exchange seen in traffic, with no example to compare it with. */
export interface ExchangeCheckInput {
  service: Service;
  operation: Operation;
  /** The format the request asked for (Accept) and was sent in (Content-Type). */
  format: BodyFormat;
  response: ReceivedResponse;
  signer: SignerId;
  /** How many times the request went out, for the message of a response that could not be checked. */
  attempts?: number;
}

export interface CheckInput extends ExchangeCheckInput {
  example: AnyExample;
  values: ValuePolicy;
}

const MAX_BODY_SHOWN = 200;

/** `application/xml; charset=utf-8` → its format; media types with a `+json`/`+xml` suffix count as the base format. */

export type Decoded =
  /** `findings`: what decoding saw beside the value: XML arrays in another layout, elements the schema does not know. */
  { ok: true; value: unknown; root?: string | undefined; findings: Finding[] } | { ok: false; finding: Finding };

/** A body as the format carries it: JSON parsed, XML decoded by the schema (numbers and booleans coerced). */
export function decodeBody(body: NormalizedBody, format: BodyFormat, text: string): Decoded {
  if (format === 'json') {
    try {
      return { ok: true, value: JSON.parse(text), findings: [] };
    } catch (error) {
      const why = text.trim() === '' ? 'the body is empty' : (error as Error).message;
      return { ok: false, finding: finding('body-decode', '', 'JSON', show(text), `response body is not JSON: ${why}`) };
    }
  }
  try {
    const decoded = decodeXml(body.xmlSchema, text);
    const findings = [...decoded.shape.map(xmlShapeFinding), ...unexpectedElements(decoded.unknown)];
    return { ok: true, value: decoded.value, root: decoded.root, findings };
  } catch (error) {
    if (!(error instanceof XmlCodecError)) {
      throw error;
    }
    const pointer = error.pointer ?? '';
    if (error.code === 'XML_TYPE_MISMATCH') {
      // In XML every leaf is text; text that does not read as the schema's type is a type change, like a string in JSON.
      const field = schemaAt(body.xmlSchema, undefined, pointerTokens(pointer));
      return {
        ok: false,
        finding: finding(
          'response-type-changed',
          pointer,
          field ? kindOf(field) : 'the schema type',
          'string',
          `${pointer || '/'}: ${error.message}`,
        ),
      };
    }
    return {
      ok: false,
      finding: finding('body-decode', pointer, 'XML', error.code, `response body is not readable XML: ${error.message}`),
    };
  }
}

/** Whether the body is exactly the documented one, in whatever format the server chose. */
function isDocumentedBody(documented: NormalizedBody | undefined, contentType: string | undefined, text: string): boolean {
  const format = representationOf(contentType);
  if (documented === undefined || (format !== 'json' && format !== 'xml')) {
    return false;
  }
  const decoded = decodeBody(documented, format, text);
  const schema = format === 'json' ? documented.schema : documented.xmlSchema;
  return decoded.ok && !decoded.findings.some((f) => f.severity === 'error') && schema.safeParse(decoded.value).success;
}

function statusFinding(accepted: readonly number[], actual: number, text: string): Finding {
  const said = text.trim().slice(0, MAX_BODY_SHOWN);
  const expected = accepted.join(' or ');
  return finding('status-code', '', expected, String(actual), `expected HTTP ${expected}, got ${actual}${said === '' ? '' : `: ${said}`}`);
}

/** The example's body as the response should carry it in this format. */
function expectedValue(body: NormalizedBody, format: BodyFormat, example: unknown): unknown {
  if (format === 'json') {
    return example;
  }
  const parsed = body.schema.safeParse(example);
  return body.fromJson(parsed.success ? parsed.data : example);
}

/** The decoded body a contract check accepted the shape of, for the checks that compare its values. */
interface Checked {
  findings: Finding[];
  decoded?: { body: NormalizedBody; value: unknown };
}

/**
 * Every check but the example's values, in order; a check whose premise failed (wrong status, unreadable body)
 * stops the ones after it. `accepted`: the statuses the response may have; `expectedStatus`: the one a gateway's
 * refusal or fault is told apart from.
 */
function checkContract(input: ExchangeCheckInput, expectedStatus: number, accepted: readonly number[]): Checked {
  const { service, operation, format, response } = input;
  const text = response.body.toString('utf8');
  const contentType = response.headers['content-type'];
  const documented = operation.responses.find((r) => r.status === response.status);

  const fault = transportFault({
    expectedStatus,
    status: response.status,
    headers: response.headers,
    serviceBody: () => [documented?.body, service.errors.body].some((body) => isDocumentedBody(body, contentType, text)),
    attempts: input.attempts,
  });
  if (fault) {
    return { findings: [fault] };
  }
  const auth = authFinding({
    operation,
    expectedStatus,
    status: response.status,
    bodyText: text,
    documentedBody: () => isDocumentedBody(documented?.body, contentType, text),
    signer: input.signer,
  });
  if (auth) {
    return { findings: [auth] };
  }
  if (!accepted.includes(response.status)) {
    return { findings: [statusFinding(accepted, response.status, text)] };
  }
  const body = documented?.body;
  if (documented === undefined || body === undefined) {
    return { findings: [] };
  }
  const expectedType = documented.contentType ?? MEDIA_TYPE[format];
  const receivedFormat = representationOf(contentType);
  if (receivedFormat !== representationOf(expectedType)) {
    return {
      findings: [
        finding(
          'content-type',
          '',
          expectedType,
          contentType ?? 'none',
          `expected a ${expectedType} body, got ${contentType ?? 'no Content-Type'}`,
        ),
      ],
    };
  }
  if (receivedFormat === 'octet') {
    return { findings: [] };
  }

  const decoded = decodeBody(body, format, text);
  if (!decoded.ok) {
    return { findings: [decoded.finding] };
  }
  const findings: Finding[] = [];
  const root = format === 'xml' ? xmlRootName(body.xmlSchema) : undefined;
  if (root !== undefined && decoded.root !== root) {
    findings.push(
      finding('xml-root', '', `<${root}>`, `<${decoded.root ?? ''}>`, `the XML root element is <${decoded.root ?? ''}>, not <${root}>`),
    );
  }
  const schema = format === 'json' ? body.schema : body.xmlSchema;
  findings.push(...decoded.findings, ...schemaFindings(schema, decoded.value, { undeclared: format === 'json' }));
  const checked = body.schema === service.errors.body.schema ? findings.map(asEnvelopeFinding) : findings;
  return { findings: checked, decoded: { body, value: decoded.value } };
}

/** Every check, in order, then the example's values; values are compared only once the body has the schema's shape. */
export function checkResponse(input: CheckInput): Finding[] {
  const { example, format, response } = input;
  // An example may declare other statuses that mean the same outcome (a gateway's 403 for a service's 404).
  const accepted = acceptedStatuses(example);
  const expectedStatus = accepted.includes(response.status) ? response.status : example.response.status;
  const { findings, decoded } = checkContract(input, expectedStatus, accepted);
  // Under an equivalent status the body is checked against that status's documented schema only: the example's
  // values are those of its own status's answer.
  if (decoded === undefined || findings.some((f) => f.severity === 'error') || response.status !== example.response.status) {
    return findings;
  }
  return [...findings, ...compareValues(expectedValue(decoded.body, format, example.response.body), decoded.value, input.values)];
}

/** 429 and 5xx: the upstream could not serve the request, so nothing about the contract can be learnt from the answer. */
function upstreamFault(status: number): Finding | undefined {
  if (status !== 429 && status < 500) {
    return undefined;
  }
  return finding(
    'transport',
    '',
    'a response from the service',
    `HTTP ${status}`,
    `HTTP ${status}: the upstream failed or is throttling, so nothing was checked (not drift)`,
  );
}

/**
 * An exchange seen in traffic, without an example: the status must be one the operation documents, then the
 * same checks as `checkResponse` against that status's body; values are checked only as far as the schema's shape.
 */
export function checkExchange(input: ExchangeCheckInput): Finding[] {
  const fault = upstreamFault(input.response.status);
  if (fault) {
    return [fault];
  }
  const statuses = input.operation.responses.map((r) => r.status);
  // Refusals are told apart from success, as in a live run: any 401, or a gateway's refusal code under any status.
  const success = statuses.find((status) => status >= 200 && status < 300) ?? 200;
  return checkContract(input, success, statuses).findings;
}

/** An error reply that breaks its schema breaks the service's error envelope, one rule for every such problem. */
function asEnvelopeFinding(f: Finding): Finding {
  return f.severity === 'error'
    ? finding('error-envelope', f.pointer, f.expected, f.actual, `error body is not the documented envelope: ${f.message}`)
    : f;
}
