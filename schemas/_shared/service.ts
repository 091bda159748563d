import type { SecurityRequirementObject, SecuritySchemeObject, ServerObject, TagObject } from 'openapi3-ts/oas31';
import type { z } from 'zod';
import type { BodyDef, MediaType, NormalizedBody, Operation, ResponseDef } from './operation.ts';
import { normalizeBody } from './operation.ts';

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

export class ServiceDefinitionError extends Error {
  readonly code = 'SCHEMA_DEFINITION';
  constructor(
    message: string,
    readonly service: string,
    readonly operationId?: string,
  ) {
    super(`${service}${operationId ? ` ${operationId}` : ''}: ${message}`);
    this.name = 'ServiceDefinitionError';
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
      if (!statuses.has(example.response.status)) {
        throw new ServiceDefinitionError(
          `example "${example.name}" answers ${example.response.status}, which is not a documented response`,
          input.id,
          op.operationId,
        );
      }
    }
    if (op.examples.length === 0) {
      throw new ServiceDefinitionError('has no example', input.id, op.operationId);
    }
  }
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
