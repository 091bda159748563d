import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../contract-tests/checks/finding.ts';
import type { CredentialSource } from '../../contract-tests/runner/targets.ts';
import { type Exchange, RENEW_CREDENTIALS_MS, type RunningProxy, startProxy } from './server.ts';

/**
 * What forwarding guarantees whatever the checks say: the caller gets the upstream's answer as sent, the
 * upstream gets the caller's request minus what belongs to one hop, large bodies stream both ways, failures come
 * back in the service's envelope, and a slow exchange holds up no other.
 */

const DETAIL = '/api/v2/accounts/getDetail';
const KEYTAB = '/api/v2/accounts/getKerberosKeytab';
const DETAIL_BODY = JSON.stringify({
  success: true,
  id: 'ArvQ8mZ2cLp4sWd7Tkfn',
  name: 'df001',
  status: 'RUNNING',
  createdAt: '2025-02-20T09:32:55+09:00',
  quotas: [{ namespace: 'koya', fileCountMillion: 1, spaceTb: 200 }],
});
const LIMIT = 1024;

interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** The upstream: answers by path, records what it received, and can hold an answer until released. */
let upstream: Server;
let upstreamUrl: string;
let received: Received[] = [];
const held = new Map<string, () => void>();
/** Answers whose connection closed before they were sent. */
const abandoned = new Set<string>();
const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: Buffer) => void> = {
  [DETAIL]: (_req, res) => {
    res.sendDate = false;
    res.writeHead(200, 'Fine Thanks', [
      'Content-Type',
      'application/json; charset=utf-8',
      'X-Request-ID',
      'r-1',
      'Set-Cookie',
      'a=1',
      'set-cookie',
      'b=2',
      'Date',
      'Sun, 01 Mar 2026 10:00:00 GMT',
      'Connection',
      'X-Hop',
      'X-Hop',
      'only for the proxy',
      'Content-Length',
      String(Buffer.byteLength(DETAIL_BODY)),
    ]);
    res.end(DETAIL_BODY);
  },
  [KEYTAB]: (_req, res) => {
    // A binary file, chunked (no Content-Length), in pieces: the bytes must survive as bytes.
    res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.write(Buffer.from([0x05, 0x02, 0xff, 0x00]));
    res.end(Buffer.from([0xfe, 0x80, 0x0a]));
  },
  '/api/v2/accounts/echoSize': (_req, res, body) => {
    res.sendDate = false;
    res.writeHead(204, { 'x-size': String(body.length), 'x-sha256': createHash('sha256').update(body).digest('hex') }).end();
  },
  '/api/v2/accounts/big': (_req, res) => {
    // Half the body, then the rest only once the caller has the first half: a proxy buffering the whole body would wait forever.
    res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(Buffer.alloc(8 * LIMIT, 0x20));
    held.set('big', () => res.end('{}'));
  },
  '/api/v2/accounts/slow': (_req, res) => {
    held.set('slow', () => res.writeHead(204).end());
    res.once('close', () => {
      if (!res.writableFinished) {
        abandoned.add('slow');
      }
    });
  },
  '/api/v2/accounts/never': () => undefined,
  '/api/v2/accounts/cut': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"success":');
    setTimeout(() => req.socket.destroy(), 20);
  },
};

let proxy: RunningProxy;
let exchanges: Exchange[] = [];

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      held.get('upload')?.();
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body });
      (routes[(req.url ?? '').split('?')[0] ?? ''] ?? ((_, r) => r.writeHead(404).end()))(req, res, body);
    });
  });
  upstreamUrl = await listen(upstream);
  proxy = await startProxy({
    upstreams: [upstreamUrl],
    bodyLimit: LIMIT,
    timeouts: { headersMs: 300 },
    onExchange: (exchange) => exchanges.push(exchange),
  });
});
afterEach(async () => {
  // Checks run on their own thread: an exchange a test left behind is reported before the next test starts.
  await proxy.checked();
  received = [];
  exchanges = [];
  held.clear();
  abandoned.clear();
});
afterAll(async () => {
  await proxy?.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

interface RawReply {
  status: number;
  message: string;
  rawHeaders: string[];
  body: Buffer;
}

interface RawRequest {
  method?: string;
  path: string;
  headers?: [string, string][];
  /** Chunks written one after the other; `wait` is awaited before the chunk after it. */
  body?: (Buffer | string | (() => Promise<void>))[];
}

/** node:http, so header names keep their case and order, and one connection per request. */
function raw(base: string, { method = 'POST', path, headers = [], body = [] }: RawRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    // Given as a list, headers are sent exactly as listed, so Host must be among them.
    const list = [['Host', url.host], ...headers].flat();
    const req = request({ host: url.hostname, port: url.port, method, path, headers: list, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    (async () => {
      for (const part of body) {
        if (typeof part === 'function') {
          await part();
        } else {
          req.write(part);
        }
      }
      req.end();
    })().catch(reject);
  });
}

/** Header pairs without the fields that describe a connection (each hop has its own), those Connection names included. */
function endToEnd(rawHeaders: string[]): [string, string][] {
  const hop = ['connection', 'keep-alive', 'transfer-encoding'];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === 'connection') {
      hop.push(...(rawHeaders[i + 1] as string).split(',').map((name) => name.trim().toLowerCase()));
    }
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!hop.includes((rawHeaders[i] as string).toLowerCase())) {
      pairs.push([rawHeaders[i] as string, rawHeaders[i + 1] as string]);
    }
  }
  return pairs;
}

const rules = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule}`);

describe('the answer reaches the caller as the upstream sent it', () => {
  const detail: RawRequest = {
    path: DETAIL,
    headers: [
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
    ],
    body: ['{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'],
  };
  it.each([
    ['a JSON answer: reason phrase, header case, order and repeats', detail],
    [
      'a binary file sent chunked',
      { path: KEYTAB, headers: [['Accept', 'application/octet-stream']], body: ['{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'] },
    ],
    ['the head of a HEAD request', { ...detail, method: 'HEAD', body: [] }],
    ['a 204', { path: '/api/v2/accounts/echoSize', body: ['abc'] }],
  ] as [string, RawRequest][])('%s', async (_, sent) => {
    const direct = await raw(upstreamUrl, sent);
    const through = await raw(proxy.url, sent);
    expect({ ...through, rawHeaders: endToEnd(through.rawHeaders) }).toEqual({ ...direct, rawHeaders: endToEnd(direct.rawHeaders) });
    expect(through.rawHeaders).not.toContain('X-Hop');
  });

  it('and the upstream gets the caller request: hop-by-hop fields dropped, Host its own, Via added, the rest as sent', async () => {
    await raw(proxy.url, {
      path: `${DETAIL}?trace=1`,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-NCP-APIGW-TIMESTAMP', '1740011575000'],
        ['Connection', 'keep-alive, X-Private'],
        ['X-Private', 'for the proxy only'],
        ['Keep-Alive', 'timeout=5'],
        ['TE', 'trailers'],
        ['X-Trace', 'a'],
        ['X-Trace', 'b'],
      ],
      body: ['{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}'],
    });
    expect(received.map((r) => ({ ...r, rawHeaders: endToEnd(r.rawHeaders), body: r.body.toString() }))).toEqual([
      {
        method: 'POST',
        url: `${DETAIL}?trace=1`,
        body: '{"id":"ArvQ8mZ2cLp4sWd7Tkfn"}',
        rawHeaders: [
          ['host', new URL(upstreamUrl).host],
          ['Content-Type', 'application/json'],
          ['X-NCP-APIGW-TIMESTAMP', '1740011575000'],
          ['X-Trace', 'a'],
          ['X-Trace', 'b'],
          ['via', '1.1 api-contracts'],
          ['content-length', '29'],
        ],
      },
    ]);
  });
});

describe('large bodies stream through unchecked', () => {
  const upload = randomBytes(16 * LIMIT);
  const sha256 = createHash('sha256').update(upload).digest('hex');

  it.each([
    ['with a Content-Length over the limit', [['Content-Length', String(upload.length)]]],
    ['chunked, growing over the limit', []],
  ] as [string, [string, string][]][])('a request body %s', async (_, headers) => {
    // The second half is sent only once the upstream has bytes of the first: a proxy holding the body whole would wait forever.
    const upstreamHasBytes = new Promise<void>((resolve) => held.set('upload', resolve));
    const reply = await raw(proxy.url, {
      path: '/api/v2/accounts/echoSize',
      headers: [['Content-Type', 'application/json'], ...headers],
      body: [upload.subarray(0, 4 * LIMIT), () => upstreamHasBytes, upload.subarray(4 * LIMIT)],
    });
    expect(reply.rawHeaders).toEqual(expect.arrayContaining(['x-size', String(upload.length), 'x-sha256', sha256]));
  });

  it('a documented operation with a large request body is forwarded and reported unchecked', async () => {
    await raw(proxy.url, {
      path: DETAIL,
      headers: [['Content-Type', 'application/json']],
      body: [`{"id":"ArvQ8mZ2cLp4sWd7Tkfn","pad":"${'x'.repeat(2 * LIMIT)}"}`],
    });
    await proxy.checked();
    expect(rules(exchanges[0]?.findings ?? [])).toEqual(['warning unchecked-large-body']);
    expect(exchanges[0]?.findings[0]?.pointer).toBe('/body');
  });

  it('a response body over the limit reaches the caller while it is still arriving', async () => {
    const reply = new Promise<{ size: number }>((resolve) => {
      const req = request(`${proxy.url}/api/v2/accounts/big`, { method: 'POST', agent: false }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size >= 8 * LIMIT) {
            held.get('big')?.();
          }
        });
        res.on('end', () => resolve({ size }));
      });
      req.end();
    });
    expect(await reply).toEqual({ size: 8 * LIMIT + 2 });
    await proxy.checked();
    expect(exchanges.map((e) => [e.status, e.findings.map((f) => f.rule)])).toEqual([[200, ['undocumented-operation']]]);
  });
});

describe('when the upstream fails', () => {
  it('an exchange cut mid-response cuts the caller too, and is a transport finding', async () => {
    await expect(raw(proxy.url, { path: '/api/v2/accounts/cut' })).rejects.toThrow();
    await proxy.checked();
    expect(exchanges.length).toBe(1);
    expect(exchanges[0]?.status).toBe(200);
    expect(rules(exchanges[0]?.findings ?? [])).toEqual(['warning undocumented-operation', 'error transport']);
  });

  it('an upstream that does not answer in time gets a 504 in the envelope', async () => {
    const reply = await raw(proxy.url, { path: '/api/v2/accounts/never', headers: [['Accept', 'application/xml']] });
    expect({ status: reply.status, body: reply.body.toString() }).toEqual({
      status: 504,
      body: expect.stringMatching(
        /^<\?xml .*<ErrorResponse><message>api-contracts proxy: no answer from the upstream of ncp-dataforest: timed out waiting for the response headers \(http:\/\/127\.0\.0\.1:\d+\/api\/v2\/accounts\/never\)<\/message><success>false<\/success><\/ErrorResponse>$/,
      ),
    });
    await proxy.checked();
    expect(exchanges.length).toBe(1);
    expect(exchanges[0]?.findings.find((f) => f.rule === 'transport')?.actual).toBe('CLIENT_TIMEOUT');
  });

  it.each([
    [
      'a JSON caller of Data Forest',
      DETAIL,
      'application/json',
      /^\{"error":\{"message":"api-contracts proxy: no answer from the upstream of ncp-dataforest: .*ECONNREFUSED.*","success":false\}\}$/,
    ],
    [
      'an XML caller of Data Forest',
      DETAIL,
      'application/xml',
      /^<\?xml .*<ErrorResponse><message>api-contracts proxy: no answer .*ECONNREFUSED.*<\/message><success>false<\/success><\/ErrorResponse>$/,
    ],
    [
      'a Huawei DDS caller',
      '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances',
      'application/json',
      /^\{"error_code":"[^"]+","error_msg":"api-contracts proxy: no answer from the upstream of huawei-dds: .*ECONNREFUSED.*"\}$/,
    ],
  ] as const)('an unreachable upstream: %s gets a 502 in its envelope and format', async (_, path, accept, body) => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const exchanged: Exchange[] = [];
    const unreachable = await startProxy({ upstreams: [url], onExchange: (e) => exchanged.push(e) });
    try {
      const reply = await raw(unreachable.url, { method: path.startsWith('/v3') ? 'GET' : 'POST', path, headers: [['Accept', accept]] });
      expect({ status: reply.status, body: reply.body.toString() }).toEqual({ status: 502, body: expect.stringMatching(body) });
      await unreachable.checked();
      expect(exchanged.map((e) => [e.status, e.findings.map((f) => [f.rule, f.actual])])).toEqual([
        [null, [['transport', 'CLIENT_NETWORK']]],
      ]);
    } finally {
      await unreachable.close();
    }
  });
});

describe('re-signing', () => {
  it('a body over the limit under a scheme that signs bodies is not sent: 413 in the envelope, and a transport finding', async () => {
    const exchanged: Exchange[] = [];
    const resigning = await startProxy({
      // Never contacted: the request cannot be signed.
      upstreams: ['huawei-dds=http://127.0.0.1:1'],
      resign: true,
      // deleteSession is destructive: a re-signing proxy forwards it only when told to.
      allowUnsafe: true,
      env: { HUAWEI_AK: 'HUAWEIACCESSKEY00001', HUAWEI_SK: 'huawei-secret-0123456789' },
      bodyLimit: LIMIT,
      onExchange: (e) => exchanged.push(e),
    });
    try {
      const path = '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/nodes/0123456789abcdef0123456789abcdefno02/session';
      const reply = await raw(resigning.url, {
        path,
        headers: [['Content-Type', 'application/json']],
        body: [Buffer.alloc(4 * LIMIT, 0x20)],
      });
      expect({ status: reply.status, body: reply.body.toString() }).toEqual({
        status: 413,
        body: '{"error_code":"APIGW.413","error_msg":"api-contracts proxy: not sent: huawei-aksk signs the body, and a body over 1024 bytes is not held in memory to sign; raise --body-limit"}',
      });
      await resigning.checked();
      expect(exchanged.map((e) => [e.operationId, e.status, e.findings.map((f) => `${f.rule} ${f.actual}`)])).toEqual([
        ['deleteSession', null, ['unchecked-large-body more', 'transport CLIENT_SIGNING']],
      ]);
    } finally {
      await resigning.close();
    }
  });
  it('renews re-signing credentials while it runs: a new IAM token is used once issued, a failed renewal keeps the current one and says why', async () => {
    // What IAM hands out, one renewal after the other: a proxy that started with T1 must not sign with it for days.
    const issued: (string | Error)[] = [
      'T1',
      'T2',
      new Error('IAM token request to https://iam.example: HTTP 401: The username or password is wrong.'),
    ];
    const credentials: CredentialSource = (signer, env) => {
      if (signer.id !== 'huawei-token') {
        return signer.credentialsFromEnv(env);
      }
      const next = issued.shift() as string | Error;
      if (next instanceof Error) {
        throw next;
      }
      return { token: next };
    };
    const warnings: string[] = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const resigning = await startProxy({
      upstreams: [`huawei-dds=${upstreamUrl}`],
      resign: true,
      credentials,
      onWarning: (w) => warnings.push(w),
    });
    try {
      const tokenSent = async () => {
        received = [];
        await raw(resigning.url, { method: 'GET', path: '/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances' });
        const headers = received[0]?.rawHeaders ?? [];
        return headers[headers.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === 'x-auth-token') + 1];
      };
      const sent = [await tokenSent()];
      await vi.advanceTimersByTimeAsync(RENEW_CREDENTIALS_MS);
      sent.push(await tokenSent());
      await vi.advanceTimersByTimeAsync(RENEW_CREDENTIALS_MS);
      sent.push(await tokenSent());
      expect(sent).toEqual(['T1', 'T2', 'T2']);
      expect(warnings).toEqual([
        'api-contracts proxy: could not renew the huawei-token credentials of huawei-dds (IAM token request to https://iam.example: HTTP 401: The username or password is wrong.); signing with the current ones',
      ]);
    } finally {
      vi.useRealTimers();
      await resigning.close();
    }
  });
});

describe('concurrency', () => {
  it('a slow exchange holds up no other', async () => {
    const slow = raw(proxy.url, { path: '/api/v2/accounts/slow' });
    await expect.poll(() => held.has('slow')).toBe(true);
    const fast = await raw(proxy.url, { path: '/api/v2/accounts/echoSize', body: ['x'] });
    expect(fast.status).toBe(204);
    await proxy.checked();
    expect(exchanges.map((e) => e.path)).toEqual(['/api/v2/accounts/echoSize']);
    held.get('slow')?.();
    expect((await slow).status).toBe(204);
  });

  it('a caller that goes away takes its upstream request with it', async () => {
    const req = request(`${proxy.url}/api/v2/accounts/slow`, { method: 'POST', agent: false });
    req.on('error', () => undefined);
    req.end();
    await expect.poll(() => held.has('slow')).toBe(true);
    req.destroy();
    await expect.poll(() => abandoned.has('slow')).toBe(true);
    await proxy.checked();
    expect(exchanges).toEqual([]);
  });
});
