import { resolve as resolvePath } from 'node:path';
import { exitCodeOf } from '../../contract-tests/errors.ts';
import { diffSpecs } from '../../contract-tests/spec/diff-specs.ts';
import { isAtLeast, type Severity, sortChanges } from '../../contract-tests/spec/rules.ts';
import { EXIT, type Io, parseCommandArgs, UsageError } from '../cli/command.ts';
import { FORMATS, formatChanges, type OutputFormat } from './format.ts';
import { isFile, loadSpec } from './load-spec.ts';
import { indexSources } from './sources.ts';

export const diffUsage = `Usage: api-contracts diff OLD NEW [--fail-on breaking|warning] [--format text|json|md|github]
                         [--acknowledged FILE]

Compares two OpenAPI 3.x documents and classifies every change as breaking, warning or info, by direction
(request or response): fields, parameters, headers, constraints, types, formats, nullability, enums, unions,
deprecations, XML shape (xml.name, wrapped, attribute, namespace, prefix) and renamed operationIds and
components (the codegen gate). A change no rule classifies is reported as \`unclassified\` (warning).

OLD and NEW are each a file (JSON or YAML) or a git revision of one, read with \`git show\`:
  api-contracts diff main:spec/ncp-dataforest/openapi.json spec/ncp-dataforest/openapi.json

  --fail-on breaking|warning      exit 1 if an unacknowledged change of that severity or worse is found
                                  (default: report only)
  --format text|json|md|github    text (default): one line per change; json: an array; md: tables for PR
                                  comments and job summaries; github: Actions annotations on schemas/ files
  --acknowledged FILE             intentional changes (YAML list of rule, operation and/or location, reason,
                                  expires): reported as acknowledged, never failing; an expired or unused
                                  entry is a warning (e.g. schemas/ncp-dataforest/breaking-allowed.yaml)
  -h, --help

Exit codes: 0 nothing to fail on, 1 a change at or above --fail-on, 2 usage, unreadable input or a
malformed acknowledged-breaks file.`;

const FAIL_ON = ['breaking', 'warning'] as const satisfies Severity[];

function oneOf<const T extends readonly string[]>(option: string, value: string | undefined, allowed: T): T[number] | undefined {
  const found = allowed.find((a) => a === value);
  if (value !== undefined && found === undefined) {
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return found;
}

/** `YYYY-MM-DD` in UTC: acknowledgements expire at the end of their day, the same everywhere. */
const today = () => new Date().toISOString().slice(0, 10);

/** `api-contracts diff`: returns the exit code; bad flags and unreadable specs are one-line messages with exit 2. */
export async function runDiffCommand(argv: string[], io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(
      'diff',
      argv,
      { 'fail-on': { type: 'string' }, format: { type: 'string', default: 'text' }, acknowledged: { type: 'string' } },
      true,
    );
    if (values.help) {
      io.stdout(`${diffUsage}\n`);
      return EXIT.ok;
    }
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON);
    const format: OutputFormat = oneOf('format', values.format, FORMATS) ?? 'text';
    const [oldSource, newSource, ...extra] = positionals;
    if (oldSource === undefined || newSource === undefined || extra.length > 0) {
      throw new UsageError(`expected two specs, OLD and NEW (got ${positionals.length})\n\n${diffUsage}`);
    }
    const [oldDoc, newDoc] = await Promise.all([loadSpec(oldSource, io.cwd), loadSpec(newSource, io.cwd)]);
    let changes = diffSpecs(oldDoc, newDoc);
    if (values.acknowledged !== undefined) {
      // Loaded on demand: it brings the YAML parser, which a plain JSON diff does without.
      const { applyAcknowledgements, loadAcknowledgements } = await import('./acknowledged.ts');
      changes = sortChanges(applyAcknowledgements(changes, await loadAcknowledgements(values.acknowledged, io.cwd), today()));
    }
    const sources =
      format === 'github'
        ? await indexSources(io.cwd, newDoc, (await isFile(resolvePath(io.cwd, newSource))) ? newSource : undefined)
        : undefined;
    io.stdout(formatChanges(changes, format, `API diff: ${oldSource} → ${newSource}`, sources));
    const failing = failOn ? changes.filter((c) => !c.acknowledged && isAtLeast(c.severity, failOn)) : [];
    if (failing.length > 0) {
      io.stderr(`api-contracts diff: ${failing.length} change(s) at or above --fail-on ${failOn} in ${newSource}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (error) {
    if (exitCodeOf(error) === EXIT.usage) {
      io.stderr(`api-contracts diff: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
