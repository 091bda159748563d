import { createRequire } from 'node:module';

/**
 * The response header by which an api-contracts mock says what it is, on every answer it gives (errors too), so
 * `test --base-url` pointed at a running mock knows to run in mock mode: no credentials needed, every example
 * asked for by name and compared value for value, as against the embedded mock.
 */
export const MOCK_HEADER = 'x-api-contracts-mock';

/** The version of api-contracts serving: the header's value. */
export const MOCK_VERSION: string = createRequire(import.meta.url)('../package.json').version;

/**
 * The request header that marks `test --base-url`'s one question whether a mock answers (value `1`). The request is
 * the tool's own, no documented operation: `api-contracts proxy` forwards it unsigned and records no exchange for
 * it, so a `--strict` proxy run is not failed by the tool that runs through it.
 */
export const PROBE_HEADER = 'x-api-contracts-probe';
