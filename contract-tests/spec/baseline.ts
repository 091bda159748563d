import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { ContractError } from '../errors.ts';

/**
 * The last released spec of each service, committed so a shallow CI clone can check versions:
 * `releases/<service>/openapi.json` (byte for byte the spec as released) and `releases/<service>/CHANGELOG.md`.
 * Right after a release the baseline and `spec/<service>/openapi.json` are one git blob.
 */
export const RELEASES_DIR = 'releases';

export const baselinePath = (service: string) => join(RELEASES_DIR, service, 'openapi.json');
export const changelogPath = (service: string) => join(RELEASES_DIR, service, 'CHANGELOG.md');

export interface Release {
  /** Semantic version of the released spec (`info.version`). */
  version: string;
  /** The released spec's text. */
  spec: string;
  changelog: string;
}

/** Releases by service id; a service never released has no entry. */
export type Releases = Map<string, Release>;

/** The version a never-released spec carries until its first release (which is 1.0.0). */
export const UNRELEASED = '0.0.0';

export class ReleaseError extends ContractError<'CONFIG_RELEASE'> {
  constructor(message: string) {
    super('CONFIG_RELEASE', message);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return undefined;
    }
    throw error;
  });
}

/** Reads the released baseline and changelog of each service under `cwd`; a malformed baseline is a ReleaseError. */
export async function readReleases(cwd: string, serviceIds: string[]): Promise<Releases> {
  const releases: Releases = new Map();
  for (const id of serviceIds) {
    const spec = await readOptional(join(cwd, baselinePath(id)));
    if (spec === undefined) {
      continue;
    }
    let version: unknown;
    try {
      version = (JSON.parse(spec) as { info?: { version?: unknown } }).info?.version;
    } catch (error) {
      throw new ReleaseError(`${baselinePath(id)}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof version !== 'string' || semver.valid(version) !== version) {
      throw new ReleaseError(`${baselinePath(id)}: info.version ${JSON.stringify(version)} is not a semantic version (MAJOR.MINOR.PATCH)`);
    }
    releases.set(id, { version, spec, changelog: (await readOptional(join(cwd, changelogPath(id)))) ?? '' });
  }
  return releases;
}

/** Records a release: the baseline spec and the changelog, under `cwd`. */
export async function writeRelease(cwd: string, service: string, release: Release): Promise<void> {
  for (const [path, text] of [
    [baselinePath(service), release.spec],
    [changelogPath(service), release.changelog],
  ] as const) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), text);
  }
}
