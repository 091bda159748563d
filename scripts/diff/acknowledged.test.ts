import { describe, expect, test } from 'vitest';
import { type Change, change } from '../../contract-tests/spec/rules.ts';
import { ACKNOWLEDGEMENT_RULES, applyAcknowledgements, parseAcknowledgements } from './acknowledged.ts';
import { DiffInputError } from './errors.ts';

const FILE = 'schemas/ncp-dataforest/breaking-allowed.yaml';
const TODAY = '2026-03-01';

const scope = { operation: 'accountsGetDetail', method: 'POST', path: '/api/v2/accounts/getDetail' };
const fieldRemoved = change('response-field-removed', scope, 'response 200 application/json, application/xml /quotas', 'field removed');
const idChanged = change('operation-id-changed', scope, null, 'operationId changed accountsGetDetail → getAccountDetail');

const entry = (fields: Record<string, string>) =>
  Object.entries({ reason: 'Vendor dropped it in v2.1 (doc note).', expires: '2026-06-30', ...fields })
    .map(([key, value], i) => `${i === 0 ? '- ' : '  '}${key}: ${JSON.stringify(value)}`)
    .join('\n');

const summary = (changes: Change[]) => changes.map((c) => [c.rule, c.severity, c.acknowledged ? c.acknowledged.entry : null]);

describe('applyAcknowledgements', () => {
  test.each([
    {
      name: 'by operationId and the end of the location',
      file: entry({ rule: 'response-field-removed', operation: 'accountsGetDetail', location: '/quotas' }),
      expected: [
        ['response-field-removed', 'breaking', `${FILE}:1`],
        ['operation-id-changed', 'breaking', null],
      ],
    },
    {
      name: 'by METHOD /path and the full location',
      file: entry({
        rule: 'response-field-removed',
        operation: 'POST /api/v2/accounts/getDetail',
        location: 'response 200 application/json, application/xml /quotas',
      }),
      expected: [
        ['response-field-removed', 'breaking', `${FILE}:1`],
        ['operation-id-changed', 'breaking', null],
      ],
    },
    {
      name: 'by operation alone',
      file: entry({ rule: 'operation-id-changed', operation: 'accountsGetDetail' }),
      expected: [
        ['response-field-removed', 'breaking', null],
        ['operation-id-changed', 'breaking', `${FILE}:1`],
      ],
    },
    {
      name: 'expiring today still counts',
      file: entry({ rule: 'operation-id-changed', operation: 'accountsGetDetail', expires: TODAY }),
      expected: [
        ['response-field-removed', 'breaking', null],
        ['operation-id-changed', 'breaking', `${FILE}:1`],
      ],
    },
    {
      name: 'expired: acknowledges nothing and is a warning',
      file: entry({ rule: 'operation-id-changed', operation: 'accountsGetDetail', expires: '2026-02-28' }),
      expected: [
        ['response-field-removed', 'breaking', null],
        ['operation-id-changed', 'breaking', null],
        ['acknowledgement-expired', 'warning', null],
      ],
    },
    {
      name: 'another rule at the same place: unused, a warning',
      file: entry({ rule: 'response-field-made-optional', operation: 'accountsGetDetail', location: '/quotas' }),
      expected: [
        ['response-field-removed', 'breaking', null],
        ['operation-id-changed', 'breaking', null],
        ['acknowledgement-unused', 'warning', null],
      ],
    },
    {
      name: 'a location that is only a suffix of a segment does not match',
      file: entry({ rule: 'response-field-removed', location: 'quotas' }),
      expected: [
        ['response-field-removed', 'breaking', null],
        ['operation-id-changed', 'breaking', null],
        ['acknowledgement-unused', 'warning', null],
      ],
    },
  ])('$name', ({ file, expected }) => {
    const entries = parseAcknowledgements(file, FILE);
    expect(summary(applyAcknowledgements([fieldRemoved, idChanged], entries, TODAY))).toEqual(expected);
  });

  test('the warnings name the entry by file and line, and what it was for', () => {
    const file = `# Intentional breaks\n${entry({ rule: 'operation-id-changed', operation: 'accountsGetDetail', expires: '2025-12-31' })}\n${entry({ rule: 'response-field-removed', location: '/name' })}\n`;
    const notices = applyAcknowledgements([], parseAcknowledgements(file, FILE), TODAY);
    expect(notices.map((c) => `${c.rule} ${c.location}: ${c.message}`)).toEqual([
      `acknowledgement-expired ${FILE}:2: acknowledgement of operation-id-changed accountsGetDetail expired on 2025-12-31: renew it or remove it`,
      `acknowledgement-unused ${FILE}:6: acknowledgement of response-field-removed /name matches no change: remove it`,
    ]);
  });

  test('every rule this module reports is exercised above', () => {
    expect([...ACKNOWLEDGEMENT_RULES].sort()).toEqual(['acknowledgement-expired', 'acknowledgement-unused']);
  });
});

describe('parseAcknowledgements', () => {
  test('an empty file or one with only comments acknowledges nothing', () => {
    expect(parseAcknowledgements('', FILE)).toEqual([]);
    expect(parseAcknowledgements('# nothing acknowledged yet\n', FILE)).toEqual([]);
  });

  test.each([
    { text: 'rule: type-changed\n', error: `${FILE}:1: expected a list of entries (- rule: …, reason: …, expires: YYYY-MM-DD)` },
    { text: '- type-changed\n', error: `${FILE}:1: each entry is a mapping with rule, reason, expires and operation and/or location` },
    {
      text: `# ok\n${entry({ rule: 'type-changed', location: '/a' })}\n- rule: type-chnaged\n  location: /a\n  reason: x\n  expires: 2026-01-01\n`,
      error: `${FILE}:6: unknown rule 'type-chnaged' (the rule ids are RULES in contract-tests/spec/rules.ts)`,
    },
    {
      text: `${entry({ rule: 'type-changed', location: '/a' })}\n  until: 2026-01-01\n`,
      error: `${FILE}:5: unknown key 'until' (expected rule, operation, location, reason, expires)`,
    },
    {
      text: '- rule: type-changed\n  location: /a\n  expires: 2026-01-01\n',
      error: `${FILE}:1: reason is missing: say why the break is intended`,
    },
    {
      text: `${entry({ rule: 'type-changed', location: '/a', expires: '2026-02-30' })}\n`,
      error: `${FILE}:1: expires '2026-02-30' is not a date (YYYY-MM-DD)`,
    },
    {
      text: '- rule: type-changed\n  reason: x\n  expires: 2026-01-01\n',
      error: `${FILE}:1: give operation and/or location, so the entry cannot acknowledge every change of its rule`,
    },
    {
      text: '- rule: type-changed\n  location: /a\n  reason: ""\n  expires: 2026-01-01\n',
      error: `${FILE}:3: reason must be a non-empty string`,
    },
    { text: '- rule: [type-changed\n', error: `${FILE}:2: not valid YAML: ` },
  ])('$error', ({ text, error }) => {
    const thrown = (() => {
      try {
        return parseAcknowledgements(text, FILE);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(DiffInputError);
    expect((thrown as DiffInputError).message.slice(0, error.length)).toBe(error);
  });
});
