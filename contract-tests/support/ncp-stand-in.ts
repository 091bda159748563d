import { randomUUID } from 'node:crypto';
import { ResourceId } from '../../schemas/ncp-dataforest/common.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { serve } from './drifts.ts';
import { type StandIn, type StandInOptions, startStandIn, type VendorRules } from './stand-in.ts';

/** What the NCP API Gateway answers a request whose signature it refuses. */
const GATEWAY_REFUSAL = JSON.stringify({
  error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
});

/**
 * The NCP API Gateway in front of Data Forest: a refused signature is its 401, and a resource id it cannot match
 * to the caller is its 403 "resource (…) is not allowed or not exists", in its own error envelope (accounts
 * getDetail documents it). Only resource ids are checked: names and catalog values (an app type) pass through.
 */
export const ncpGateway: VendorRules = {
  refuseAuth: () => ({ status: 401, contentType: 'application/json', body: GATEWAY_REFUSAL }),
  refuseForeign: (operation, format, value) =>
    ResourceId.safeParse(value).success
      ? serve(operation, format, 403, {
          error: { errorCode: '10002', requestId: randomUUID(), message: `resource ('${String(value)}') is not allowed or not exists` },
        })
      : undefined,
};

/** A Data Forest on 127.0.0.1 that accepts requests signed with this key pair (NCP API Gateway signature v2). */
export function startNcpStandIn(credentials: { accessKey: string; secretKey: string }, options: StandInOptions = {}): Promise<StandIn> {
  const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };
  return startStandIn(ncpDataforest, ncpGateway, env, options);
}
