import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../mock/server.ts';
import { runWithEmbeddedMock } from './embedded.ts';
import { embeddedMockServices, runContracts } from './run.ts';

/** The runner runs against targets and starts nothing; `runWithEmbeddedMock` (what `test` calls) starts the mock. */

const selection = { services: ['ncp-dataforest'], operations: ['accountsGetList'], format: 'json' as const, env: {} };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ services: ['ncp-dataforest'] });
});
afterAll(() => mock?.close());

describe('the embedded mock', () => {
  it.each([
    ['no base URL: the selected services', {}, ['ncp-dataforest']],
    ['every service with a base URL: none', { baseUrls: ['http://127.0.0.1:9'] }, []],
  ])('embeddedMockServices, %s', (_name, options, want) => {
    expect(embeddedMockServices({ ...selection, ...options })).toEqual(want);
  });

  it('a configuration mistake is found before any mock starts', () => {
    expect(() => embeddedMockServices({ ...selection, operations: ['noSuchOperation'] })).toThrow(/unknown operation "noSuchOperation"/);
    expect(() => embeddedMockServices({ ...selection, concurrency: 0 })).toThrow('--concurrency 0: expected a whole number of at least 1');
  });

  it('runContracts runs against the mock its caller started, at the URL handed over', async () => {
    const report = await runContracts({ ...selection, mockUrl: mock.url });
    expect({ target: report.target, passed: report.summary.passed, failed: report.summary.failed }).toEqual({
      target: mock.url,
      passed: 2,
      failed: 0,
    });
  });

  it('runContracts starts no mock: a service with no base URL and no mockUrl is refused', async () => {
    await expect(runContracts(selection)).rejects.toThrow('runContracts: a selected service has no base URL and no mockUrl was given');
  });

  it('runWithEmbeddedMock starts the mock on a free loopback port for the run', async () => {
    const report = await runWithEmbeddedMock(selection);
    expect(report.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.target).not.toBe(mock.url);
    expect(report.summary).toMatchObject({ passed: 2, failed: 0, interrupted: false });
  });

  it('runWithEmbeddedMock, aborted before it starts: no mock, an interrupted report', async () => {
    const report = await runWithEmbeddedMock({ ...selection, signal: AbortSignal.abort() });
    expect({ target: report.target, interrupted: report.summary.interrupted }).toEqual({
      target: 'the embedded mock (not started)',
      interrupted: true,
    });
  });
});
