import semver from 'semver';
import type { Service } from '../../schemas/_shared/service.ts';
import { type Release, type Releases, UNRELEASED } from './baseline.ts';
import { diffSpecs } from './diff-specs.ts';
import { type Change, countLine, type RuleId } from './rules.ts';

export type Bump = 'major' | 'minor' | 'patch';

/** Changes no client can notice: a spec whose only changes are these is a patch. */
const PROSE_ONLY = new Set<RuleId>(['docs-changed']);
/** The version itself changing is the outcome of a release, not a reason for one. */
const NOT_A_CHANGE = new Set<RuleId>(['version-changed']);

/** Breaking → major, any other change a client can see (additions, warnings) → minor, prose only → patch. */
export function requiredBump(changes: Change[]): Bump | undefined {
  const relevant = changes.filter((c) => !NOT_A_CHANGE.has(c.rule));
  if (relevant.length === 0) {
    return undefined;
  }
  if (relevant.some((c) => c.severity === 'breaking')) {
    return 'major';
  }
  return relevant.some((c) => !PROSE_ONLY.has(c.rule)) ? 'minor' : 'patch';
}

/** A release the current spec of a service needs. */
export interface Pending {
  service: string;
  from: string;
  to: string;
  bump: Bump | 'first';
  /** From the released spec to the current one (empty for a first release). */
  changes: Change[];
}

/**
 * What `spec` (the spec as generated now, carrying the released version) needs: nothing when it is the
 * released spec, else the next version by the diff against it. A service never released needs 1.0.0.
 */
export function pendingRelease(service: string, spec: string, release: Release | undefined): Pending | undefined {
  if (!release) {
    return { service, from: UNRELEASED, to: '1.0.0', bump: 'first', changes: [] };
  }
  if (spec === release.spec) {
    return undefined;
  }
  const changes = diffSpecs(JSON.parse(release.spec), JSON.parse(spec)).filter((c) => !NOT_A_CHANGE.has(c.rule));
  // Texts that differ with no change at all differ in layout only: a patch is still a new text to publish.
  const bump = requiredBump(changes) ?? 'patch';
  return { service, from: release.version, to: semver.inc(release.version, bump) ?? release.version, bump, changes };
}

/** `ncp-dataforest 1.0.0 → 2.0.0 (major: 1 breaking, 0 warning, 2 info)` */
export function describePending(p: Pending): string {
  const why = p.bump === 'first' ? 'first release' : `${p.bump}: ${countLine(p.changes)}`;
  return `${p.service} ${p.from} → ${p.to} (${why})`;
}

/** The releases due for the specs about to be written (`artifacts`: path → text, as `generate` makes them). */
export function pendingReleases(services: Service[], artifacts: ReadonlyMap<string, string>, releases: Releases): Pending[] {
  return services.flatMap((s) => {
    const spec = artifacts.get(`spec/${s.id}/openapi.json`);
    const pending = spec === undefined ? undefined : pendingRelease(s.id, spec, releases.get(s.id));
    return pending ? [pending] : [];
  });
}

/** What `generate` says about a release that is due, with the command that cuts it. */
export function releaseDue(p: Pending): string {
  const what = p.bump === 'first' ? 'has never been released' : 'changed since its last release without a version bump';
  return `spec/${p.service}/openapi.json ${what}: ${describePending(p)} — run \`npx api-contracts release --service ${p.service}\` and commit releases/ and spec/`;
}
