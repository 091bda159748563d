import type { SignableRequest, Signer } from '../../../schemas/_shared/signing/index.ts';
import { ClientError } from '../errors.ts';

/** A signer with the credentials it signs with (renewed in place when they expire: read at each signature). */
export interface Signing {
  signer: Signer;
  credentials: unknown;
}

/**
 * The headers to add to `request` (lower-case names; the request is not changed), signed per the service's signer
 * with `signing.credentials` at `now`. The one signing path of the client (`signingInterceptor`) and of
 * `proxy --resign`, so a new scheme is added to `schemas/_shared/signing/` and nowhere else. A request the signer
 * refuses is a CLIENT_SIGNING error naming the signer, the method and the path.
 */
export function signedHeaders(signing: Signing, request: SignableRequest, now: number): Record<string, string> {
  try {
    return signing.signer.sign(request, signing.credentials, now);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ClientError('CLIENT_SIGNING', `${signing.signer.id} could not sign ${request.method} ${request.pathWithQuery}: ${why}`, {
      cause: error,
    });
  }
}
