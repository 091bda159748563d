import { describe, expect, test } from 'vitest';
import { diffSpecs } from './diff-specs.ts';
import { fixtureSpec, at as obj } from './fixture.ts';
import { comparePatterns, MAX_PATTERN_LENGTH } from './pattern-language.ts';

/** [before, after, relation of after to before, why when undecided]. */
const CASES: Array<[string, string, string, string?]> = [
  ['^[0-9A-Za-z]{1,22}$', '^[0-9A-Za-z_-]{1,40}$', 'wider'],
  ['^[0-9A-Za-z_-]{1,40}$', '^[0-9A-Za-z]{1,22}$', 'narrower'],
  ['^[0-9]+$', '^\\d+$', 'equal'],
  ['^[a-zA-Z]+$', '^[a-z]+$', 'narrower'],
  // JSON Schema patterns match anywhere: "b" accepts every string containing a b, "abc" fewer.
  ['b', 'abc', 'narrower'],
  ['^b', 'b', 'wider'],
  ['x$', '^x$', 'narrower'],
  ['^[a-c]+$', '^[b-d]+$', 'overlapping'],
  ['^(a|b)$', '^[ab]$', 'equal'],
  // Lookarounds refa's simplifier resolves are decided; a simple backreference is expanded.
  ['^[a-z]+$', '^(?!x)[a-z]+$', 'narrower'],
  ['^(a)\\1$', '^aa$', 'equal'],
  // An astral character is one character under the u flag, as validators read patterns.
  ['^.$', '^[\\s\\S]$', 'wider'],
  ['^.{8,}$', '^(?=.*[0-9]).{8,}$', 'undecided', 'a lookaround cannot be turned into an automaton'],
  ['^(a+)-\\1$', '^a+-a+$', 'undecided', 'a backreference cannot be turned into an automaton'],
  ['^[ab]+$', '^(a|b)*a(a|b){30}$', 'undecided', 'comparing them needs more than 10000 automaton states'],
  ['^a$', '^(a$', 'undecided', 'a pattern could not be read (Invalid regular expression: /^(a$/u: Unterminated group)'],
  // Not one regular expression on its own, though it would parse inside the wrapper.
  ['^a$', 'a)|(b', 'undecided', "a pattern could not be read (Invalid regular expression: /a)|(b/u: Unmatched ')')"],
  ['^a$', `^${'a'.repeat(MAX_PATTERN_LENGTH)}$`, 'undecided', 'a pattern is longer than 2000 characters'],
];

describe('comparePatterns decides language inclusion both ways', () => {
  test.each(CASES)('%s → %s: %s', (before, after, relation, why) => {
    expect(comparePatterns(before, after)).toEqual(why === undefined ? { relation } : { relation, why });
  });
});

describe('what diff says about a changed pattern', () => {
  const messages = (before: string, after: string) => {
    const a = fixtureSpec();
    obj(a, 'components', 'schemas', 'GetAccountDetailRequest', 'properties', 'id').pattern = before;
    const b = structuredClone(a);
    obj(b, 'components', 'schemas', 'GetAccountDetailRequest', 'properties', 'id').pattern = after;
    return diffSpecs(a, b).map((c) => `${c.severity} ${c.rule}: ${c.message}`);
  };

  test('the issue example, loosened: info, with why', () => {
    expect(messages('^[0-9A-Za-z]{1,22}$', '^[0-9A-Za-z_-]{1,40}$')).toMatchInlineSnapshot(`
      [
        "info request-pattern-loosened: pattern ^[0-9A-Za-z]{1,22}$ → ^[0-9A-Za-z_-]{1,40}$ (accepts every string it accepted, and more)",
      ]
    `);
  });

  test('undecidable: the reason is named', () => {
    expect(messages('^.{8,}$', '^(?=.*[0-9]).{8,}$')).toMatchInlineSnapshot(`
      [
        "breaking request-pattern-tightened: pattern ^.{8,}$ → ^(?=.*[0-9]).{8,}$ (whether it accepts less cannot be proven: a lookaround cannot be turned into an automaton; so it is taken as the harmful way)",
      ]
    `);
  });
});
