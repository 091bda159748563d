import type { Dispatcher } from 'undici';
import { type HttpHeaders, SigningError } from '../../../schemas/_shared/signing/index.ts';
import { type Signing, signedHeaders } from './sign.ts';

/**
 * Signs every dispatch afresh (through `signedHeaders`, as `proxy --resign` does) into NEW options, so an
 * interceptor composed outside this one (retry, redirect) that dispatches again gets a new timestamp and
 * signature; `opts.headers` is never written to.
 */
export function signingInterceptor(signing: Signing, clock: () => number = Date.now): Dispatcher.DispatcherComposeInterceptor {
  const { signer } = signing;
  return (dispatch) => (opts, handler) => {
    if (opts.query) {
      throw new SigningError(
        'SIGNING_UNSUPPORTED_QUERY',
        signer.id,
        'put the query in the path: undici would add a query object after signing',
      );
    }
    const headers = headerRecord(opts.headers);
    const body = typeof opts.body === 'string' || opts.body instanceof Uint8Array ? opts.body : undefined;
    if (signer.signsBody && opts.body != null && body === undefined) {
      throw new SigningError(
        'SIGNING_UNSUPPORTED_BODY',
        signer.id,
        'the signature covers the body, so it must be a string or bytes, not a stream',
      );
    }
    const request = { method: opts.method, origin: opts.origin?.toString(), pathWithQuery: opts.path, headers, body };
    return dispatch({ ...opts, headers: { ...headers, ...signedHeaders(signing, request, clock()) } }, handler);
  };
}

/** Lower-case names, so an added header replaces the caller's rather than being sent twice. */
function headerRecord(headers: Dispatcher.DispatchOptions['headers']): HttpHeaders {
  const pairs: [string, string | string[] | undefined][] = [];
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      pairs.push([headers[i] as string, headers[i + 1] as string]);
    }
  } else if (headers && Symbol.iterator in headers) {
    pairs.push(...(headers as Iterable<[string, string | string[] | undefined]>));
  } else if (headers) {
    pairs.push(...Object.entries(headers));
  }
  const record: HttpHeaders = {};
  for (const [name, value] of pairs) {
    if (value !== undefined) {
      record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return record;
}
