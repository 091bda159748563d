import { describe, expect, it } from 'vitest';
import type { CheckedExchange, SeenExchange } from './check.ts';
import { Checker } from './checker.ts';

/** An undocumented request, answered: one warning, and nothing in it for the checks to trip on. */
const seen = (pathname: string): SeenExchange => ({
  service: 'ncp-dataforest',
  operationId: undefined,
  method: 'POST',
  pathname,
  params: [],
  query: '',
  requestHeaders: { accept: 'application/xml' },
  requestBody: undefined,
  requestOverLimit: false,
  status: 200,
  responseHeaders: {},
  responseBody: undefined,
  responseOverLimit: false,
  error: undefined,
  signer: 'ncp-apigw-v2',
});

/** Not an exchange at all: the checks throw on it, as they would on a bug of theirs, and the thread dies. */
const poison = { service: 'ncp-dataforest' } as SeenExchange;

function started(services = ['ncp-dataforest'], maxBacklogBytes?: number) {
  const checked: [string, string][] = [];
  const failures: string[] = [];
  const checker = new Checker<string>(
    { services, bodyLimit: 1024 },
    (item, { format, findings }: CheckedExchange) => checked.push([item, `${format} ${findings.map((f) => f.rule)}`]),
    (error) => failures.push(error.message),
    maxBacklogBytes,
  );
  return { checker, checked, failures };
}

describe('Checker: the checks on their own thread', () => {
  it('answers batches in the order posted, each exchange with the item it was posted with', async () => {
    const { checker, checked, failures } = started();
    try {
      await checker.ready;
      checker.post(['a', 'b'], [seen('/a'), seen('/b')]);
      checker.post(['c'], [seen('/c')]);
      await checker.drain();
      expect(checked).toEqual([
        ['a', 'xml undocumented-operation'],
        ['b', 'xml undocumented-operation'],
        ['c', 'xml undocumented-operation'],
      ]);
      expect(failures).toEqual([]);
    } finally {
      await checker.close();
    }
  });

  it('bodies waiting for their checks past the bound make it full, until half of them are checked', async () => {
    const { checker } = started(['ncp-dataforest'], 100);
    try {
      await checker.ready;
      const sized = (bytes: number) => ({ ...seen('/big'), requestBody: Buffer.alloc(bytes), responseBody: Buffer.alloc(bytes) });
      checker.post(['small'], [sized(25)]);
      const room: boolean[] = [];
      expect(checker.full()).toBe(false);
      checker.post(['big'], [sized(30)]);
      expect(checker.full()).toBe(true);
      checker.whenRoom(() => room.push(checker.full()));
      await checker.drain();
      expect(room).toEqual([false]);
    } finally {
      await checker.close();
    }
  });

  it('a thread that dies fails once, naming the cause, and counts every exchange it leaves unchecked', async () => {
    const { checker, checked, failures } = started();
    try {
      await checker.ready;
      checker.post(['a'], [seen('/a')]);
      checker.post(['b', 'c'], [seen('/b'), poison]);
      const message =
        "api-contracts proxy: the checks' worker thread failed: TypeError: Cannot read properties of undefined (reading 'accept')";
      await expect(checker.drain()).rejects.toThrow(`${message}: 2 exchange(s) forwarded but not checked`);
      checker.post(['d'], [seen('/d')]);
      await expect(checker.drain()).rejects.toThrow(`${message}: 3 exchange(s) forwarded but not checked`);
      expect(checked).toEqual([['a', 'xml undocumented-operation']]);
      expect(failures).toEqual([message]);
    } finally {
      await checker.close();
    }
  });

  it('a thread that cannot compile the contract fails its start', async () => {
    const { checker, failures } = started(['nope']);
    try {
      await expect(checker.ready).rejects.toThrow(/^api-contracts proxy: the checks' worker thread failed: .*nope/);
      expect(failures).toEqual([]);
    } finally {
      await checker.close();
    }
  });
});
