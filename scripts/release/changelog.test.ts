import { describe, expect, test } from 'vitest';
import { change } from '../../contract-tests/spec/rules.ts';
import { changelogEntry, withEntry } from './changelog.ts';

const scope = { operation: 'accountsGetDetail', method: 'POST', path: '/api/v2/accounts/getDetail' };
const major = {
  service: 'ncp-dataforest',
  from: '1.4.2',
  to: '2.0.0',
  bump: 'major' as const,
  changes: [
    change(
      'response-field-removed',
      scope,
      'response 200 application/json, application/xml /name',
      'field removed without being deprecated first',
    ),
    change('response-field-added', scope, 'response 200 application/json, application/xml /region', 'field added (optional)'),
    change('docs-changed', null, '#/components/schemas/AccountQuota', 'description changed'),
  ],
};

describe('changelog', () => {
  test('an entry lists the diff by section, breaking first', () => {
    expect(changelogEntry(major, '2026-03-01', 51)).toMatchInlineSnapshot(`
      "## 2.0.0 — 2026-03-01

      Breaking changes: clients generated from the previous release may need changes.

      ### Breaking

      - \`POST /api/v2/accounts/getDetail\` \`response 200 application/json, application/xml /name\`: field removed without being deprecated first (\`response-field-removed\`)

      ### Changes

      - \`POST /api/v2/accounts/getDetail\` \`response 200 application/json, application/xml /region\`: field added (optional) (\`response-field-added\`)

      ### Documentation

      - \`#/components/schemas/AccountQuota\`: description changed (\`docs-changed\`)
      "
    `);
  });

  test('a first release says how many operations it has', () => {
    expect(changelogEntry({ ...major, from: '0.0.0', to: '1.0.0', bump: 'first', changes: [] }, '2026-01-05', 51)).toBe(
      '## 1.0.0 — 2026-01-05\n\nFirst release: 51 operations.\n',
    );
  });

  test('entries are newest first, under the header', () => {
    const first = withEntry('', 'NAVER Cloud Data Forest API', '## 1.0.0 — 2026-01-05\n\nFirst release: 51 operations.\n');
    const second = withEntry(first, 'NAVER Cloud Data Forest API', '## 1.0.1 — 2026-02-01\n\nDocumentation only.\n');
    expect(second).toMatchInlineSnapshot(`
      "# Changelog: NAVER Cloud Data Forest API

      The spec's \`info.version\` follows semantic versioning against the previous release: a breaking change
      makes a major release, an addition or any other change a client can see a minor one, a documentation
      edit a patch. Each entry is written by \`api-contracts release\` from the diff; newest first.

      ## 1.0.1 — 2026-02-01

      Documentation only.

      ## 1.0.0 — 2026-01-05

      First release: 51 operations.
      "
    `);
  });
});
