import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningProxy, startProxy } from './server.ts';

/** Requests Node's parser refuses never reach the proxy's handler: they still get a body in the service's envelope. */

let proxy: RunningProxy;
beforeAll(async () => {
  // Never contacted: nothing here is forwarded.
  proxy = await startProxy({ upstreams: ['http://127.0.0.1:9'] });
});
afterAll(async () => {
  await proxy.close();
});

async function rawReply(text: string): Promise<{ head: string; body: string }> {
  const { port } = new URL(proxy.url);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  socket.end(text);
  let reply = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    reply += chunk;
  });
  await once(socket, 'close');
  const [head = '', body = ''] = reply.split('\r\n\r\n');
  return { head: head.split('\r\n')[0] as string, body };
}

test.each([
  ['a request line that is not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 'HTTP/1.1 400 Bad Request', /malformed HTTP request/],
  [
    'headers over the size limit',
    `POST /api/v2/accounts/getDetail HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    'HTTP/1.1 431 Request Header Fields Too Large',
    /request headers are larger than \d+ bytes/,
  ],
])('%s: the status, and a body in the envelope saying why', async (_name, request, status, why) => {
  const { head, body } = await rawReply(request);
  expect(head).toBe(status);
  expect(body).toMatch(why);
  expect(() => JSON.parse(body)).not.toThrow();
});
