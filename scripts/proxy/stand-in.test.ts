import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../contract-tests/checks/finding.ts';
import { send, sendExample } from '../../contract-tests/mock/testing.ts';
import { runContracts } from '../../contract-tests/runner/run.ts';
import { DRIFTS, type Drift, exampleOf, operationOf } from '../../contract-tests/support/drifts.ts';
import type { Fault } from '../../contract-tests/support/faults.ts';
import { startNcpStandIn } from '../../contract-tests/support/ncp-stand-in.ts';
import { faulting, injecting, type StandIn } from '../../contract-tests/support/stand-in.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { type Exchange, type RunningProxy, startProxy } from './server.ts';

/**
 * The proxy in front of a stand-in Data Forest that checks the NCP signature: the contract runner is the caller
 * (it signs; NCP signature v2 does not cover the host, so its signature is good through the proxy), first against
 * a faithful stand-in, then against each drift of the drift table.
 */
const credentials = { accessKey: 'STANDINACCESSKEY0001', secretKey: 'stand-in-secret-0123456789abcdef' };
const env = { NCP_ACCESS_KEY: credentials.accessKey, NCP_SECRET_KEY: credentials.secretKey };

let standIn: StandIn;
let proxy: RunningProxy;
let exchanges: Exchange[] = [];

beforeAll(async () => {
  standIn = await startNcpStandIn(credentials);
  proxy = await startProxy({ upstreams: [`ncp-dataforest=${standIn.url}`], onExchange: (exchange) => exchanges.push(exchange) });
});
afterEach(async () => {
  standIn.drift = () => undefined;
  await proxy.checked();
  exchanges = [];
});
afterAll(async () => {
  await proxy?.close();
  await standIn?.close();
});

const shape = (f: Finding) => ({ rule: f.rule, severity: f.severity, pointer: f.pointer });

describe('in front of a faithful stand-in', () => {
  it('every exchange of a live run (chained reads included) passes, and the runner sees what it would see directly', async () => {
    const direct = await runContracts({ baseUrls: [standIn.url], services: ['ncp-dataforest'], env });
    const through = await runContracts({ baseUrls: [proxy.url], services: ['ncp-dataforest'], env });
    await proxy.checked();
    // The runner's probe of the base URL (is a mock there?) is no exchange of the run: only the examples are recorded.
    expect(exchanges.filter((e) => e.findings.length > 0)).toEqual([]);
    expect(exchanges.length).toBe(through.results.filter((r) => r.status !== 'skipped').length);
    const verdicts = (report: typeof direct) => report.results.map((r) => [r.operationId, r.example, r.format, r.status, r.httpStatus]);
    expect(verdicts(through)).toEqual(verdicts(direct));
  });
});

/**
 * What the proxy must say about a drift. Drifts are found without the example, except one: a 5xx stands for an
 * upstream failure, a `transport` finding and never drift, whatever status the example expected.
 */
function expectedByProxy(drift: Drift): Pick<Finding, 'rule' | 'severity' | 'pointer'> {
  const operation = operationOf(ncpDataforest, drift.operationId);
  const { response } = exampleOf(operation, drift.example);
  const served = drift.respond(operation, structuredClone(response.body) as Record<string, unknown>, response.status);
  return served.status >= 500 ? { rule: 'transport', severity: 'error', pointer: '' } : drift.expect;
}

describe('in front of a drifting stand-in', () => {
  it.each(DRIFTS.map((d) => [`${d.name} (${d.format})`, d] as const))('%s', async (_, drift) => {
    standIn.drift = injecting(drift);
    const report = await runContracts({ baseUrls: [proxy.url], operations: [drift.operationId], format: drift.format, env });
    // The caller got the drifted bytes unchanged: its own checks name the drift.
    const result = report.results.find((r) => r.example === drift.example);
    expect(result?.findings.map(shape)).toContainEqual(drift.expect);
    // The proxy names it on the exchange, and on no other.
    await proxy.checked();
    const flagged = exchanges.filter((e) => e.findings.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    for (const exchange of flagged) {
      expect({ operationId: exchange.operationId, format: exchange.format }).toEqual({
        operationId: drift.operationId,
        format: drift.format,
      });
      expect(exchange.findings.map(shape)).toContainEqual(expectedByProxy(drift));
    }
  });
});

describe('signatures', () => {
  const operation = operationOf(ncpDataforest, 'accountsGetDetail');
  const example = exampleOf(operation, 'default');

  it('without --resign, an unsigned caller is refused by the upstream, the refusal passed through as sent and reported as auth', async () => {
    const direct = await sendExample(standIn.url, operation, example, 'json');
    const through = await sendExample(proxy.url, operation, example, 'json');
    expect({ status: through.status, text: through.text }).toEqual({ status: 401, text: direct.text });
    await proxy.checked();
    expect(exchanges.map((e) => e.findings.map((f) => f.rule))).toEqual([['auth']]);
  });

  it.each([
    ['an unsigned caller', {}],
    [
      'a caller with a stale, wrong signature',
      { 'x-ncp-apigw-timestamp': '1', 'x-ncp-iam-access-key': 'SOMEONEELSE', 'x-ncp-apigw-signature-v2': 'bad' },
    ],
  ])('with --resign, %s is signed afresh and accepted', async (_, headers) => {
    const resigning = await startProxy({
      upstreams: [`ncp-dataforest=${standIn.url}`],
      resign: true,
      env,
      onExchange: (exchange) => exchanges.push(exchange),
    });
    try {
      const signed = standIn.signed;
      for (const format of ['json', 'xml'] as const) {
        const reply = await sendExample(resigning.url, operation, example, format, headers);
        expect(reply.status).toBe(200);
      }
      expect(standIn.signed - signed).toBe(2);
      await resigning.checked();
      expect(exchanges.map((e) => [e.operationId, e.format, e.status, e.findings])).toEqual([
        ['accountsGetDetail', 'json', 200, []],
        ['accountsGetDetail', 'xml', 200, []],
      ]);
    } finally {
      await resigning.close();
    }
  });

  it('an undocumented path is forwarded and named, not checked', async () => {
    const reply = await send(`${proxy.url}/api/v2/accounts/getEverything`, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
    await proxy.checked();
    expect(exchanges.map((e) => [e.operationId, e.path, e.findings.map(shape)])).toEqual([
      [undefined, '/api/v2/accounts/getEverything', [{ rule: 'undocumented-operation', severity: 'warning', pointer: '' }]],
    ]);
  });
});

describe('in front of a stand-in behind a failing gateway or network', () => {
  const operation = operationOf(ncpDataforest, 'accountsGetDetail');
  const example = exampleOf(operation, 'default');
  let faulty: RunningProxy;
  beforeAll(async () => {
    // Re-signing, so a plain request reaches the fault; short upstream bounds, so a hang costs 300 ms.
    const timeouts = { headersMs: 300, bodyMs: 300 };
    faulty = await startProxy({
      upstreams: [`ncp-dataforest=${standIn.url}`],
      resign: true,
      env,
      timeouts,
      onExchange: (e) => exchanges.push(e),
    });
  });
  afterEach(() => {
    standIn.fault = () => undefined;
  });
  afterAll(() => faulty?.close());

  /** What the caller gets, and the one finding of the exchange: the upstream's failure as sent, a transport finding, never drift. */
  const cases: [Fault, { status: number | 'cut'; body?: RegExp }, string][] = [
    ['gateway-502-html', { status: 502, body: /^<html>.*502 Bad Gateway/s }, 'HTTP 502'],
    ['gateway-503-html', { status: 503, body: /^<html>.*503 Service Temporarily Unavailable/s }, 'HTTP 503'],
    ['gateway-504-html', { status: 504, body: /^<html>.*504 Gateway Time-out/s }, 'HTTP 504'],
    [
      'reset',
      { status: 502, body: /^\{"error":\{"message":"api-contracts proxy: no answer from the upstream of ncp-dataforest: .*ECONNRESET/ },
      'CLIENT_NETWORK',
    ],
    ['truncated', { status: 'cut' }, 'CLIENT_NETWORK'],
    ['chunked-cut', { status: 'cut' }, 'CLIENT_NETWORK'],
    ['hang', { status: 504, body: /timed out waiting for the response headers/ }, 'CLIENT_TIMEOUT'],
  ];
  it.each(cases)('%s', async (fault, caller, actual) => {
    standIn.fault = faulting(fault);
    const reply = await sendExample(faulty.url, operation, example, 'json').then(
      (r) => ({ status: r.status, body: r.text }),
      () => ({ status: 'cut' as const }),
    );
    expect(reply).toEqual(caller.body === undefined ? caller : { status: caller.status, body: expect.stringMatching(caller.body) });
    await faulty.checked();
    expect(exchanges.length).toBe(1);
    expect(exchanges[0]?.findings.map((f) => `${f.severity} ${f.rule} ${f.actual}`)).toEqual([`error transport ${actual}`]);
  });

  it('trickle: bytes go to the caller as they come, for as long as the caller waits; a caller that hangs up ends it, unreported', async () => {
    standIn.fault = faulting('trickle');
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${faulty.url}${operation.path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size >= 5) {
            req.destroy();
            resolve(size);
          }
        });
      });
      req.on('error', () => undefined);
      req.on('close', () => reject(new Error('closed before 5 bytes')));
      req.end(JSON.stringify(example.request.body));
    });
    expect(received).toBeGreaterThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await faulty.checked();
    expect(exchanges).toEqual([]);
  });
});
