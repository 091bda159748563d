import type { Operation } from '../../schemas/_shared/operation.ts';
import type { SignerId } from '../../schemas/_shared/service.ts';
import { type Finding, finding } from './finding.ts';

interface GatewayRefusal {
  /** Codes the gateway puts in its error body when it refuses the credentials, whatever the status. */
  codes: readonly string[];
  /** What to check, in the order a user should check it. */
  hint: string;
}

/**
 * How each scheme's gateway says "not authenticated", keyed by signer so generic code never names a vendor.
 * Besides these codes, a 401 is always a refusal, and so is a 403 whose body is not the operation's documented
 * 403 (a gateway refusing the signature answers in its own envelope, not the service's).
 */
const REFUSALS: Record<SignerId, GatewayRefusal> = {
  'ncp-apigw-v2': {
    codes: [],
    hint: 'check NCP_ACCESS_KEY and NCP_SECRET_KEY (a key pair of this account), and that this machine clock is within 5 minutes of real time (x-ncp-apigw-timestamp)',
  },
  'huawei-aksk': {
    codes: ['APIGW.0301'],
    hint: 'check HUAWEI_AK and HUAWEI_SK (a key pair of this account), and that this machine clock is within 15 minutes of real time (X-Sdk-Date)',
  },
  'huawei-token': {
    codes: ['APIGW.0301'],
    hint: 'check HUAWEI_AUTH_TOKEN: tokens expire after 24 hours and must be scoped to the project of the request',
  },
};

export interface AuthInput {
  operation: Operation;
  /** The status the example documents. */
  expectedStatus: number;
  status: number;
  bodyText: string;
  /** Whether the body parses as the operation's documented body for this status; asked only of a 403. */
  documentedBody: () => boolean;
  /** The scheme the request was signed with, or the service's preferred one when it was sent unsigned. */
  signer: SignerId;
}

const MAX_BODY_SHOWN = 200;

/** An authentication refusal, reported as such and never as drift; undefined when the response is not one. */
export function authFinding(input: AuthInput): Finding | undefined {
  const refusal = REFUSALS[input.signer];
  const documents403 = input.operation.responses.some((response) => response.status === 403);
  const unexpected = input.status !== input.expectedStatus;
  const refused =
    (unexpected && (input.status === 401 || refusal.codes.some((code) => input.bodyText.includes(code)))) ||
    (input.status === 403 && (!documents403 || !input.documentedBody()));
  if (!refused) {
    return undefined;
  }
  const said = input.bodyText.trim().slice(0, MAX_BODY_SHOWN);
  return finding(
    'auth',
    '',
    String(input.expectedStatus),
    String(input.status),
    `authentication failed (${input.status}): ${refusal.hint}${said === '' ? '' : `; the server said: ${said}`}`,
  );
}
