import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface EgressProxy {
  url: string;
  /** `CONNECT host:port` or `GET http://host:port/path`, one per request that went through. */
  seen: string[];
  server: Server;
}

/**
 * An egress proxy on 127.0.0.1 that counts what goes through it: CONNECT tunnels and absolute-form requests,
 * each sent to the target on 127.0.0.1 whatever host the request named (so no name is ever resolved).
 */
export async function egressProxy(targetPort: number): Promise<EgressProxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/');
    const upstream = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const target = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(client);
      client.pipe(target);
    });
    target.on('error', () => client.destroy());
    client.on('error', () => target.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, server };
}
