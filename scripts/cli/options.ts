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

/** The most `--timeout` accepts, in seconds: a value meant as milliseconds (30000) is refused rather than waited out. */
export const MAX_TIMEOUT_S = 600;

/** An option several commands take, defined once: its parseArgs entry, its usage line, how its value is read. */
interface SharedOption {
  config: { type: 'string' | 'boolean'; multiple?: boolean };
  /** The option as the usage shows it: `--port N`. */
  flag: string;
  /**
   * Its description, one entry a line; `{default}` stands for the command's default. Absent where the option means
   * something different to each command (what `--strict` makes fail): the command gives the description.
   */
  help?: readonly string[];
}

const SHARED = {
  port: {
    config: { type: 'string' },
    flag: '--port N',
    help: ['port to listen on (default {default}; 0: any free port)'],
  },
  host: {
    config: { type: 'string' },
    flag: '--host ADDRESS',
    help: ['address to bind (default 127.0.0.1); keep it unless other machines must reach it'],
  },
  service: {
    config: { type: 'string', multiple: true },
    flag: '--service ID',
    help: ['only this service (repeatable)'],
  },
  report: {
    config: { type: 'string', multiple: true },
    flag: '--report KIND=FILE',
    help: ['write a report: json, junit or md (repeatable); the paths are checked', 'before anything starts'],
  },
  strict: { config: { type: 'boolean' }, flag: '--strict' },
  'allow-unsafe': { config: { type: 'boolean' }, flag: '--allow-unsafe' },
  'body-limit': { config: { type: 'string' }, flag: '--body-limit BYTES' },
  timeout: {
    config: { type: 'string' },
    flag: '--timeout SECONDS',
    help: [
      'the most one attempt of a request may take, from connecting to the',
      `last byte (default {default}, e.g. 2.5; at most ${MAX_TIMEOUT_S}); a read that times`,
      'out is retried like one whose connection was reset',
    ],
  },
} as const satisfies Record<string, SharedOption>;

type SharedName = keyof typeof SHARED;
type SharedConfig<K extends SharedName> = { [N in K]: (typeof SHARED)[N]['config'] };

/** The parseArgs entries of the shared options a command takes, to spread into its own. */
export function sharedOptions<const K extends SharedName>(...names: K[]): SharedConfig<K> {
  return Object.fromEntries(names.map((name) => [name, SHARED[name].config])) as SharedConfig<K>;
}

/** One line (or more) of a usage's option list: the flag padded to `width`, its description beside it. */
export function usageLines(width: number, flag: string, help: readonly string[]): string {
  const indent = ' '.repeat(2 + width + 1);
  return help.map((line, i) => (i === 0 ? `  ${flag.padEnd(width)} ${line}` : `${indent}${line}`)).join('\n');
}

/**
 * A shared option's usage lines: its own description with `fill` for `{default}`, or, for an option whose meaning
 * is the command's, the lines given.
 */
export function sharedUsage(width: number, name: SharedName, fill: string | readonly string[] = ''): string {
  const option: SharedOption = SHARED[name];
  const help = option.help?.map((line) => line.replace('{default}', String(fill))) ?? (typeof fill === 'string' ? [fill] : fill);
  return usageLines(width, option.flag, help);
}

/** `--port N`: a port to listen on, `fallback` when not given. */
export function listenPort(value: string | undefined, fallback: number): number {
  return integer('--port', value ?? String(fallback), 0, 65535);
}

/** `--body-limit BYTES`, undefined when not given. */
export function bodyLimit(value: string | undefined): number | undefined {
  return value === undefined ? undefined : integer('--body-limit', value, 1, 2 ** 31);
}

/** `--timeout 30` or `2.5`: seconds, as milliseconds; undefined when not given. */
export function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0 || seconds > MAX_TIMEOUT_S) {
    throw new UsageError(`--timeout ${value}: expected seconds, more than 0 and at most ${MAX_TIMEOUT_S} (e.g. 30 or 2.5)`);
  }
  return Math.ceil(seconds * 1000);
}
