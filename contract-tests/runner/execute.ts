import { checkResponse, decodeBody, type ReceivedResponse } from '../checks/check-response.ts';
import { type Finding, finding } from '../checks/finding.ts';
import { TRANSIENT_STATUSES } from '../checks/transport.ts';
import type { ValuePolicy } from '../checks/values.ts';
import type { Client } from '../client/client.ts';
import { ClientError } from '../client/errors.ts';
import { buildRequest, type PreparedRequest } from '../client/request.ts';
import { MEDIA_TYPE } from '../format.ts';
import { MOCK_HEADER } from '../mock-identity.ts';
import type { Result } from '../report/report.ts';
import type { Case } from './plan.ts';
import type { CaseValues } from './request-values.ts';
import type { Target } from './targets.ts';

export interface CaseContext {
  target: Target;
  client: Client;
  strict: boolean;
  allowUnsafe: boolean;
  signal?: AbortSignal | undefined;
  values?: CaseValues;
  /** Sees every answer that arrived, before it is checked (the history store keeps its shape). */
  onResponse?: ((item: Case, response: ReceivedResponse) => void) | undefined;
}

/**
 * Why a case does not run against this target, or undefined when it runs. The mock runs everything. Live, an
 * example whose answer depends on the account's state is never sent (no flag makes a run able to set that state
 * up), and a write or destructive operation only with --allow-unsafe.
 */
export function skipReason({ operation, example }: Case, target: Target, allowUnsafe: boolean): Finding | undefined {
  if (target.kind === 'mock') {
    return undefined;
  }
  if (example.outcome?.from === 'state') {
    const { status } = example.response;
    return finding(
      'state-dependent',
      '',
      'a response that follows from the request',
      `HTTP ${status} when ${example.outcome.why}`,
      `not sent: the documented HTTP ${status} depends on the account's state (${example.outcome.why}), which a live run cannot set up`,
    );
  }
  if (operation.safety === 'read' || allowUnsafe) {
    return undefined;
  }
  return finding(
    'unsafe-skipped',
    '',
    'safety: read',
    `safety: ${operation.safety}`,
    `not sent: ${operation.operationId} is a ${operation.safety} operation and ${target.baseUrl} is live; pass --allow-unsafe to run it`,
  );
}

/** What the request asks for: the documented response's own media type when it is not JSON/XML (a keytab file). */
function acceptFor({ operation, example, format }: Case): string {
  const documented = operation.responses.find((r) => r.status === example.response.status);
  return documented?.contentType ?? MEDIA_TYPE[format];
}

export function prepare(item: Case, target: Target, values: CaseValues): PreparedRequest {
  return buildRequest({
    baseUrl: target.baseUrl,
    operation: item.operation,
    request: values.request,
    format: item.format,
    accept: acceptFor(item),
    // Only the mock reads this; a live server gets exactly what a real client would send.
    headers: target.kind === 'mock' ? { prefer: `example=${item.example.name}` } : {},
  });
}

function policyFor(target: Target, values: CaseValues): ValuePolicy {
  const substituted = Object.fromEntries((values.substituted ?? []).map((field) => [field, 'shape' as const]));
  return { mode: target.kind === 'mock' ? 'exact' : 'shape', fields: substituted };
}

function statusOf(findings: readonly Finding[], strict: boolean): Result['status'] {
  return findings.some((f) => f.severity === 'error' || strict) ? 'failed' : 'passed';
}

/** A case's result, and the decoded body of its documented 200 response, which later requests may take values from. */
export interface Outcome {
  result: Result;
  body?: unknown;
}

/** What names a case's result in the report. */
function identity({ service, operation, example, format }: Case, valuesFrom: Result['valuesFrom'], targetKind: Target['kind']) {
  return {
    service: service.id,
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    example: example.name,
    format,
    valuesFrom,
    targetKind,
  };
}

/** The report row of a case that is not sent, with the reason as its one finding. */
export function skippedResult(item: Case, valuesFrom: Result['valuesFrom'], reason: Finding, targetKind: Target['kind']): Result {
  return { ...identity(item, valuesFrom, targetKind), status: 'skipped', httpStatus: null, durationMs: 0, attempts: 0, findings: [reason] };
}

/** The 200 body as the client decoded it (JSON or XML alike), for the values a later request takes from it. */
function readableBody(item: Case, response: ReceivedResponse): unknown {
  const documented = item.operation.responses.find((r) => r.status === response.status);
  if (response.status !== 200 || documented?.body === undefined || documented.contentType !== undefined) {
    return undefined;
  }
  const decoded = decodeBody(documented.body, item.format, response.body.toString('utf8'));
  return decoded.ok ? decoded.value : undefined;
}

/** Sends one case and checks the response; never throws for anything the target does. */
export async function executeCase(item: Case, context: CaseContext): Promise<Result> {
  return (await sendCase(item, context)).result;
}

/** executeCase, keeping the decoded 200 body. */
export async function sendCase(item: Case, context: CaseContext): Promise<Outcome> {
  const { target } = context;
  const values = context.values ?? { request: item.example.request, valuesFrom: 'example' };
  const skipped = skipReason(item, target, context.allowUnsafe);
  if (skipped) {
    return { result: skippedResult(item, values.valuesFrom, skipped, target.kind) };
  }
  const base = identity(item, values.valuesFrom, target.kind);
  const retryStatuses = TRANSIENT_STATUSES.filter((status) => status !== item.example.response.status);
  const started = performance.now();
  try {
    const request = prepare(item, target, values);
    const { response, attempts } = await context.client.send(request, {
      signing: target.signing,
      retry: item.operation.safety === 'read',
      retryStatuses,
      signal: context.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    context.onResponse?.(item, response);
    // A base URL taken as live that turns out to be an api-contracts mock verified nothing about the vendor.
    const targetKind = response.headers[MOCK_HEADER] === undefined ? target.kind : 'mock';
    const sent = { ...base, targetKind, httpStatus: response.status, durationMs, attempts };
    const findings = checkResponse({ ...item, response, values: policyFor(target, values), signer: target.signer, attempts });
    return { result: { ...sent, status: statusOf(findings, context.strict), findings }, body: readableBody(item, response) };
  } catch (error) {
    if (!(error instanceof ClientError)) {
      throw error;
    }
    if (error.code === 'CLIENT_ABORTED' && context.signal?.aborted) {
      const reason = finding('interrupted', '', 'a response', 'interrupted', 'interrupted (Ctrl-C) before the response arrived');
      return { result: { ...skippedResult(item, values.valuesFrom, reason, target.kind), attempts: error.attempts } };
    }
    const durationMs = Math.round(performance.now() - started);
    const transport = finding('transport', '', 'a response', error.code, error.message);
    return { result: { ...base, status: 'failed', httpStatus: null, durationMs, attempts: error.attempts, findings: [transport] } };
  }
}
