import { describe, expect, test } from 'vitest';
import { fixtureSpec, at as obj } from './fixture.ts';
import type { Node } from './openapi.ts';
import { change } from './rules.ts';
import { pendingRelease, releaseDue, requiredBump } from './versioning.ts';

const text = (spec: Node) => `${JSON.stringify(spec, null, 2)}\n`;
const released = fixtureSpec();
obj(released, 'info').version = '1.4.2';
const release = { version: '1.4.2', spec: text(released), changelog: '' };

/** The fixture as the generator would write it now: the released version, with one edit. */
function edited(edit: (spec: Node) => void): string {
  const spec = structuredClone(released);
  edit(spec);
  return text(spec);
}

const detail = (s: Node) => obj(s, 'components', 'schemas', 'GetAccountDetailResponse');

describe('the version a changed spec needs', () => {
  test.each([
    {
      name: 'a breaking change (response field removed)',
      edit: (s: Node) => delete obj(detail(s), 'properties').name,
      bump: 'major',
      to: '2.0.0',
    },
    {
      name: 'an optional response field added',
      edit: (s: Node) => {
        obj(detail(s), 'properties').region = { type: 'string' };
      },
      bump: 'minor',
      to: '1.5.0',
    },
    {
      name: 'a warning-level change (request field removed)',
      edit: (s: Node) => delete obj(s, 'components', 'schemas', 'GetAccountListRequest', 'properties').limit,
      bump: 'minor',
      to: '1.5.0',
    },
    {
      name: 'a description edit',
      edit: (s: Node) => {
        obj(detail(s), 'properties', 'name').description = 'The account name, unique per contract.';
      },
      bump: 'patch',
      to: '1.4.3',
    },
    {
      name: 'layout only (same document, other indentation)',
      edit: () => {},
      bump: 'patch',
      to: '1.4.3',
      reformat: true,
    },
  ])('$name → $bump ($to)', ({ edit, bump, to, reformat }) => {
    const spec = reformat ? JSON.stringify(released) : edited(edit);
    expect(pendingRelease('ncp-dataforest', spec, release)).toMatchObject({ from: '1.4.2', to, bump });
  });

  test('the released spec itself needs nothing', () => {
    expect(pendingRelease('ncp-dataforest', release.spec, release)).toBeUndefined();
  });

  test('a service never released needs 1.0.0', () => {
    expect(pendingRelease('ncp-dataforest', release.spec, undefined)).toEqual({
      service: 'ncp-dataforest',
      from: '0.0.0',
      to: '1.0.0',
      bump: 'first',
      changes: [],
    });
  });

  test('info.version alone changing is no reason for a release', () => {
    expect(requiredBump([change('version-changed', null, '#/info/version', 'info.version 1.4.2 → 1.5.0')])).toBeUndefined();
  });
});

describe('what generate says when a release is due', () => {
  test.each([
    {
      spec: edited((s) => delete obj(detail(s), 'properties').name),
      release,
      message:
        'spec/ncp-dataforest/openapi.json changed since its last release without a version bump: ncp-dataforest 1.4.2 → 2.0.0 (major: 1 breaking, 0 warning, 0 info) — run `npx api-contracts release --service ncp-dataforest` and commit releases/ and spec/',
    },
    {
      spec: release.spec,
      release: undefined,
      message:
        'spec/ncp-dataforest/openapi.json has never been released: ncp-dataforest 0.0.0 → 1.0.0 (first release) — run `npx api-contracts release --service ncp-dataforest` and commit releases/ and spec/',
    },
  ])('$message', ({ spec, release: last, message }) => {
    const pending = pendingRelease('ncp-dataforest', spec, last);
    expect(pending && releaseDue(pending)).toBe(message);
  });
});
