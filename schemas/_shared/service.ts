import { isDeepStrictEqual } from 'node:util';
import type { SecurityRequirementObject, SecuritySchemeObject, ServerObject, TagObject } from 'openapi3-ts/oas31';
import type { z } from 'zod';
import { ContractError } from './errors.ts';
import { pointerTokens } from './json-pointer.ts';
import type { BodyDef, MediaType, NormalizedBody, Operation, ResponseDef } from './operation.ts';
import { type AnyExample, dependsOnState, isSuccess, normalizeBody, valueAt } from './operation.ts';

/** Identifies how requests to a service are authenticated; implemented in `schemas/_shared/signing`. */
export type SignerId = 'ncp-apigw-v2' | 'huawei-aksk' | 'huawei-token';

export interface ErrorEnvelope {
  body: NormalizedBody;
  /** The body the service sends for a failure it reports itself (used by the mock for its own error replies). */
  make: (status: number, message: string) => unknown;
}

export interface Service {
  id: string;
  title: string;
  version: string;
  description: string;
  docUrl: string;
  servers: ServerObject[];
  securitySchemes: Record<string, SecuritySchemeObject>;
  /** Alternatives: any one requirement object authenticates a request. */
  security: SecurityRequirementObject[];
  /** Signers in order of preference for live runs; the first whose credentials are set is used. */
  signers: SignerId[];
  mediaTypes: MediaType[];
  tags: TagObject[];
  errors: ErrorEnvelope;
  /** Service-wide doc contradictions and what was chosen (per-operation ones live on the operation). */
  docNotes: string[];
  operations: Operation[];
}

export interface ServiceInput extends Omit<Service, 'errors'> {
  errors: { body: BodyDef | z.ZodType; make: (status: number, message: string) => unknown };
}

export class ServiceDefinitionError extends ContractError<'SCHEMA_DEFINITION'> {
  constructor(
    message: string,
    readonly service: string,
    readonly operationId?: string,
  ) {
    super('SCHEMA_DEFINITION', `${service}${operationId ? ` ${operationId}` : ''}: ${message}`);
  }
}

function checkOperations(input: ServiceInput): void {
  const seen = new Map<string, string>();
  for (const op of input.operations) {
    const route = `${op.method.toUpperCase()} ${op.path}`;
    for (const key of [op.operationId, route]) {
      if (seen.has(key)) {
        throw new ServiceDefinitionError(`duplicate ${key === route ? 'route' : 'operationId'} ${key}`, input.id, op.operationId);
      }
      seen.set(key, op.operationId);
    }
    const statuses = new Set(op.responses.map((r) => r.status));
    for (const example of op.examples) {
      const problem = statuses.has(example.response.status)
        ? outcomeProblem(op, example, statuses)
        : `answers ${example.response.status}, which is not a documented response`;
      if (problem !== undefined) {
        throw new ServiceDefinitionError(`example "${example.name}" ${problem}`, input.id, op.operationId);
      }
    }
    if (op.examples.length === 0) {
      throw new ServiceDefinitionError('has no example', input.id, op.operationId);
    }
    checkSameRequests(input.id, op);
  }
}

/** What is wrong with an example's `outcome`, if anything (the types catch most of it; plain objects reach here too). */
function outcomeProblem(op: Operation, example: AnyExample, statuses: ReadonlySet<number>): string | undefined {
  const { outcome, response } = example;
  if (isSuccess(response.status)) {
    return outcome === undefined ? undefined : `answers ${response.status}, a success, so it has no outcome to declare`;
  }
  if (outcome === undefined) {
    return `answers ${response.status} but does not say what decides it: add outcome { from: 'request' | 'state', why }`;
  }
  if (outcome.from === 'state') {
    return undefined;
  }
  if (outcome.nonexistent !== undefined && !sendsId(op, example, outcome.nonexistent)) {
    return `declares nonexistent ${outcome.nonexistent}, which is not an id field its request sends`;
  }
  const equivalent = outcome.equivalent?.statuses ?? [response.status];
  const undocumented = equivalent.find((status) => !statuses.has(status) || isSuccess(status));
  if (!equivalent.includes(response.status) || undocumented !== undefined) {
    return `declares equivalent statuses ${equivalent.join(', ')}: they must include its own ${response.status} and be documented error statuses`;
  }
  return undefined;
}

/** Whether the example's request has a scalar at this pointer into a place (params, query, body) the operation takes. */
function sendsId(op: Operation, example: AnyExample, pointer: string): boolean {
  const [place, ...path] = pointerTokens(pointer);
  const takes = place === 'params' || place === 'query' || place === 'body' ? op.request[place] !== undefined : false;
  const value = valueAt(example.request, pointer);
  return takes && path.length > 0 && (typeof value === 'string' || typeof value === 'number');
}

const sentRequest = ({ request }: AnyExample) => [request.params, request.query, request.headers, request.body];

/**
 * Examples of one operation that send the same request but document different statuses: a server gives one
 * answer to one request, so all but one of them must depend on the account's state.
 */
function checkSameRequests(service: string, op: Operation): void {
  op.examples.forEach((first, index) => {
    for (const second of op.examples.slice(index + 1)) {
      const conflict =
        first.response.status !== second.response.status &&
        isDeepStrictEqual(sentRequest(first), sentRequest(second)) &&
        !dependsOnState(first) &&
        !dependsOnState(second);
      if (conflict) {
        throw new ServiceDefinitionError(
          `examples "${first.name}" (${first.response.status}) and "${second.name}" (${second.response.status}) send the same request but document different responses; a server can give only one, so all but one must say outcome: { from: 'state', why }`,
          service,
          op.operationId,
        );
      }
    }
  });
}

/** Declares a vendor service: everything generic code needs to know that differs per vendor. */
export function defineService(input: ServiceInput): Service {
  checkOperations(input);
  return { ...input, errors: { body: normalizeBody(input.errors.body), make: input.errors.make } };
}

/** The same error body under every status a vendor documents for it. */
export function errorResponses<S extends z.ZodType, const C extends Record<number, string>>(
  body: BodyDef<S>,
  statuses: C,
): { [K in keyof C]: ResponseDef<S> & { body: BodyDef<S> } } {
  return Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, { description, body }])) as {
    [K in keyof C]: ResponseDef<S> & { body: BodyDef<S> };
  };
}
