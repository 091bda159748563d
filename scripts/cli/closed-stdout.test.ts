import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** `api-contracts … | head -1` where head has already gone: every write to stdout fails with EPIPE. */

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/api-contracts.js');

function startWithClosedStdout(argv: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.destroy();
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = once(child, 'close').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, done };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('a closed stdout ends each command quietly, with its usual exit code', () => {
  test.each([
    ['--help', ['--help'], 0, ''],
    ['generate --check', ['generate', '--check'], 0, ''],
    ['test (every example against the embedded mock)', ['test'], 0, ''],
    ['diff of a spec with itself', ['diff', 'spec/huawei-dds/openapi.json', 'spec/huawei-dds/openapi.json'], 0, ''],
    [
      'diff with breaking changes',
      ['diff', 'spec/huawei-dcs/openapi.json', 'spec/huawei-dds/openapi.json', '--fail-on', 'breaking'],
      1,
      expect.stringMatching(/^api-contracts diff: \d+ change\(s\) at or above --fail-on breaking in spec\/huawei-dds\/openapi.json\n$/),
    ],
  ])('%s', async (_name, argv, code, stderr) => {
    expect(await startWithClosedStdout(argv).done).toEqual({ code, stderr });
  });

  test('mock keeps serving, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const { child, done } = startWithClosedStdout(['mock', '--port', String(port), '--service', 'huawei-dds']);
    try {
      let status: number | undefined;
      for (let attempt = 0; attempt < 100 && status === undefined; attempt++) {
        status = await fetch(`http://127.0.0.1:${port}/nowhere`).then(
          (response) => response.status,
          () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)),
        );
      }
      expect(status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await done).toEqual({ code: 0, stderr: '' });
  });
});
