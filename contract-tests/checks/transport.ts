import { type Finding, finding } from './finding.ts';

/**
 * Statuses a read is retried on unless its example documents them: throttling (429), and a gateway or load
 * balancer that could not reach the service in time (502, 503, 504).
 */
export const TRANSIENT_STATUSES: readonly number[] = [429, 502, 503, 504];

/** These say "come back later" whatever their body (429: RFC 6585 §4; 503: RFC 9110 §15.6.4). */
const COME_BACK_LATER = [429, 503];

export interface FaultInput {
  /** The status the example documents. */
  expectedStatus: number;
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  /** Whether the body is the service's own: its error envelope or the operation's documented body for the status. */
  serviceBody: () => boolean;
  /** How many times the request went out, when known. */
  attempts?: number | undefined;
}

/**
 * A response from the path to the service rather than from the service (a throttle, a gateway's HTML error
 * page): nothing in it says whether the contract holds, so it is a `transport` finding, never drift.
 * Undefined when the service answered. Called before any other check.
 */
export function transportFault({ expectedStatus, status, headers, serviceBody, attempts }: FaultInput): Finding | undefined {
  if (status === expectedStatus || !TRANSIENT_STATUSES.includes(status)) {
    return undefined;
  }
  if (!COME_BACK_LATER.includes(status) && serviceBody()) {
    return undefined;
  }
  const after = headers['retry-after'];
  const asked = after === undefined ? '' : ` (Retry-After: ${after})`;
  const tries = attempts === undefined ? '' : ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const why = COME_BACK_LATER.includes(status)
    ? 'the server is throttling or unavailable'
    : `a gateway answered (${headers['content-type'] ?? 'no Content-Type'}), not the service`;
  const still = attempts === undefined ? '' : 'still ';
  return finding(
    'transport',
    '',
    'a response from the service',
    `HTTP ${status}`,
    `${still}HTTP ${status}${asked}${tries}: ${why}, so nothing was checked`,
  );
}
