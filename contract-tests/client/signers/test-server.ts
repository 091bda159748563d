import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Credentials of every scheme, made up for the signing tests: none is anyone's. */
export const SIGNING_ENV = {
  NCP_ACCESS_KEY: 'NCPACCESSKEY00000001',
  NCP_SECRET_KEY: 'ncp-secret-never-shown',
  HUAWEI_AK: 'HUAWEIACCESSKEY00001',
  HUAWEI_SK: 'huawei-secret-never-shown',
  HUAWEI_AUTH_TOKEN: 'huawei-token-never-shown',
};

export interface Received {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string>;
  body: string;
}

/** A 127.0.0.1 server on a free port that records each request with its full body before answering. */
export async function startRecordingServer(
  answer: (request: Received, res: ServerResponse, index: number) => void,
): Promise<{ origin: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const request = {
      method: req.method ?? '',
      pathWithQuery: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(request);
    answer(request, res, received.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
