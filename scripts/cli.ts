import { readFileSync } from 'node:fs';
import { exitCodeOf } from '../contract-tests/errors.ts';
import { type Command, EXIT, type Io, repositoryRoot } from './cli/command.ts';

/** Commands that write the repository's own files run at its root, wherever in it they are started. */
const AT_ROOT = new Set(['generate', 'release']);

function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Commands load lazily so `api-contracts diff` does not pay for building every schema. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  generate: {
    summary: 'write spec/ and the offline docs (--check: fail if spec/ is stale)',
    load: async () => (await import('./generate/command.ts')).generateCommand,
  },
  mock: {
    summary: 'serve every documented operation in JSON and XML',
    load: async () => (await import('./mock/command.ts')).mockCommand,
  },
  test: {
    summary: 'run every example (JSON and XML) against the mock or a live API and report drift',
    load: async () => (await import('./test/command.ts')).testCommand,
  },
  diff: {
    summary: 'classify the changes between two specs (breaking / warning / info)',
    load: async () => {
      const diff = await import('./diff/command.ts');
      return { name: 'diff', summary: 'classify spec changes', usage: diff.diffUsage, run: diff.runDiffCommand };
    },
  },
  release: {
    summary: 'version each changed spec by its diff (semver), write its changelog, regenerate spec/',
    load: async () => (await import('./release/command.ts')).releaseCommand,
  },
  proxy: {
    summary: 'forward real traffic and check each exchange (JSON and XML) against the contract',
    load: async () => (await import('./proxy/command.ts')).proxyCommand,
  },
  history: {
    summary: 'what changed across recorded runs (test --history): drift, coverage rot, new fields; status pages',
    load: async () => (await import('./history/command.ts')).historyCommand,
  },
};

const usage = `Usage: api-contracts <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run \`api-contracts <command> --help\` for a command's options; \`api-contracts --version\` prints the version.`;

/** Runs one CLI invocation and returns its exit code; user mistakes become one-line messages, never stacks. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usage}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`api-contracts ${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`api-contracts: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return EXIT.usage;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, AT_ROOT.has(name) ? { ...io, cwd: repositoryRoot(io.cwd) } : io);
  } catch (error) {
    // The user's mistakes (the catalogue's `usage` codes) are one line; anything else is a fault, raised with its stack.
    if (exitCodeOf(error) === EXIT.usage) {
      io.stderr(`api-contracts ${name}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
