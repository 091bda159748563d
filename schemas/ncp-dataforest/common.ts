import { z } from 'zod';
import { type BodyDef, type RequestOutcome, type StateOutcome, noSuchResource as sharedNoSuchResource } from '../_shared/operation.ts';
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

/**
 * Which of the two documented answers an id that names nothing meets is not documented: the gateway refuses an id
 * it cannot match to the caller with 403 "resource (…) is not allowed or not exists" (accounts getDetail, notebooks
 * restart), the service answers an id it cannot find with 404 "no such element" (apps, notebooks delete).
 */
const NONEXISTENT_ID_STATUSES = {
  statuses: [403, 404],
  why: 'an id that names nothing is refused by the API gateway with 403 "not allowed or not exists" or answered by Data Forest with 404 "no such element"; the docs show both and do not say which comes first',
} as const;

/** An error example about an id that names no resource (of the caller's): a live run sends a fresh id at `target`. */
export function noSuchResource<const T extends string>(target: T, what: string): RequestOutcome<T, 403 | 404> {
  return sharedNoSuchResource(target, what, NONEXISTENT_ID_STATUSES);
}

/** The documented 400 "exceeded limit on resource quota" of the create operations. */
export const QUOTA_EXCEEDED: StateOutcome = { from: 'state', why: 'the account has used up its quota of this resource' };

/** Why the 403 "not allowed" examples naming someone else's account follow from the request. */
export const NOT_ALLOWED_DOC_NOTE =
  'The 403 example names an account that is not the caller\'s, and the gateway gives the same refusal ("not allowed or not exists") to an id that names no account at all; the example is read as following from the request, so a live run sends a freshly generated account id and counts 403 or 404 as the documented outcome.';

export const ERROR_DOC_NOTES: string[] = [
  'The overview documents the error body as {"error": {"message", "success": "false"}} with success as a string; every per-operation error example and every success body uses a JSON boolean, so the schema expects false.',
  'Operation pages show the error unwrapped ({"message", "success": false}) while the overview wraps it in "error"; the gateway answers {"error": {"errorCode", "requestId", "message"}} for resources it refuses. All three are accepted; the XML form of each is <ErrorResponse> holding the inner fields.',
];

/** Old pages show `2023-05-08T02:10:17.223Z`, new pages `2025-02-25T15:49:07+09:00`: both forms are accepted. */
export const DateTime = z.iso.datetime({ offset: true });

/** `{ success, message?, id }`: the answer of an operation that acts on one resource (create, start, kill…). */
export function idResponse(xmlRoot: string, description: string) {
  return z.object({ ...resultFields, id: ResourceId.meta({ description }) }).meta({ id: xmlRoot, xml: { name: xmlRoot } });
}

const AccountSearch = z
  .object({ accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }) })
  .meta({ id: 'AccountSearch', description: 'Which account to list the resources of.' });

/** `{ search: { accountId } }`: the filter of the Apps, AI Workspaces and AI Apps list operations. */
export function accountSearchRequest(xmlRoot: string) {
  return z.object({ search: AccountSearch }).meta({ id: xmlRoot, xml: { name: xmlRoot } });
}

// The AI app spec below is shared by AI Workspaces (a workspace stores it) and AI Apps (submit runs it).

const AiAppDataInput = z
  .object({
    hdfs: z.string().meta({ description: 'HDFS path of the input data, copied into the container.', example: '/user/df001/mnist/train' }),
    path: z.string().meta({ description: 'Where the input data lands in the container.', example: '/data/input' }),
  })
  .meta({ id: 'AiAppDataInput' });

const AiAppDataOutput = z
  .object({
    hdfs: z.string().meta({ description: 'HDFS path the results are saved to.', example: '/user/df001/mnist/model' }),
    overwrite: z.boolean().optional().meta({ description: 'Whether to overwrite what already exists at the HDFS path.' }),
    path: z.string().meta({ description: 'Container path the results are read from.', example: '/data/output' }),
  })
  .meta({ id: 'AiAppDataOutput' });

export const AiAppData = z
  .object({
    input: z.array(AiAppDataInput).meta({ description: 'Data copied from HDFS into the container before the run.' }),
    output: z.array(AiAppDataOutput).meta({ description: 'Data copied from the container to HDFS after the run.' }),
  })
  .meta({ id: 'AiAppData', description: 'Input and output data paths of an AI app.' });

export const AiAppDocker = z
  .object({
    image: z.string().meta({ description: 'Docker image that runs the AI app, from aiworkspaces getDockerImageList.' }),
    command: z.string().meta({ description: 'Script or command that runs the AI app.', example: 'python train.py' }),
    args: z.string().optional().meta({ description: 'Arguments of the command.' }),
    env: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Environment variables of the container; in XML each variable is an element named after it.' }),
    exposeTcpPorts: z.array(z.int32().nonnegative()).optional().meta({ description: 'Container ports exposed outside the cluster.' }),
    workdir: z.string().optional().meta({ description: 'Working directory of the command.' }),
  })
  .meta({ id: 'AiAppDocker', description: 'The container an AI app runs in.' });

export const AiAppResource = z
  .object({
    cpuCount: z.int32().nonnegative().optional().meta({ description: 'CPU cores (default 1).' }),
    gpuCount: z.int32().min(0).max(8).optional().meta({ description: 'GPUs; the data-type page gives 1-8.' }),
    gpuModel: z.string().optional().meta({ description: 'GPU model (documented default V100).', example: 'T4' }),
    memoryMb: z.int32().nonnegative().optional().meta({ description: 'Container memory in MB (documented default 15 GB).' }),
  })
  .meta({ id: 'AiAppResource', description: 'Resources allocated to an AI app container.' });

export const AiAppTypeSpec = z
  .object({
    name: z.string().optional().meta({ description: 'AI workspace name.' }),
    queueName: z.string().optional().meta({ description: 'YARN queue.', example: 'gpu' }),
    userPackageUri: z
      .string()
      .optional()
      .meta({ description: 'HDFS path of a compressed user package, uploaded beforehand, that is unpacked for the run.' }),
    resource: AiAppResource.optional(),
    docker: AiAppDocker,
    data: AiAppData.optional(),
  })
  .meta({ id: 'AiAppTypeSpec', description: 'Everything needed to run an AI app: container, resources and data.' });

/** Doc contradictions of the AI app spec, shared by every operation that sends or returns it. */
export const AI_APP_SPEC_DOC_NOTES: string[] = [
  'The AiAppDocker page calls the arguments field `arg`, every JSON and XML sample `args`; the schema uses `args`.',
  'The AiAppDocker page types env as String and exposeTcpPorts as Integer, the samples send a map of strings and an array of integers; the schema follows the samples (in XML the map is one element per variable, the array one <exposeTcpPorts> per port).',
  'The AiAppData page types input as String and output as Integer, the samples send arrays of {hdfs, path} and {hdfs, overwrite, path}; the schema follows the samples, which are the only shape a path list can have.',
  'The AiAppResource page gives gpuCount a range of 1-8 but every sample sends 0; since that page mistypes other fields, the schema enforces only the maximum of 8 so the documented samples stay valid.',
  'AiAppResource documents gpuModel default V100 and memoryMb default "15GB" (for a field in MB) while the samples use T4; the schema leaves both free (string, integer MB) and states the defaults only in descriptions.',
  'AiAppTypeSpec marks only docker required while AiAppData marks input and output required; the schema requires docker, keeps data optional, and requires input and output whenever data is sent.',
  'docker.workdir appears in the request samples only, never in a response sample; the schema accepts it as optional in both.',
];
