import { releaseDue } from '../../contract-tests/spec/versioning.ts';
import { checkSpec, generateSpec } from '../../contract-tests/spec/write-spec.ts';
import { services } from '../../schemas/index.ts';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../cli/command.ts';
import { publishHistory } from './history.ts';

const usage = `Usage: api-contracts generate [--check] [--history DIR]

Writes spec/<service>/openapi.json, openapi.yaml and index.html (offline docs), spec/index.html and
spec/.generated.json (the list of generated files) from the schemas in schemas/. Only files that list
names are ever replaced or removed: others in spec/ (a CNAME, a hand-written page) are left alone. A docs
page rendered from the same spec and Redocly version is kept instead of rendered again.

  --check   regenerate in memory and compare with spec/; exit 1 naming each stale file, and each spec
            that changed since its last release (releases/) without the version bump it needs
  --history DIR
            also write the run-history status pages (\`api-contracts history DIR --html spec\`):
            spec/history.html and spec/<service>/history.html, linked from spec/index.html; for
            publishing the docs, not for committing (generate --check wants spec/ without them)
  -h, --help`;

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write spec/ (OpenAPI 3.1 JSON + YAML) and the offline docs; --check compares instead',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('generate', argv, { check: { type: 'boolean' }, history: { type: 'string' } });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return EXIT.ok;
    }
    if (values.check && values.history !== undefined) {
      throw new UsageError('--check compares spec/ as committed, which never holds the history pages; run them apart');
    }
    if (values.check) {
      const { files, stale, pending } = await checkSpec(io.cwd, services);
      if (stale.length > 0) {
        io.stderr(`spec/ is stale — run \`npx api-contracts generate\` and commit the result:\n${stale.map((p) => `  ${p}`).join('\n')}\n`);
      }
      if (pending.length > 0) {
        io.stderr(`${pending.map(releaseDue).join('\n')}\n`);
      }
      if (stale.length > 0 || pending.length > 0) {
        return EXIT.failed;
      }
      io.stdout(`spec/ is up to date (${files} files) and released\n`);
      return EXIT.ok;
    }
    io.stdout(await generateSpec(io.cwd, services));
    if (values.history !== undefined) {
      const { warnings, pages } = await publishHistory(io.cwd, values.history);
      for (const warning of warnings) {
        io.stderr(`api-contracts generate: history: ${warning}\n`);
      }
      io.stdout(`  status pages     ${pages.join(', ')}\n`);
    }
    return EXIT.ok;
  },
};
