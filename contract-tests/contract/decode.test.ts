import { describe, expect, test } from 'vitest';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from './decode.ts';

describe('jsonTooDeepAt: the first bracket past the nesting limit, found before parsing', () => {
  test.each([
    ['flat object', '{"a":1}', 1, undefined],
    ['exactly at the limit', '{"a":[{"b":[]}]}', 4, undefined],
    ['one level past the limit', '{"a":[{"b":[]}]}', 3, 11],
    ['brackets inside strings do not count', '{"a":"[[[{{{"}', 1, undefined],
    ['an escaped quote does not end the string', '{"a":"\\"[[["}', 1, undefined],
    ['an escaped backslash does', '{"a":"\\\\",[[]]}', 2, 11],
    ['closing brackets bring the depth down', '[[],[],[[]]]', 3, undefined],
    ['not JSON at all is left to the parser', 'not json', 1, undefined],
  ])('%s', (_name, text, max, at) => {
    expect(jsonTooDeepAt(text, max)).toBe(at);
  });

  test('a body nested 100,000 deep is refused at the first level past the limit, whatever follows', () => {
    expect(jsonTooDeepAt(`{"id":${'['.repeat(100_000)} and never closed`, MAX_JSON_DEPTH)).toBe(6 + MAX_JSON_DEPTH - 1);
  });
});
