import { redactHeaders } from '../../schemas/_shared/signing/index.ts';
import type { PreparedRequest } from './request.ts';

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The request as a curl command a user can read and rerun once the redacted values are filled in: secrets and
 * signatures never appear, key ids are masked. Headers in the order they were built; the body verbatim.
 */
export function toCurl(request: PreparedRequest): string {
  const lines = [`curl -sS -X ${request.method} ${quote(`${request.origin}${request.pathWithQuery}`)}`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) {
    lines.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) {
    lines.push(`--data-binary ${quote(request.body)}`);
  }
  return lines.join(' \\\n  ');
}
