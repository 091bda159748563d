import type { SecurityRequirementObject, SecuritySchemeObject, ServerObject } from 'openapi3-ts/oas31';
import { z } from 'zod';
import type { BodyDef } from '../_shared/operation.ts';
import { errorResponses } from '../_shared/service.ts';

/** What DCS and DDS, both served through Huawei Cloud's API gateway and IAM, have in common. */

export const ProjectId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a 32-character lower-case hex project id')
  .meta({
    description: 'ID of the tenant project in the region (see "Obtaining a Project ID").',
    example: '619d3e78f61b4be68bc5aa0b59edcf7b',
  });

/**
 * An integer query parameter. Query strings arrive as text while examples and callers hold numbers; both parse to
 * the same integer, and anything else (`abc`, `1.5`, an empty value) is rejected. Not `z.coerce.number()`: it turns
 * null and '' into 0, which also makes zod-to-openapi publish the parameter as optional and `[integer, null]`.
 */
export function queryInteger<S extends z.ZodType<number>>(schema: S) {
  return z.preprocess((value: number | string) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value), schema);
}

/** The `offset` paging parameter every list operation of both services takes. */
export const offsetParam = queryInteger(z.int32().min(0))
  .default(0)
  .meta({ description: 'Number of records to skip before the first one returned.', example: 0 });

/** The `limit` paging parameter; the bounds and the default differ per operation. */
export function limitParam(max: number, fallback: number) {
  return queryInteger(z.int32().min(1).max(max))
    .default(fallback)
    .meta({ description: `Records per page, 1 to ${max}; ${fallback} when left out.`, example: fallback });
}

export const HuaweiError = z
  .object({
    error_code: z.string().max(64).meta({ description: 'Service error code, e.g. DCS.4957, DBS.200013 or APIGW.0301.' }),
    error_msg: z.string().max(1024).meta({ description: 'What went wrong, in English.' }),
    error_ext_msg: z
      .string()
      .max(1024)
      .nullable()
      .optional()
      .meta({ description: 'Extra detail (DCS only); documented as unused and usually null or absent.' }),
    request_id: z.string().optional().meta({ description: 'Request id, sent by the API gateway on the errors it raises itself.' }),
  })
  .meta({ id: 'HuaweiError', description: 'Error body of Huawei Cloud services and of the API gateway in front of them.' });

export const huaweiErrorBody: BodyDef<typeof HuaweiError> = { schema: HuaweiError };

/** The statuses and texts the DCS and DDS references give every operation. */
export const huaweiErrors = errorResponses(huaweiErrorBody, {
  400: 'Invalid request.',
  401: 'Invalid authentication information.',
  403: 'Request rejected.',
  404: 'The requested resource could not be found.',
  500: 'Internal service error.',
});

/** Huawei documents one status for an id that names nothing, so the shared helper serves as it is. */
export { noSuchResource } from '../_shared/operation.ts';

export const huaweiSecuritySchemes: Record<string, SecuritySchemeObject> = {
  HuaweiToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Auth-Token',
    description: 'Project-scoped IAM user token: POST /v3/auth/tokens answers it in the X-Subject-Token response header. Valid 24 hours.',
  },
  HuaweiAkSk: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'AK/SK signature `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={headers}, Signature={hex}` over the canonical request, sent with the X-Sdk-Date header (UTC, YYYYMMDDTHHMMSSZ, within 15 minutes of server time).',
  },
};

export const huaweiSecurity: SecurityRequirementObject[] = [{ HuaweiToken: [] }, { HuaweiAkSk: [] }];

/** The API gateway's own codes for the failures it answers before a request reaches the service (APIG error code list). */
const GATEWAY_CODES: Record<number, string> = {
  400: 'APIGW.0201',
  401: 'APIGW.0301',
  403: 'APIGW.0302',
  404: 'APIGW.0101',
  429: 'APIGW.0308',
};

export const huaweiErrorEnvelope = {
  body: huaweiErrorBody,
  make: (status: number, message: string) => ({ error_code: GATEWAY_CODES[status] ?? `APIGW.${status}`, error_msg: message }),
};

/** The regional endpoint `https://{service}.{region}.myhuaweicloud.com`. */
export function huaweiServers(service: string): ServerObject[] {
  return [
    {
      url: `https://${service}.{region}.myhuaweicloud.com`,
      description: 'Regional endpoint',
      variables: { region: { default: 'ap-southeast-1', description: 'Region id, e.g. cn-north-4 or ap-southeast-1.' } },
    },
  ];
}

/** Doc contradictions that hold for both services. */
export const HUAWEI_DOC_NOTES: string[] = [
  'Operation pages list X-Auth-Token as a required header parameter, while the authentication chapter accepts AK/SK signing as well; both are modelled as alternative security schemes instead of a header parameter.',
  'DCS pages cap error_code at 9 characters, but DDS codes (DBS.200013) and gateway codes (APIGW.0301) are longer; the shared error schema allows 64.',
  'No page documents an XML form of any body, and every SDK sends application/json; the spec offers JSON only.',
];
