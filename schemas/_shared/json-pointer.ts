/**
 * JSON pointers (RFC 6901), the one implementation: findings, request values, the XML codec's error
 * locations and the spec diff's `$ref`s all read and write them here.
 */

/** One reference token as a pointer writes it: `account/id` → `account~1id`. */
export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** One reference token as it names a key: `account~1id` → `account/id`. */
export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** A pointer's reference tokens: `/search/account~1id` → `['search', 'account/id']`; `''` (the whole value) → `[]`. */
export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken);
}

/** The pointer of a path of keys: `['quotas', 0, 'a/b']` → `/quotas/0/a~1b`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${escapeToken(String(key))}`).join('');
}

/** The pointer of `key` under `parent`; most keys need no escaping, so they are not scanned twice. */
export function childPointer(parent: string, key: string | number): string {
  if (typeof key === 'number' || !(key.includes('~') || key.includes('/'))) {
    return `${parent}/${key}`;
  }
  return `${parent}/${escapeToken(key)}`;
}
