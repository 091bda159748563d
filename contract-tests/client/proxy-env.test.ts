import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EgressProxy, egressProxy } from '../support/egress-proxy.ts';
import { createClient } from './client.ts';
import { proxySettings } from './proxy-env.ts';

let target: Server;
let proxy: EgressProxy;
beforeAll(async () => {
  target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  target.listen(0, '127.0.0.1');
  await once(target, 'listening');
  proxy = await egressProxy((target.address() as { port: number }).port);
});
afterAll(async () => {
  proxy.server.closeAllConnections();
  proxy.server.close();
  target.closeAllConnections();
  target.close();
});

const targetPort = () => (target.address() as { port: number }).port;

async function sendThrough(env: Record<string, string>, origin: string) {
  proxy.seen.length = 0;
  const client = createClient({ env, maxRetries: 0 });
  try {
    const sent = await client.send(
      { method: 'GET', origin, pathWithQuery: '/v3/instances', headers: { accept: 'application/json' }, body: undefined },
      { retry: false },
    );
    return { status: sent.response.status, throughProxy: [...proxy.seen] };
  } finally {
    await client.close();
  }
}

describe('live requests honour the egress proxy variables', () => {
  test.each([
    ['HTTP_PROXY', { HTTP_PROXY: 'PROXY' }, 1],
    ['http_proxy (lower case)', { http_proxy: 'PROXY' }, 1],
    ['no variable: direct', {}, 0],
    // A host reached directly is named by an address (a name would have to be resolved): 127.0.0.1 as an
    // IPv4-mapped IPv6 address, which is no loopback name the proxy settings always exempt.
    ['NO_PROXY naming the host: direct', { HTTP_PROXY: 'PROXY', NO_PROXY: 'intranet.example,[::ffff:7f00:1]' }, 0],
    ['NO_PROXY naming another host: through the proxy', { HTTP_PROXY: 'PROXY', NO_PROXY: 'intranet.example' }, 1],
  ])('%s', async (_name, variables, viaProxy) => {
    const env = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.replace('PROXY', proxy.url)]));
    const host = viaProxy === 1 ? 'api.example.test' : '[::ffff:127.0.0.1]';
    const { status, throughProxy } = await sendThrough(env, `http://${host}:${targetPort()}`);
    expect(status).toBe(200);
    expect(throughProxy).toHaveLength(viaProxy);
    if (viaProxy === 1) {
      expect(throughProxy[0]).toMatch(/api\.example\.test/);
    }
  });
});

describe('proxySettings', () => {
  test.each([
    ['nothing set', {}, { httpProxy: '', httpsProxy: '', noProxy: 'localhost,127.0.0.1,[::1]' }],
    [
      'upper case',
      { HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://q:3128', NO_PROXY: '.corp.example' },
      { httpProxy: 'http://q:3128', httpsProxy: 'http://p:3128', noProxy: '.corp.example,localhost,127.0.0.1,[::1]' },
    ],
    [
      'lower case wins, as in curl',
      { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' },
      { httpProxy: '', httpsProxy: 'http://lower:1', noProxy: 'localhost,127.0.0.1,[::1]' },
    ],
    ['NO_PROXY=*: nothing proxied', { HTTP_PROXY: 'http://q:1', no_proxy: '*' }, { httpProxy: 'http://q:1', httpsProxy: '', noProxy: '*' }],
  ])('%s', (_name, env, want) => {
    expect(proxySettings(env)).toEqual(want);
  });
});
