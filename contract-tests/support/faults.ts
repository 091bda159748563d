import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { junitReport } from '../report/junit.ts';
import { markdownReport } from '../report/markdown.ts';
import type { Report } from '../report/report.ts';

/**
 * What goes wrong between a client and a service without the service changing: a gateway's error page, a reset
 * connection, a body cut short, a server that stops answering. None of it is drift.
 */
export type Fault =
  | 'gateway-502-html'
  | 'gateway-503-html'
  | 'gateway-504-html'
  | 'reset'
  | 'truncated'
  | 'chunked-cut'
  | 'hang'
  | 'trickle';

export const FAULTS: readonly Fault[] = [
  'gateway-502-html',
  'gateway-503-html',
  'gateway-504-html',
  'reset',
  'truncated',
  'chunked-cut',
  'hang',
  'trickle',
];

const GATEWAY_PAGE = (status: number, title: string) =>
  `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const GATEWAY_TITLES: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** Answers `res` with the fault, as a failing gateway or network would; the caller has read the request. */
export function injectFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  const gateway = /^gateway-(\d+)-html$/.exec(fault);
  if (gateway) {
    const status = Number(gateway[1]);
    res.writeHead(status, { 'content-type': 'text/html', connection: 'close' });
    res.end(GATEWAY_PAGE(status, GATEWAY_TITLES[status] ?? 'Error'));
    return;
  }
  const cutAfter = (chunk: string) => res.write(chunk, () => res.socket?.destroy());
  switch (fault) {
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      cutAfter('{"success":true,"con');
      return;
    case 'chunked-cut':
      res.writeHead(200, { 'content-type': 'application/json' });
      cutAfter('{"success":true,"con');
      return;
    case 'trickle': {
      // Bytes keep coming, so no idle timer fires: only a bound on the whole attempt ends it.
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
      return;
    }
    case 'hang':
      return;
  }
}

export interface FaultServer {
  url: string;
  /** Requests received, in order. */
  count: number;
  close(): Promise<void>;
}

/**
 * A 127.0.0.1 server on a free port that reads each request whole, then answers it with `faultFor(index)` or,
 * when that is undefined, hands it to `otherwise` (by default an empty 200).
 */
export async function startFaultServer(
  faultFor: (index: number) => Fault | undefined,
  otherwise: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void = (_, res) => res.end(),
): Promise<FaultServer> {
  const state = { count: 0 };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const fault = faultFor(state.count);
    state.count += 1;
    if (fault === undefined) {
      otherwise(req, res, Buffer.concat(chunks));
    } else {
      injectFault(fault, req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return state.count;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * What each output of a report says of the cases that did not pass: the summary's drift and could-not-verify
 * counts, report.md's headline, and JUnit's `<failure>`/`<error>` elements with their rule.
 */
export function howReported(report: Report) {
  const junit = [...junitReport(report).matchAll(/<(failure|error) message="[^"]*" type="([^"]*)"/g)].map(
    ([, element, rule]) => `${element} ${rule}`,
  );
  const { drift, couldNotVerify } = report.summary;
  return { drift, couldNotVerify, headline: markdownReport(report).split('\n')[0], junit };
}
