import { specJson } from '../../contract-tests/spec/artifacts.ts';
import { changelogPath, readReleases, UNRELEASED, writeRelease } from '../../contract-tests/spec/baseline.ts';
import { describePending, type Pending, pendingRelease } from '../../contract-tests/spec/versioning.ts';
import { generateSpec } from '../../contract-tests/spec/write-spec.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { services as allServices } from '../../schemas/index.ts';
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from '../cli/command.ts';
import { changelogEntry, withEntry } from './changelog.ts';

const usage = `Usage: api-contracts release [--service ID]... [--dry-run]

Cuts a release of each spec that changed since its last one: the version follows semantic versioning
against releases/<service>/openapi.json (breaking → major, any other change a client can see → minor,
documentation only → patch), releases/<service>/CHANGELOG.md gets the diff as its newest entry, and
spec/ is regenerated with the new info.version. A service never released gets 1.0.0.

  --service ID   only this service (repeatable; default: every service)
  --dry-run      print what would be released; write nothing
  -h, --help

Commit releases/ and spec/ together afterwards.`;

/** `YYYY-MM-DD` of the release: SOURCE_DATE_EPOCH (seconds) when set, for reproducible output, else today (UTC). */
function releaseDate(env: NodeJS.ProcessEnv): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) {
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got '${epoch}')`);
  }
  return new Date(epoch === undefined ? Date.now() : Number(epoch) * 1000).toISOString().slice(0, 10);
}

/** Each service whose current spec differs from its last release, with what releasing it means. */
async function pendingFor(cwd: string, services: Service[]) {
  const releases = await readReleases(
    cwd,
    services.map((s) => s.id),
  );
  return services.flatMap((service) => {
    const release = releases.get(service.id);
    const pending = pendingRelease(service.id, specJson(service, release?.version ?? UNRELEASED), release);
    return pending ? [{ service, release, pending }] : [];
  });
}

/** Records each pending release (baseline at the new version, changelog entry) under `cwd`. */
export async function cutReleases(cwd: string, services: Service[], date: string): Promise<Pending[]> {
  const due = await pendingFor(cwd, services);
  for (const { service, release, pending } of due) {
    await writeRelease(cwd, service.id, {
      version: pending.to,
      spec: specJson(service, pending.to),
      changelog: withEntry(release?.changelog ?? '', service.title, changelogEntry(pending, date, service.operations.length)),
    });
  }
  return due.map((d) => d.pending);
}

function selectServices(ids: string[] | undefined): Service[] {
  if (!ids || ids.length === 0) {
    return allServices;
  }
  return ids.map((id) => {
    const found = allServices.find((s) => s.id === id);
    if (!found) {
      throw new UsageError(`unknown service '${id}' (services: ${allServices.map((s) => s.id).join(', ')})`);
    }
    return found;
  });
}

async function dryRun(services: Service[], io: Io): Promise<number> {
  const due = await pendingFor(io.cwd, services);
  io.stdout(
    due.length === 0 ? 'Nothing to release.\n' : `Would release:\n${due.map((d) => `  ${describePending(d.pending)}`).join('\n')}\n`,
  );
  return EXIT.ok;
}

export const releaseCommand: Command = {
  name: 'release',
  summary: 'version each changed spec by its diff, write its changelog, regenerate spec/',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('release', argv, { service: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    const services = selectServices(values.service);
    if (values['dry-run']) {
      return dryRun(services, io);
    }
    const cut = await cutReleases(io.cwd, services, releaseDate(io.env));
    if (cut.length === 0) {
      io.stdout('Nothing to release: every spec is its last release.\n');
      return EXIT.ok;
    }
    io.stdout(`Released:\n${cut.map((p) => `  ${describePending(p)}  ${changelogPath(p.service)}`).join('\n')}\n`);
    // Every spec is regenerated, not only the released ones, as `generate` does.
    io.stdout(await generateSpec(io.cwd, allServices));
    io.stdout('Commit releases/ and spec/ together.\n');
    return EXIT.ok;
  },
};
