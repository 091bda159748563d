import type { AnyExample } from '../../schemas/_shared/operation.ts';
import { checkResponse } from '../checks/check-response.ts';
import { type Finding, finding } from '../checks/finding.ts';
import type { ValuePolicy } from '../checks/values.ts';
import type { Client } from '../client/client.ts';
import { ClientError } from '../client/errors.ts';
import { buildRequest, type PreparedRequest } from '../client/request.ts';
import { MEDIA_TYPE } from '../format.ts';
import type { Case } from './plan.ts';
import type { Result } from './report.ts';
import type { Target } from './targets.ts';

/** Statuses a read is retried on (throttling, a gateway's momentary refusal) unless the example documents them. */
const TRANSIENT_STATUSES = [429, 503];

/**
 * The request values of a case and where they came from. The example's own, for now; values files and
 * chained reads (values taken from another operation's live response) plug in here.
 */
export interface CaseValues {
  request: AnyExample['request'];
  valuesFrom: Result['valuesFrom'];
  /** Fields whose values were substituted: compared by shape, since the example's value no longer applies. */
  substituted?: readonly string[];
}

export interface CaseContext {
  target: Target;
  client: Client;
  strict: boolean;
  allowUnsafe: boolean;
  signal?: AbortSignal | undefined;
  values?: CaseValues;
}

/** Why a case does not run against this target, or undefined when it runs. */
export function skipReason({ operation }: Case, target: Target, allowUnsafe: boolean): Finding | undefined {
  if (target.kind === 'mock' || operation.safety === 'read' || allowUnsafe) {
    return undefined;
  }
  return finding(
    'unsafe-skipped',
    '',
    'safety: read',
    `safety: ${operation.safety}`,
    `not sent: ${operation.operationId} is a ${operation.safety} operation and ${target.baseUrl} is live; pass --allow-unsafe to run it`,
    'warning',
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

/** Sends one case and checks the response; never throws for anything the target does. */
export async function executeCase(item: Case, context: CaseContext): Promise<Result> {
  const { service, operation, example, format } = item;
  const { target } = context;
  const values = context.values ?? { request: example.request, valuesFrom: 'example' };
  const base = {
    service: service.id,
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    example: example.name,
    format,
    valuesFrom: values.valuesFrom,
  };
  const skipped = skipReason(item, target, context.allowUnsafe);
  if (skipped) {
    return { ...base, status: 'skipped', httpStatus: null, durationMs: 0, attempts: 0, findings: [skipped] };
  }
  const started = performance.now();
  try {
    const request = prepare(item, target, values);
    const { response, attempts } = await context.client.send(request, {
      signing: target.signing,
      retry: operation.safety === 'read',
      retryStatuses: TRANSIENT_STATUSES.filter((status) => status !== example.response.status),
      signal: context.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    const findings = checkResponse({ ...item, response, values: policyFor(target, values), signer: target.signer });
    return { ...base, status: statusOf(findings, context.strict), httpStatus: response.status, durationMs, attempts, findings };
  } catch (error) {
    if (!(error instanceof ClientError)) {
      throw error;
    }
    const durationMs = Math.round(performance.now() - started);
    const transport = finding('transport', '', 'a response', error.code, error.message);
    return { ...base, status: 'failed', httpStatus: null, durationMs, attempts: error.attempts, findings: [transport] };
  }
}
