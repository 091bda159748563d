import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNERS, SigningError, verifyNcpV2 } from '../../schemas/_shared/signing/index.ts';
import { type Fault, startFaultServer } from '../support/faults.ts';
import { type Client, createClient } from './client.ts';
import type { PreparedRequest } from './request.ts';
import { type Received, startRecordingServer } from './signers/test-server.ts';

const credentials = { accessKey: 'AKIATESTKEY0000000001', secretKey: 'test-secret-do-not-print' };
const signing = { signer: SIGNERS['ncp-apigw-v2'], credentials };
const FAST = { minRetryDelayMs: 1, maxRetryDelayMs: 5 };

let clock = 1_700_000_000_000;
const now = () => (clock += 1000);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

async function server(
  answer: (request: Received, index: number) => { status: number; body?: string; headers?: Record<string, string> } | 'hang',
) {
  const started = await startRecordingServer((request, res, index) => {
    const reply = answer(request, index);
    if (reply === 'hang') {
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body ?? '{}');
  });
  cleanup.push(started.close);
  return started;
}

function client(options = {}): Client {
  const created = createClient({ ...FAST, now, ...options });
  cleanup.push(() => created.close());
  return created;
}

function post(origin: string): PreparedRequest {
  return {
    method: 'POST',
    origin,
    pathWithQuery: '/api/v2/accounts/getDetail',
    headers: { 'content-type': 'application/json' },
    body: '{"id":"x"}',
  };
}

function signatureValid(request: Received): boolean {
  const secretFor = (key: string) => (key === credentials.accessKey ? credentials.secretKey : undefined);
  return verifyNcpV2({ method: request.method, pathWithQuery: request.pathWithQuery, headers: request.headers, secretFor, now: clock }).ok;
}

describe('client', () => {
  it('retries a read on 503, signing each attempt afresh', async () => {
    const target = await server((_, index) => (index === 0 ? { status: 503 } : { status: 200, body: '{"success":true}' }));
    const sent = await client().send(post(target.origin), { signing, retry: true, retryStatuses: [429, 503] });
    expect({ status: sent.response.status, attempts: sent.attempts, body: sent.response.body.toString() }).toEqual({
      status: 200,
      attempts: 2,
      body: '{"success":true}',
    });
    const timestamps = target.received.map((r) => r.headers['x-ncp-apigw-timestamp']);
    expect(new Set(timestamps).size).toBe(2);
    expect(target.received.map(signatureValid)).toEqual([true, true]);
  });

  it('honours Retry-After on 429', async () => {
    const target = await server((_, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200 }));
    const sent = await client().send(post(target.origin), { signing, retry: true, retryStatuses: [429, 503] });
    expect([sent.response.status, sent.attempts]).toEqual([200, 2]);
  });

  describe('waits as the server asks, within bounds', () => {
    const at = Date.parse('2025-03-01T09:00:00Z');
    const recorded = () => {
      const waits: number[] = [];
      return { waits, sleep: async (ms: number) => void waits.push(ms) };
    };
    const throttled = (retryAfter: string, times = 1) =>
      server((_, index) => (index < times ? { status: 429, headers: { 'retry-after': retryAfter } } : { status: 200 }));

    it.each([
      ['seconds', '1', [1000], 2],
      ['an HTTP date', 'Sat, 01 Mar 2025 09:00:02 GMT', [2000], 2],
      ['a date already past', 'Sat, 01 Mar 2025 08:59:00 GMT', [0], 2],
      ['nothing readable: backoff', 'soon', [1], 2],
      ['more than one wait may last (10 s)', '120', [], 1],
    ])('Retry-After as %s (%j): waits %j, %d attempts', async (_, retryAfter, waits, attempts) => {
      const target = await throttled(retryAfter);
      const sleeper = recorded();
      const sent = await client({ now: () => at, sleep: sleeper.sleep, maxRetryDelayMs: 10_000 }).send(post(target.origin), {
        retry: true,
        retryStatuses: [429],
      });
      expect({ waits: sleeper.waits, attempts: sent.attempts, status: sent.response.status }).toEqual({
        waits,
        attempts,
        status: attempts === 1 ? 429 : 200,
      });
    });

    it('stops once the next wait would pass the total bound', async () => {
      const target = await throttled('1', 10);
      const sleeper = recorded();
      const bounded = client({ sleep: sleeper.sleep, maxRetries: 5, maxRetryDelayMs: 10_000, maxRetryWaitMs: 2500 });
      const sent = await bounded.send(post(target.origin), { retry: true, retryStatuses: [429] });
      expect({ waits: sleeper.waits, attempts: sent.attempts, waitedMs: sent.waitedMs, status: sent.response.status }).toEqual({
        waits: [1000, 1000],
        attempts: 3,
        waitedMs: 2000,
        status: 429,
      });
    });

    it('Ctrl-C during a wait ends the request at once', async () => {
      const target = await throttled('5');
      const interrupt = new AbortController();
      const sending = client({ maxRetryDelayMs: 10_000 }).send(post(target.origin), {
        retry: true,
        retryStatuses: [429],
        signal: interrupt.signal,
      });
      setTimeout(() => interrupt.abort(), 20);
      await expect(sending).rejects.toMatchObject({ code: 'CLIENT_ABORTED', attempts: 1 });
    });
  });

  it.each([
    ['a write', false, [429, 503]],
    ['a read whose example documents the 503', true, [429]],
  ])('never retries %s', async (_, retry, retryStatuses) => {
    const target = await server(() => ({ status: 503 }));
    const sent = await client().send(post(target.origin), { signing, retry, retryStatuses });
    expect([sent.response.status, sent.attempts, target.received.length]).toEqual([503, 1, 1]);
  });

  it('hands over the last response once the retries are spent', async () => {
    const target = await server(() => ({ status: 503, body: '{"error":"busy"}' }));
    const sent = await client({ maxRetries: 2 }).send(post(target.origin), { signing, retry: true, retryStatuses: [503] });
    expect([sent.response.status, sent.attempts, sent.response.body.toString()]).toEqual([503, 3, '{"error":"busy"}']);
  });

  it('sends unsigned when there is no signer', async () => {
    const target = await server(() => ({ status: 200 }));
    await client().send(post(target.origin), { retry: false });
    expect(Object.keys(target.received[0]?.headers ?? {}).filter((h) => h.startsWith('x-ncp'))).toEqual([]);
  });

  describe('transport failures are CLIENT_* errors, not responses', () => {
    it('a server that never answers', async () => {
      const target = await server(() => 'hang');
      await expect(client({ headersTimeoutMs: 100 }).send(post(target.origin), { retry: false })).rejects.toMatchObject({
        code: 'CLIENT_TIMEOUT',
        attempts: 1,
      });
    });

    it('a port nobody listens on', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as { port: number };
      await new Promise((resolve) => probe.close(resolve));
      await expect(client().send(post(`http://127.0.0.1:${port}`), { retry: true })).rejects.toMatchObject({ code: 'CLIENT_NETWORK' });
    });

    it('a body over the limit', async () => {
      const target = await server(() => ({ status: 200, body: 'x'.repeat(2048) }));
      await expect(client({ maxBodyBytes: 1024 }).send(post(target.origin), { retry: false })).rejects.toMatchObject({
        code: 'CLIENT_BODY_TOO_LARGE',
      });
    });

    it('a request that cannot be signed', async () => {
      const target = await server(() => ({ status: 200 }));
      const failing = {
        ...signing,
        signer: {
          ...SIGNERS['ncp-apigw-v2'],
          sign: () => {
            throw new SigningError('SIGNING_MISSING_HOST', 'ncp-apigw-v2', 'no host');
          },
        },
      };
      await expect(client().send(post(target.origin), { signing: failing, retry: true })).rejects.toMatchObject({
        code: 'CLIENT_SIGNING',
        attempts: 0,
      });
      expect(target.received).toEqual([]);
    });
  });

  describe('a fault on the way is a CLIENT_* error, retried for a read within the bounds', () => {
    const faulty = async (fault: Fault, times = Number.POSITIVE_INFINITY) => {
      const started = await startFaultServer(
        (index) => (index < times ? fault : undefined),
        (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}'),
      );
      cleanup.push(started.close);
      return started;
    };

    it.each<[Fault, string, RegExp]>([
      ['reset', 'CLIENT_NETWORK', /ECONNRESET/],
      ['truncated', 'CLIENT_TRUNCATED', /ended after 20 bytes of the 1000 its Content-Length announced \(UND_ERR_SOCKET\)$/],
      ['chunked-cut', 'CLIENT_TRUNCATED', /ended after 20 bytes \(UND_ERR_SOCKET\)$/],
      ['hang', 'CLIENT_TIMEOUT', /./],
      ['trickle', 'CLIENT_TIMEOUT', /no complete response within 0.2 s/],
    ])('%s: %s after 3 attempts', async (fault, code, message) => {
      const target = await faulty(fault);
      const sending = client({ timeoutMs: 200 }).send(post(target.url), { retry: true });
      await expect(sending).rejects.toMatchObject({ code, attempts: 3, message: expect.stringMatching(message) });
      expect(target.count).toBe(3);
    });

    it.each<Fault>(['reset', 'truncated', 'trickle'])('%s once, then an answer: the retry gets it', async (fault) => {
      const target = await faulty(fault, 1);
      const sent = await client({ timeoutMs: 200 }).send(post(target.url), { retry: true });
      expect([sent.response.status, sent.attempts, sent.response.body.toString()]).toEqual([200, 2, '{"success":true}']);
    });

    it('a write is never sent twice', async () => {
      const target = await faulty('truncated');
      await expect(client().send(post(target.url), { retry: false })).rejects.toMatchObject({ code: 'CLIENT_TRUNCATED', attempts: 1 });
      expect(target.count).toBe(1);
    });

    it.each([502, 503, 504])('a gateway %d is retried like a throttle, and handed over once the retries are spent', async (status) => {
      const target = await faulty(`gateway-${status}-html` as Fault);
      const sent = await client().send(post(target.url), { retry: true, retryStatuses: [429, 502, 503, 504] });
      expect([sent.response.status, sent.attempts, sent.response.headers['content-type']]).toEqual([status, 3, 'text/html']);
    });

    it('Ctrl-C during an attempt is not a timeout', async () => {
      const target = await faulty('hang');
      const interrupt = new AbortController();
      const sending = client({ timeoutMs: 5000 }).send(post(target.url), { retry: true, signal: interrupt.signal });
      setTimeout(() => interrupt.abort(), 20);
      await expect(sending).rejects.toMatchObject({ code: 'CLIENT_ABORTED', attempts: 1 });
    });
  });
});
