import { isIP } from 'node:net';
import { UsageError } from './command.ts';

/** `--port 8080`: a whole number in [min, max], else a usage error naming the option. */
export function integer(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${option} must be an integer from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'is already in use; pick another with --port',
  EACCES: 'needs privileges; pick a port above 1023',
  EADDRNOTAVAIL: 'is not an address of this machine',
  ENOTFOUND: 'is not an address of this machine',
};

/** Turns a listen failure the user can fix (port in use, no privilege, not an address here) into a one-line usage error. */
export function listenFailure(host: string, port: number): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    const reason = error.code === undefined ? undefined : LISTEN_ERRORS[error.code];
    throw reason ? new UsageError(`${host}:${port} ${reason}`) : error;
  };
}

/**
 * `--host`: the address a server binds. An IP literal or `localhost` only, so a typo or a name is refused in one
 * line before anything listens, and nothing is resolved through DNS.
 */
export function bindAddress(text: string | undefined, fallback = '127.0.0.1'): string {
  if (text === undefined) {
    return fallback;
  }
  if (isIP(text) === 0 && text !== 'localhost') {
    throw new UsageError(`--host ${text}: expected an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost`);
  }
  return text;
}

/** Whether a bind address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
