import { maxHeaderSize } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './server.ts';
import { send } from './testing.ts';

/** What the HTTP adapter guarantees whatever the pipeline says: limits and timeouts, answered in the envelope. */

const NCP = '/api/v2/accounts/getDetail';
const DDS = '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances';
const DDS_KILL = '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes/520c58ba00a3497e97ce0b9604874dd6no02/session';
const LIMIT = 1024;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ bodyLimit: LIMIT, timeouts: { headersMs: 200, requestMs: 400 } });
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

const ncpJson = (message: string) => JSON.stringify({ error: { message, success: false } });
const ncpXml = (message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><message>${message}</message><success>false</success></ErrorResponse>`;
const huawei = (code: string, message: string) => JSON.stringify({ error_code: code, error_msg: message });

describe('the HTTP adapter', () => {
  // Replies Node's HTTP layer would otherwise make itself (a bare 400, or nothing): each in the envelope of the
  // service the path names, in the format the request accepts when that much of it arrived.
  const edgeCases: { name: string; request: string; want: { head: string; body: string } }[] = [
    {
      name: 'HTTP/1.1 without Host, Data Forest accepting XML',
      request: `POST ${NCP} HTTP/1.1\r\nAccept: application/xml\r\nContent-Length: 0\r\n\r\n`,
      want: { head: 'HTTP/1.1 400 Bad Request', body: ncpXml('HTTP/1.1 request without a Host header') },
    },
    {
      name: 'HTTP/1.1 without Host, Huawei',
      request: `GET ${DDS} HTTP/1.1\r\n\r\n`,
      want: { head: 'HTTP/1.1 400 Bad Request', body: huawei('APIGW.0201', 'HTTP/1.1 request without a Host header') },
    },
    {
      name: 'headers that never finish: 408, in the first service envelope (nothing says which)',
      request: `POST ${NCP} HTTP/1.1\r\nHost: x\r\n`,
      want: { head: 'HTTP/1.1 408 Request Timeout', body: ncpJson('the request headers did not arrive within 200 ms') },
    },
    {
      name: 'a body that stops arriving: 408 in the format the request accepts',
      request: `POST ${NCP} HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`,
      want: { head: 'HTTP/1.1 408 Request Timeout', body: ncpXml('the request body did not arrive within 400 ms') },
    },
    {
      name: 'a body that stops arriving, Huawei',
      request: `POST ${DDS_KILL} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`,
      want: { head: 'HTTP/1.1 408 Request Timeout', body: huawei('APIGW.408', 'the request body did not arrive within 400 ms') },
    },
    {
      name: 'a body that stops arriving after an early answer (405): that answer only, then the connection closes',
      request: `POST ${DDS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`,
      want: {
        head: 'HTTP/1.1 405 Method Not Allowed',
        body: huawei('APIGW.405', `POST is not allowed on ${DDS}; allowed: GET`),
      },
    },
    {
      name: 'oversized headers: 431, in the format accepted before the overflow',
      request: `POST ${NCP} HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      want: {
        head: 'HTTP/1.1 431 Request Header Fields Too Large',
        body: ncpXml(`request headers are larger than ${maxHeaderSize} bytes`),
      },
    },
    {
      name: 'oversized headers, Huawei',
      request: `GET ${DDS} HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      want: {
        head: 'HTTP/1.1 431 Request Header Fields Too Large',
        body: huawei('APIGW.431', `request headers are larger than ${maxHeaderSize} bytes`),
      },
    },
    {
      name: 'a malformed request line: 400 in the first service envelope',
      request: 'NOT HTTP\r\n\r\n',
      want: { head: 'HTTP/1.1 400 Bad Request', body: ncpJson('malformed HTTP request (HPE_INVALID_METHOD)') },
    },
  ];
  it.each(edgeCases)('$name', async ({ request, want }) => {
    expect(await rawExchange(request)).toEqual(want);
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
