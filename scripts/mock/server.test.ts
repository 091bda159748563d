import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './server.ts';
import { send } from './testing.ts';

/** What the HTTP adapter guarantees whatever the pipeline says: limits and timeouts, answered in the envelope. */

const NCP = '/api/v2/accounts/getDetail';
const LIMIT = 1024;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ services: ['ncp-dataforest'], bodyLimit: LIMIT, timeouts: { headersMs: 200, requestMs: 400 } });
});
afterAll(() => mock?.close());

/** Writes raw bytes, leaves the socket open as a slow client would, and returns whatever the server answers. */
function rawExchange(bytes: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      const [head = '', body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      resolve({ head: head.split('\r\n')[0] ?? '', body });
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('the HTTP adapter', () => {
  it('answers headers that never finish with 408 in the envelope', async () => {
    expect(await rawExchange(`POST ${NCP} HTTP/1.1\r\nHost: x\r\n`)).toEqual({
      head: 'HTTP/1.1 408 Request Timeout',
      body: '{"error":{"message":"malformed HTTP request (ERR_HTTP_REQUEST_TIMEOUT)","success":false}}',
    });
  });

  it('answers a body that stops arriving with 408 in the envelope', async () => {
    const request = `POST ${NCP} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`;
    expect(await rawExchange(request)).toEqual({
      head: 'HTTP/1.1 408 Request Timeout',
      body: '{"error":{"message":"malformed HTTP request (ERR_HTTP_REQUEST_TIMEOUT)","success":false}}',
    });
  });

  const limitCases: { name: string; body: Buffer | Readable; headers: Record<string, string>; want: { status: number; text: string } }[] = [
    {
      name: 'a declared length over the limit',
      body: Buffer.alloc(LIMIT + 1, 0x20),
      headers: { 'content-type': 'application/json' },
      want: { status: 413, text: '{"error":{"message":"request body is 1025 bytes; the limit is 1024 bytes","success":false}}' },
    },
    {
      name: 'a chunked body that grows over the limit',
      body: Readable.from([Buffer.alloc(LIMIT, 0x20), Buffer.alloc(LIMIT, 0x20), Buffer.alloc(LIMIT, 0x20)]),
      headers: { 'content-type': 'application/json' },
      want: { status: 413, text: '{"error":{"message":"request body is 3072 bytes; the limit is 1024 bytes","success":false}}' },
    },
    {
      name: 'a body at the limit is read',
      body: Buffer.concat([Buffer.from('{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'), Buffer.alloc(LIMIT - 30, 0x20)]),
      headers: { 'content-type': 'application/json', accept: 'application/xml' },
      want: { status: 200, text: expect.stringContaining('<GetAccountDetailResponse>') },
    },
  ];
  it.each(limitCases)('$name', async ({ body, headers, want }) => {
    const reply = await send(`${mock.url}${NCP}`, { headers, body });
    expect({ status: reply.status, text: reply.text }).toEqual(want);
  });

  it('cuts a body many times the limit after answering 413', async () => {
    const outcome = await send(`${mock.url}${NCP}`, {
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(64 * LIMIT, 0x20),
    }).then(
      (reply) => reply.status,
      (error: Error & { code?: string }) => error.code,
    );
    // The client either reads the 413 or, still sending, sees the socket close: never a hang, never a 200.
    expect([413, 'UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']).toContain(outcome);
    expect(
      (await send(`${mock.url}${NCP}`, { headers: { 'content-type': 'application/json' }, body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}' })).status,
    ).toBe(200);
  });
});
