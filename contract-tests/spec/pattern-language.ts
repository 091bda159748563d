import { createRequire } from 'node:module';
import type * as Regexpp from '@eslint-community/regexpp';
import type * as Refa from 'refa';

/**
 * How the set of strings a JSON Schema `pattern` accepts changed. `undecided` carries why the comparison
 * could not be made (a lookaround or backreference the automaton library cannot turn into states, a pattern
 * too large to compare within the state budget, or one that does not parse).
 */
export type PatternComparison = { relation: 'equal' | 'wider' | 'narrower' | 'overlapping' } | { relation: 'undecided'; why: string };

/**
 * The budget for each automaton (NFA, DFA of the complement) and for the parser. It bounds the work a
 * hostile pattern can cause (`(a|b)*a(a|b){30}` would need 2^30 DFA states): past it the comparison gives up.
 */
export const STATE_BUDGET = 10_000;
/** Longer patterns are not compared at all: parsing and simplifying are linear-ish, but not free. */
export const MAX_PATTERN_LENGTH = 2_000;

// refa is a megabyte of JavaScript: loaded on the first changed pattern only, so a diff without one (the
// usual self-diff of a release gate) does not pay for it. regexpp (refa's own parser) comes with it.
let libraries: { refa: typeof Refa; regexpp: typeof Regexpp } | undefined;
const load = () => {
  const require = createRequire(import.meta.url);
  libraries ??= { refa: require('refa') as typeof Refa, regexpp: require('@eslint-community/regexpp') as typeof Regexpp };
  return libraries;
};
const library = () => load().refa;

/**
 * The pattern parsed as validators read it: ECMA-262 with the `u` flag (as Ajv compiles it), or without it
 * for a pattern only valid that way. Parsed alone first, so a pattern that is not one regular expression
 * (`a)|(b`) cannot pass as one once wrapped.
 */
function parse(pattern: string, wrapped: string): Refa.JS.ParseResult {
  const { RegExpParser } = load().regexpp;
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const read = (unicode: boolean) => {
    parser.parsePattern(pattern, 0, pattern.length, { unicode });
    return {
      pattern: parser.parsePattern(wrapped, 0, wrapped.length, { unicode }),
      flags: parser.parseFlags(unicode ? 'u' : ''),
    };
  };
  let ast: ReturnType<typeof read>;
  try {
    ast = read(true);
  } catch (unicodeError) {
    try {
      ast = read(false);
    } catch {
      throw unicodeError;
    }
  }
  return library().JS.Parser.fromAst(ast).parse({ maxNodes: STATE_BUDGET });
}

/**
 * The language of a pattern as JSON Schema applies it: a string is valid when the pattern matches anywhere
 * in it, so the pattern is wrapped in `^[^]*(?:…)[^]*$` and refa's simplifier resolves the anchors inside
 * against the wrapper; the edge anchors left are what an automaton means by a whole word.
 */
function language(pattern: string): Refa.NFA {
  const { NFA, Transformers, transform } = library();
  const parsed = parse(pattern, `^[^]*(?:${pattern})[^]*$`);
  const simplified = transform(Transformers.simplify(), parsed.expression);
  const edgeless = transform(Transformers.patternEdgeAssertions({ remove: true }), simplified);
  return NFA.fromRegex(edgeless, { maxCharacter: parsed.maxCharacter }, { assertions: 'throw' }, new NFA.LimitedNodeFactory(STATE_BUDGET));
}

/** Whether every string `a` accepts, `b` accepts: `a` ∩ complement(`b`) is empty. */
function isSubset(a: Refa.NFA, b: Refa.NFA): boolean {
  const { DFA, isDisjointWith } = library();
  const complement = DFA.fromFA(b, new DFA.LimitedNodeFactory(STATE_BUDGET));
  complement.complement();
  return isDisjointWith(a, complement, STATE_BUDGET);
}

function reason(error: unknown): string {
  const { TooManyNodesError } = library();
  if (error instanceof TooManyNodesError) {
    return `comparing them needs more than ${STATE_BUDGET} automaton states`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/assertion/i.test(message)) {
    return 'a lookaround cannot be turned into an automaton';
  }
  if (/backreference/i.test(message)) {
    return 'a backreference cannot be turned into an automaton';
  }
  return `a pattern could not be read (${message.replace(/\s+/g, ' ').trim()})`;
}

/** Compares what the two patterns accept, by language inclusion both ways. */
export function comparePatterns(before: string, after: string): PatternComparison {
  if (before.length > MAX_PATTERN_LENGTH || after.length > MAX_PATTERN_LENGTH) {
    return { relation: 'undecided', why: `a pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  try {
    const [a, b] = [language(before), language(after)];
    const keepsAll = isSubset(a, b);
    const addsNone = isSubset(b, a);
    return { relation: keepsAll ? (addsNone ? 'equal' : 'wider') : addsNone ? 'narrower' : 'overlapping' };
  } catch (error) {
    return { relation: 'undecided', why: reason(error) };
  }
}
