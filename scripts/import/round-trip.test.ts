import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { roundTrip } from './round-trip.ts';
import { REPO_ROOT, sharedInputs } from './shared-inputs.ts';

const shared = sharedInputs();
const seed = (prefix: string) => {
  const dir = shared?.seeds ?? '';
  const file = readdirSync(dir).find((f) => f.startsWith(prefix));
  return join(dir, file ?? `${prefix}-missing`);
};

/** The seed pages of operations the project has: importing each in place of the hand-written file loses nothing. */
const SEEDS = [
  { seed: '000_', operationId: 'appsKillMaster', explained: [] },
  { seed: '002_', operationId: 'hangUpKillAllClients', explained: [] },
  // The page cannot say that every account has a quota; the hand-written file's doc note explains its min(1).
  { seed: '003_', operationId: 'accountsGetDetail', explained: ['response-min-items-loosened /quotas'] },
  { seed: '004_', operationId: 'deleteSession', explained: [] },
];

describe.skipIf(!shared)('import round trip on the seed pages (skipped: no ../shared/seeds beside the repository)', () => {
  it.each(SEEDS)(
    '$seed ($operationId): no breaking or warning diff that the doc notes do not explain',
    async ({ seed: prefix, operationId, explained }) => {
      const result = await roundTrip(REPO_ROOT, seed(prefix), services);
      expect(result.original.operationId).toBe(operationId);
      expect(result.imported.operationId).toBe(operationId);
      expect(result.unexplained.map((c) => `${c.rule} ${c.location}: ${c.message}`)).toEqual([]);
      expect(result.changes.map((c) => `${c.rule} ${c.location?.split(' ').at(-1)}`)).toEqual(explained);
    },
  );
});
