import { describe, expect, test } from 'vitest';
import { childPointer, pointerTokens, toPointer } from './json-pointer.ts';

describe('JSON pointers (RFC 6901)', () => {
  test.each<[string, readonly (string | number)[], string]>([
    ['the whole value', [], ''],
    ['a field', ['quotas'], '/quotas'],
    ['an array item', ['quotas', 0, 'spaceTb'], '/quotas/0/spaceTb'],
    ['a key with a slash', ['search', 'account/id'], '/search/account~1id'],
    ['a key with a tilde', ['a~b'], '/a~0b'],
    ['a key that looks escaped', ['~1'], '/~01'],
    ['an empty key', [''], '/'],
  ])('%s', (_, path, pointer) => {
    expect(toPointer(path)).toBe(pointer);
    expect(path.reduce<string>((parent, key) => childPointer(parent, key), '')).toBe(pointer);
    expect(pointerTokens(pointer)).toEqual(path.map(String));
  });
});
