import { startMock } from '../mock/server.ts';
import type { Report } from '../report/report.ts';
import { embeddedMockServices, type RunOptions, runContracts } from './run.ts';

/**
 * A run as `api-contracts test` makes it: the embedded mock started on a free loopback port for the services that
 * have no base URL (once the options are checked, so a mistake starts nothing), its URL handed to the runner, and
 * the mock closed after, whatever the outcome. A run already aborted starts no mock and reports itself interrupted.
 */
export async function runWithEmbeddedMock(options: RunOptions): Promise<Report> {
  const services = embeddedMockServices(options);
  const mock = services.length > 0 && !options.signal?.aborted ? await startMock({ port: 0, host: '127.0.0.1', services }) : undefined;
  try {
    return await runContracts(mock === undefined ? options : { ...options, mockUrl: mock.url });
  } finally {
    await mock?.close();
  }
}
