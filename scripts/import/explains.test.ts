import { describe, expect, it } from 'vitest';
import { explainingNote } from './explains.ts';

const NOTES = [
  'QuotaResponse types fileCountMillion and spaceTb as String, but every example uses integers; the schema expects integers.',
  'quotas is never empty: every account has a quota in its default namespace, so the schema requires at least one.',
  'One language edition documents a 200 body {"job_id"}; others only say "Successful", so job_id is optional.',
];

/** A note explains a difference when it names the field and the kind of difference; naming one of them is not enough. */
const CASES = [
  { rule: 'type-changed', location: 'response 200 /quotas[]/fileCountMillion', explained: 0 },
  { rule: 'response-field-removed', location: 'response 200 /quotas[]/fileCountMillion', explained: undefined },
  { rule: 'response-min-items-loosened', location: 'response 200 application/json /quotas', explained: 1 },
  { rule: 'type-changed', location: 'response 200 /quotas', explained: undefined },
  { rule: 'response-field-removed', location: 'response 200 /job_id', explained: 2 },
  { rule: 'response-field-made-optional', location: 'response 200 /job_id', explained: 2 },
  { rule: 'type-changed', location: 'response 200 /job', explained: undefined },
];

describe('explainingNote', () => {
  it.each(CASES)('$rule at $location', ({ rule, location, explained }) => {
    expect(explainingNote({ rule, location }, NOTES)).toBe(explained === undefined ? undefined : NOTES[explained]);
  });
});
