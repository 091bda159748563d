import { EXIT, type Io, parseCommandArgs, UsageError } from '../cli/command.ts';
import { diffSpecs } from './diff-specs.ts';
import { DiffInputError } from './errors.ts';
import { FORMATS, type Format, formatChanges } from './format.ts';
import { loadSpec } from './load-spec.ts';
import { isAtLeast, type Severity } from './rules.ts';

export const diffUsage = `Usage: api-contracts diff OLD NEW [--fail-on breaking|warning] [--format text|json|md]

Compares two OpenAPI 3.1 documents and classifies every change as breaking, warning or info, by direction
(request or response), including XML shape (xml.name, wrapped, attribute) and renamed operationIds and
component schemas (the codegen gate).

OLD and NEW are each a file (JSON or YAML) or a git revision of one, read with \`git show\`:
  api-contracts diff main:spec/ncp-dataforest/openapi.json spec/ncp-dataforest/openapi.json

  --fail-on breaking|warning  exit 1 if a change of that severity or worse is found (default: report only)
  --format text|json|md       text (default): one line per change; json: an array; md: a table for PR comments
  -h, --help

Exit codes: 0 nothing to fail on, 1 a change at or above --fail-on, 2 usage or unreadable input.`;

const FAIL_ON = ['breaking', 'warning'] as const satisfies Severity[];

function oneOf<const T extends readonly string[]>(option: string, value: string | undefined, allowed: T): T[number] | undefined {
  const found = allowed.find((a) => a === value);
  if (value !== undefined && found === undefined) {
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return found;
}

/** `api-contracts diff`: returns the exit code; bad flags and unreadable specs are one-line messages with exit 2. */
export async function runDiffCommand(argv: string[], io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(
      'diff',
      argv,
      { 'fail-on': { type: 'string' }, format: { type: 'string', default: 'text' } },
      true,
    );
    if (values.help) {
      io.stdout(`${diffUsage}\n`);
      return EXIT.ok;
    }
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON);
    const format: Format = oneOf('format', values.format, FORMATS) ?? 'text';
    const [oldSource, newSource, ...extra] = positionals;
    if (oldSource === undefined || newSource === undefined || extra.length > 0) {
      throw new UsageError(`expected two specs, OLD and NEW (got ${positionals.length})\n\n${diffUsage}`);
    }
    const [oldDoc, newDoc] = await Promise.all([loadSpec(oldSource, io.cwd), loadSpec(newSource, io.cwd)]);
    const changes = diffSpecs(oldDoc, newDoc);
    io.stdout(formatChanges(changes, format, `API diff: ${oldSource} → ${newSource}`));
    const failing = failOn ? changes.filter((c) => isAtLeast(c.severity, failOn)) : [];
    if (failing.length > 0) {
      io.stderr(`api-contracts diff: ${failing.length} change(s) at or above --fail-on ${failOn} in ${newSource}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof DiffInputError) {
      io.stderr(`api-contracts diff: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
