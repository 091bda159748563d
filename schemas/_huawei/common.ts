import type { SecurityRequirementObject, SecuritySchemeObject } from 'openapi3-ts/oas31';
import { z } from 'zod';
import type { BodyDef } from '../_shared/operation.ts';
import { errorResponses } from '../_shared/service.ts';

/** What DCS and DDS, both served through Huawei Cloud's API gateway and IAM, have in common. */

export const ProjectId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a 32-character lower-case hex project id')
  .meta({ description: 'Project ID of the tenant in the region (see "Obtaining a Project ID").', example: '619d3e78f61b4be68bc5aa0b59edcf7b' });

export const HuaweiError = z
  .object({
    error_code: z.string().max(64).meta({ description: 'Service error code, e.g. DCS.4957 or DBS.200001.' }),
    error_msg: z.string().max(1024).meta({ description: 'Error message.' }),
    error_ext_msg: z.string().max(1024).nullable().optional().meta({ description: 'Error details; documented as not used and often null.' }),
  })
  .meta({ id: 'HuaweiError', description: 'Error body of Huawei Cloud services.' });

export const huaweiErrorBody: BodyDef<typeof HuaweiError> = { schema: HuaweiError };

export const huaweiErrors = errorResponses(huaweiErrorBody, {
  400: 'Invalid request.',
  401: 'Invalid authentication information.',
  403: 'Request rejected.',
  404: 'The requested resource could not be found.',
  500: 'Internal service error.',
});

export const huaweiSecuritySchemes: Record<string, SecuritySchemeObject> = {
  HuaweiToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Auth-Token',
    description: 'Project-scoped IAM user token (POST /v3/auth/tokens answers it in X-Subject-Token); valid 24 hours.',
  },
  HuaweiAkSk: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'AK/SK signature: `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={headers}, Signature={hex}` over the canonical request, with the X-Sdk-Date header (UTC, YYYYMMDDTHHMMSSZ, within 15 minutes).',
  },
};

export const huaweiSecurity: SecurityRequirementObject[] = [{ HuaweiToken: [] }, { HuaweiAkSk: [] }];

export const huaweiErrorEnvelope = {
  body: huaweiErrorBody,
  make: (status: number, message: string) => ({ error_code: `APIGW.${status}`, error_msg: message }),
};

export function huaweiServers(service: string) {
  return [
    {
      url: `https://${service}.{region}.myhuaweicloud.com`,
      description: 'Regional endpoint',
      variables: { region: { default: 'ap-southeast-1', description: 'Region id, e.g. cn-north-4.' } },
    },
  ];
}
