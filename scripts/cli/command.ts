import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../../contract-tests/errors.ts';

/** Where a command writes and what it runs in; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C; long-running commands stop cleanly when it fires. */
  signal?: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[], io: Io) => Promise<number>;
}

// The exit codes of every command (docs/ci.md has the table) and the usage error the engine raises too (a bad
// manifest, a bad values file); the kit re-exports them for the commands.
export { EXIT, UsageError } from '../../contract-tests/errors.ts';

/**
 * `node:util` parseArgs in strict mode, with its errors turned into UsageErrors that name the command,
 * so `--chek` gets one line naming the option and the help to read instead of a stack trace.
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: negativeValuesJoined(argv, options),
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${message} (see \`api-contracts ${command} --help\`)`);
  }
}

/**
 * `--timeout -1` would make parseArgs complain, over three lines, that the value looks like an option: a token
 * that is a negative number after a string option is its value, joined as `--timeout=-1`, so the option's own
 * check names the option and the value in one line.
 */
function negativeValuesJoined(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const next = argv[i + 1];
    const name = token.startsWith('--') ? token.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${token}=${next}`);
      i++;
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/**
 * The checkout a command that writes the repository's own files (spec/, releases/) works in: the nearest folder
 * at or above `cwd` holding `schemas/index.ts`, so `cd schemas && api-contracts generate` writes the root's
 * spec/, not a stray `schemas/spec/`. Elsewhere, `cwd` itself.
 */
export function repositoryRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schemas', 'index.ts'))) {
      return dir;
    }
    if (dirname(dir) === dir) {
      return cwd;
    }
  }
}
