import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../cli.ts';

const root = join(import.meta.dirname, '../..');

async function run(argv: string[], cwd = root) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: {} });
  return { code, out: out.join(''), err: err.join('') };
}

describe('a user mistake is one line naming the option and the value, exit 2, before anything listens or resolves', () => {
  test.each([
    [
      'mock --host 256.1.1.1',
      'api-contracts mock: --host 256.1.1.1: expected an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost\n',
    ],
    [
      'proxy --upstream http://127.0.0.1:9 --host example.invalid',
      'api-contracts proxy: --host example.invalid: expected an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost\n',
    ],
    ['test --timeout -1', 'api-contracts test: --timeout -1: expected seconds, more than 0 and at most 600 (e.g. 30 or 2.5)\n'],
    ['mock --body-limit -5', 'api-contracts mock: --body-limit must be an integer from 1 to 2147483648, not "-5"\n'],
    [
      'proxy --upstream http://127.0.0.1:9 --body-limit -5',
      'api-contracts proxy: --body-limit must be an integer from 1 to 2147483648, not "-5"\n',
    ],
    ['mock --port -1', 'api-contracts mock: --port must be an integer from 0 to 65535, not "-1"\n'],
  ])('%s', async (line, message) => {
    expect(await run(line.split(' '))).toEqual({ code: 2, out: '', err: message });
  });
});

/** A shared option is defined once in the kit: the same mistake gets the same line from every command that takes it. */
describe('a shared option, one definition: the same value gets the same line from each command', () => {
  const UPSTREAM = ['--upstream', 'http://127.0.0.1:9'];
  test.each([
    ['--port 70000', { mock: [], proxy: UPSTREAM }, '--port must be an integer from 0 to 65535, not "70000"'],
    [
      '--host example.invalid',
      { mock: [], proxy: UPSTREAM },
      '--host example.invalid: expected an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost',
    ],
    ['--body-limit 0', { mock: [], proxy: UPSTREAM }, '--body-limit must be an integer from 1 to 2147483648, not "0"'],
    ['--report html=r.html', { proxy: UPSTREAM, test: [] }, '--report html=r.html: expected KIND=FILE with KIND one of json, junit, md'],
  ])('%s', async (option, commands, message) => {
    for (const [command, before] of Object.entries(commands)) {
      expect(await run([command, ...before, ...option.split(' ')])).toEqual({
        code: 2,
        out: '',
        err: `api-contracts ${command}: ${message}\n`,
      });
    }
  });

  test.each([
    ['--port N', ['mock', 'proxy']],
    ['--host ADDRESS', ['mock', 'proxy']],
    ['--service ID', ['mock', 'test']],
    ['--report KIND=FILE', ['proxy', 'test']],
  ])('%s is described alike in each --help', async (flag, commands) => {
    const described = new Set<string>();
    for (const command of commands) {
      const { out } = await run([command, '--help']);
      const line = out.split('\n').find((l) => l.trimStart().startsWith(`${flag} `)) ?? '';
      described.add(line.trim().slice(flag.length).trim().replace(/\d{4}/, 'PORT'));
    }
    expect(described.size).toBe(1);
  });
});

test('--version and -V print the package version', async () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    expect(await run([flag])).toEqual({ code: 0, out: `api-contracts ${version}\n`, err: '' });
  }
});

test('generate works on the repository root from a subfolder (no stray schemas/spec/)', async () => {
  const { code, out } = await run(['generate', '--check'], join(root, 'schemas', 'huawei-dds'));
  expect(code).toBe(0);
  expect(out).toMatch(/^spec\/ is up to date \(\d+ files\) and released\n$/);
});
