import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type EgressProxy, egressProxy } from '../../contract-tests/support/egress-proxy.ts';
import { startProxy } from './server.ts';

/** Behind a corporate egress proxy, the proxy reaches its upstream through HTTP_PROXY as live runs do. */

let upstream: Server;
let proxy: EgressProxy;
beforeAll(async () => {
  upstream = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"instances":[]}'));
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  proxy = await egressProxy((upstream.address() as { port: number }).port);
});
afterAll(() => {
  for (const server of [proxy.server, upstream]) {
    server.closeAllConnections();
    server.close();
  }
});

test('HTTP_PROXY: the forwarded request goes through the egress proxy, named by the upstream host', async () => {
  proxy.seen.length = 0;
  const running = await startProxy({
    upstreams: [`huawei-dds=http://api.example.test:${(upstream.address() as { port: number }).port}`],
    env: { HTTP_PROXY: proxy.url },
  });
  try {
    const response = await fetch(`${running.url}/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toMatch(/api\.example\.test/);
  } finally {
    await running.close();
  }
});
