import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * SIGINT and SIGTERM stop every long-running command the same way (servers closed, reports written, the verdict
 * as exit code), started directly, as a shell's background job (SIGINT inherited as ignored), or through npx and
 * npm run (which put `sh -c` between them and the CLI and forward a signal to that shell only).
 */

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/api-contracts.js');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-contracts-signals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** Everything written to stdout and stderr, by the CLI and whatever wraps it. */
  output: () => string;
  /** Settles once every process holding the output pipes has exited (the CLI included, orphaned or not). */
  closed: Promise<number | null>;
}

function start(command: string, args: string[]): Started {
  // No npm_* variables from a surrounding `npm test`: only the wrappers under test set them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const closed = once(child, 'close').then(([code]) => code as number | null);
  return { child, output: () => text, closed };
}

async function until<T>(read: () => T | undefined, what: string, output: () => string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never saw ${what}; output so far:\n${output()}`);
}

const listening = (started: Started) =>
  until(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1], 'the listening line', started.output);

async function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

describe('a signal stops the command cleanly', () => {
  test.each([
    ['mock', 'SIGTERM'],
    ['mock', 'SIGINT'],
    ['proxy', 'SIGTERM'],
    ['proxy', 'SIGINT'],
  ] as const)('%s, started directly, on %s: closes, writes its report, exits 0', async (command, signal) => {
    const report = join(dir, `${command}-${signal}.json`);
    const args =
      command === 'mock'
        ? ['mock', '--port', '0', '--service', 'huawei-dds']
        : ['proxy', '--port', '0', '--upstream', 'http://127.0.0.1:9', '--report', `json=${report}`];
    const started = start(process.execPath, [bin, ...args]);
    const url = await listening(started);
    started.child.kill(signal);
    expect(await started.closed).toBe(0);
    expect(await refused(url)).toBe(true);
    if (command === 'proxy') {
      expect(JSON.parse(await readFile(report, 'utf8')).exchanges).toMatchObject({ passed: 0, failed: 0 });
    } else {
      expect(started.output()).toContain('Mock stopped.');
    }
  });

  test("a shell's background job (SIGINT ignored on entry) still stops on SIGINT", async () => {
    // A non-interactive sh starts `&` jobs with SIGINT ignored; `wait` returns the job's exit code.
    const started = start('sh', ['-c', `"${process.execPath}" "${bin}" mock --port 0 --service huawei-dds & echo "pid $!"; wait $!`]);
    const url = await listening(started);
    const pid = Number(/pid (\d+)/.exec(started.output())?.[1]);
    process.kill(pid, 'SIGINT');
    expect(await started.closed).toBe(0);
    expect(started.output()).toContain('Mock stopped.');
    expect(await refused(url)).toBe(true);
  });

  test('test on SIGTERM: exit 130, the report written and marked interrupted', async () => {
    const report = join(dir, 'test.json');
    const started = start(process.execPath, [bin, 'test', '--concurrency', '1', '--report', `json=${report}`]);
    await until(() => (/[✓✗]/.test(started.output()) ? true : undefined), 'a first result', started.output);
    started.child.kill('SIGTERM');
    expect(await started.closed).toBe(130);
    expect(JSON.parse(await readFile(report, 'utf8')).summary.interrupted).toBe(true);
  });
});

describe('through npx and npm run, stopping the wrapper stops the CLI (no orphan holding the port)', () => {
  test.each([
    ['npx api-contracts mock', 'npx', ['api-contracts', 'mock', '--port', '0', '--service', 'huawei-dds']],
    ['npm run mock', 'npm', ['run', 'mock', '--', '--port', '0', '--service', 'huawei-dds']],
  ])('%s, then kill', async (_name, command, args) => {
    const started = start(command, args);
    const url = await listening(started);
    started.child.kill('SIGTERM');
    // The output pipes close only when the CLI itself has exited, whatever became of the wrapper.
    await started.closed;
    expect(started.output()).toContain('Mock stopped.');
    expect(await refused(url)).toBe(true);
  });
});
