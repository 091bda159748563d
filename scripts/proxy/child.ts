import { spawn } from 'node:child_process';
import type { Io } from '../cli/command.ts';

/** How the wrapped command ended: its exit code, or 128 + the signal's number as a shell reports it. */
export interface ChildEnd {
  code: number;
  /** One line saying why the command failed, or undefined when it succeeded. */
  failure: string | undefined;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * `proxy … -- COMMAND [ARGS]`: runs the command with the proxy's URL in its environment, its output passed
 * through. `stop` forwards a signal to it (the proxy was asked to stop); `ended` settles when it has exited.
 */
export function runWrapped(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): { ended: Promise<ChildEnd>; stop: () => void } {
  const [command, ...args] = argv as [string, ...string[]];
  const child = spawn(command, args, { env, cwd: io.cwd, stdio: ['inherit', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8').on('data', (text: string) => io.stdout(text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => io.stderr(text));
  const ended = new Promise<ChildEnd>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const notFound = error.code === 'ENOENT';
      resolve({
        code: notFound ? 127 : 126,
        failure: `${command}: ${notFound ? 'command not found' : `could not be started (${error.code})`}`,
      });
    });
    child.once('close', (code, signal) => {
      if (signal !== null) {
        resolve({ code: 128 + (SIGNAL_NUMBERS[signal] ?? 0), failure: `${command} was stopped by ${signal}` });
      } else {
        resolve({ code: code ?? 0, failure: code === 0 ? undefined : `${command} exited with code ${code}` });
      }
    });
  });
  return {
    ended,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
    },
  };
}
