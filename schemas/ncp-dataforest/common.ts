import { z } from 'zod';
import type { BodyDef } from '../_shared/operation.ts';
import { errorResponses } from '../_shared/service.ts';

export const DOCS = 'https://api.ncloud-docs.com/docs/en';

/** A Data Forest resource id: a UUID rendered in Base62, at most 22 characters. */
export const ResourceId = z
  .string()
  .regex(/^[0-9A-Za-z]{1,22}$/, 'a Base62 id of at most 22 characters')
  .meta({ description: 'Resource identifier: a UUID in Base62 (at most 22 characters).', example: 'axE7wU9ERm8fTc7e17vNvu' });

/** A request that names one resource by id (getDetail, delete, kill… style operations). */
export function idRequest(xmlRoot: string, description: string) {
  return z.object({ id: ResourceId.meta({ description }) }).meta({ id: xmlRoot, xml: { name: xmlRoot } });
}

/**
 * `success` and `message` open every Data Forest response body; `message` is filled when `success` is false,
 * and old-generation samples also set it to "success" on success.
 */
export const resultFields = {
  success: z.boolean().meta({ description: 'Whether the call succeeded.' }),
  message: z.string().optional().meta({ description: 'Why the call failed; old samples also send "success".' }),
};

const ErrorDetail = z.object({
  message: z.string().meta({ description: 'What went wrong.', example: 'no such element' }),
  success: z.literal(false),
});

const GatewayErrorDetail = z.object({
  errorCode: z.string().meta({ example: '10002' }),
  requestId: z.string().meta({ example: '7c56cbaf-fe89-4cce-af58-3238e67f3e90' }),
  message: z.string(),
});

/** The XML error body: the documented `<ErrorResponse>` root holds the fields of the JSON `error` object. */
export const NcpErrorResponse = z
  .union([ErrorDetail.meta({ id: 'NcpErrorDetail' }), GatewayErrorDetail.meta({ id: 'NcpGatewayErrorDetail' })])
  .meta({ id: 'NcpErrorResponse', xml: { name: 'ErrorResponse' } });

export const NcpError = z
  .union([
    z.object({ error: NcpErrorResponse }).meta({ id: 'NcpErrorEnvelope' }),
    ErrorDetail.meta({ id: 'NcpFlatError', description: 'The unwrapped form several operation pages show.' }),
  ])
  .meta({ id: 'NcpError', description: 'Data Forest error body, in any of the documented envelopes.' });

export const ncpErrorBody: BodyDef<typeof NcpError> = {
  schema: NcpError,
  xml: { schema: NcpErrorResponse, fromJson: (json) => ('error' in json ? json.error : json) },
};

/** The statuses the Data Forest overview documents for every operation. */
export const ncpErrors = errorResponses(ncpErrorBody, {
  400: 'Invalid request parameters, or the resource quota is exceeded.',
  403: 'Not allowed to access: the resource does not exist or belongs to someone else.',
  404: 'No such element: the resource or path does not exist.',
  500: 'Unexpected error.',
});

export const ERROR_DOC_NOTES: string[] = [
  'The overview documents the error body as {"error": {"message", "success": "false"}} with success as a string; every per-operation error example and every success body uses a JSON boolean, so the schema expects false.',
  'Operation pages show the error unwrapped ({"message", "success": false}) while the overview wraps it in "error"; the gateway answers {"error": {"errorCode", "requestId", "message"}} for resources it refuses. All three are accepted; the XML form of each is <ErrorResponse> holding the inner fields.',
];
