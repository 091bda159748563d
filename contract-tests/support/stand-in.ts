import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { verifyNcpV2 } from '../../schemas/_shared/signing/index.ts';
import { decodeXml } from '../../schemas/_shared/xml/index.ts';
import type { Format } from '../format.ts';
import { type Served, serve } from './drifts.ts';

/** Picks what to answer instead of the faithful response; undefined keeps it faithful. */
export type DriftHook = (operation: Operation, example: AnyExample, format: Format, faithful: AnyExample['response']) => Served | undefined;

export interface StandIn {
  url: string;
  /** Requests that passed the signature check. */
  signed: number;
  drift: DriftHook;
  close(): Promise<void>;
}

const GATEWAY_REFUSAL = JSON.stringify({
  error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' },
});

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body as the server reads it, normalised by the schema so JSON and XML requests compare alike. */
function readBody(operation: Operation, format: Format, text: string): unknown {
  const body = operation.request.body;
  if (body === undefined || text === '') {
    return undefined;
  }
  const value = format === 'xml' ? decodeXml(body.xmlSchema, text).value : JSON.parse(text);
  const schema = format === 'xml' ? body.xmlSchema : body.schema;
  return schema.parse(value);
}

function exampleBody(operation: Operation, format: Format, example: AnyExample): unknown {
  const body = operation.request.body;
  if (body === undefined || example.request.body === undefined) {
    return undefined;
  }
  const parsed = body.schema.parse(example.request.body);
  return format === 'xml' ? body.xmlSchema.parse(body.fromJson(parsed)) : parsed;
}

function answer(operation: Operation, format: Format, { status, body }: AnyExample['response']): Served {
  const documented = operation.responses.find((r) => r.status === status);
  if (body === undefined || documented?.body === undefined) {
    return { status, contentType: 'application/json', body: '' };
  }
  if (documented.contentType !== undefined) {
    return { status, contentType: documented.contentType, body: String(body) };
  }
  return serve(operation, format, status, body);
}

/**
 * A Data Forest as a user would stand one up to try the runner: 127.0.0.1, the documented NCP signature check
 * (a refusal is the gateway's 401), and for each documented request the documented response, in the format the
 * client accepts, unless `drift` says otherwise.
 */
export async function startStandIn(service: Service, credentials: { accessKey: string; secretKey: string }): Promise<StandIn> {
  const standIn: Omit<StandIn, 'url' | 'close'> = { signed: 0, drift: () => undefined };
  const server = createServer(async (req, res) => {
    const text = await readText(req);
    const verdict = verifyNcpV2({
      method: req.method ?? '',
      pathWithQuery: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])),
      secretFor: (key) => (key === credentials.accessKey ? credentials.secretKey : undefined),
      now: Date.now(),
    });
    if (!verdict.ok) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(GATEWAY_REFUSAL);
      return;
    }
    standIn.signed += 1;
    const operation = service.operations.find((op) => op.method.toUpperCase() === req.method && op.path === req.url);
    const format: Format = (req.headers['content-type'] ?? req.headers.accept ?? '').includes('xml') ? 'xml' : 'json';
    const received = operation ? readBody(operation, format, text) : undefined;
    const example = operation?.examples.find((e) => isDeepStrictEqual(exampleBody(operation, format, e), received));
    if (operation === undefined || example === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(service.errors.make(404, 'no such element')));
      return;
    }
    const served = standIn.drift(operation, example, format, example.response) ?? answer(operation, format, example.response);
    res.writeHead(served.status, { 'content-type': served.contentType }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
}
