import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, test } from 'vitest';
import { compileOperation, compileService } from '../../contract-tests/contract/compile.ts';
import { send, waitFor } from '../../contract-tests/mock/testing.ts';
import { services } from '../../schemas/index.ts';
import { main } from '../cli.ts';
import { describeRoutes } from './command.ts';

function captureIo(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      cwd: process.cwd(),
      env: {},
      ...(signal ? { signal } : {}),
    },
  };
}

describe('api-contracts mock', () => {
  it('prints its URL and operations, serves until the signal, then stops', async () => {
    const controller = new AbortController();
    const { out, io } = captureIo(controller.signal);
    const exit = main(['mock', '--port', '0', '--service', 'huawei-dds'], io);
    const url = await waitFor(() => /Mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1]);
    const reply = await send(`${url}/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances`, { method: 'GET' });
    expect(reply.status).toBe(200);
    controller.abort();
    expect(await exit).toBe(0);
    expect(out.join('').replace(url, 'http://127.0.0.1:PORT')).toMatchInlineSnapshot(`
      "Mock listening on http://127.0.0.1:PORT; auth is not checked (--verify-auth checks it). Ctrl-C stops it.
      huawei-dds (3 operations)
        GET  /v3/{project_id}/instances                 listInstances
        GET  /v3/{project_id}/nodes/{node_id}/sessions  listSessions
        POST /v3/{project_id}/nodes/{node_id}/session   deleteSession
      Mock stopped.
      "
    `);
  });

  const usageCases: { name: string; argv: string[]; want: string }[] = [
    {
      name: 'a port that is not one',
      argv: ['--port', '80a'],
      want: 'api-contracts mock: --port must be an integer from 0 to 65535, not "80a"\n',
    },
    {
      name: 'an unknown service',
      argv: ['--port', '0', '--service', 'aws'],
      want: `api-contracts mock: unknown service "aws"; services: ${services.map((s) => s.id).join(', ')}\n`,
    },
    {
      name: 'a body limit of zero',
      argv: ['--body-limit', '0'],
      want: 'api-contracts mock: --body-limit must be an integer from 1 to 2147483648, not "0"\n',
    },
    {
      name: 'an unknown option',
      argv: ['--colour'],
      want: "api-contracts mock: Unknown option '--colour' (see `api-contracts mock --help`)\n",
    },
  ];
  it.each(usageCases)('exits 2 on $name', async ({ argv, want }) => {
    const { err, io } = captureIo();
    expect(await main(['mock', ...argv], io)).toBe(2);
    expect(err.join('')).toBe(want);
  });

  it('exits 2 when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { err, io } = captureIo();
      expect(await main(['mock', '--port', String(port)], io)).toBe(2);
      expect(err.join('')).toBe(`api-contracts mock: 127.0.0.1:${port} is already in use; pick another with --port\n`);
    } finally {
      taken.close();
    }
  });
});

describe('describeRoutes', () => {
  it('aligns the operations of each service', () => {
    const text = describeRoutes([
      { service: 'a', operationId: 'one', method: 'POST', path: '/a/one' },
      { service: 'a', operationId: 'two', method: 'GET', path: '/a/{id}/two' },
      { service: 'b', operationId: 'three', method: 'GET', path: '/b' },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "a (2 operations)
        POST /a/one       one
        GET  /a/{id}/two  two
      b (1 operation)
        GET  /b           three"
    `);
  });
});

describe('the mock refuses a model whose example no longer matches its schema', () => {
  const service = services.find((s) => s.id === 'ncp-dataforest') as (typeof services)[number];
  const [op] = service.operations as [(typeof service.operations)[number]];
  const withExample = (example: object) => ({ ...op, examples: [{ ...op.examples[0], name: 'broken', summary: 'x', ...example }] });
  test.each([
    [
      'a success response',
      { response: { status: 200, body: { success: true, availableName: 'yes' } } },
      `ncp-dataforest ${op.operationId} example "broken": the response body does not match its schema at /availableName: Invalid input: expected boolean, received string`,
    ],
    [
      'a success request',
      { request: { body: { name: 42 } } },
      `ncp-dataforest ${op.operationId} example "broken": the request body does not match its schema at /name: Invalid input: expected string, received number`,
    ],
  ])('%s: one line naming the operation, the example and the pointer', (_name, example, message) => {
    const compiled = compileService(service, undefined);
    expect(() => compileOperation(compiled, withExample(example) as typeof op)).toThrowError(message);
  });
});
