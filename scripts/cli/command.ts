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

/** 130 = 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

// The engine throws it too (a bad manifest, a bad values file); the kit re-exports it for the commands.
export { UsageError } from '../../contract-tests/errors.ts';

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
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${message} (see \`api-contracts ${command} --help\`)`);
  }
}
