import { parentPort, workerData } from 'node:worker_threads';
import { compileMock } from '../../contract-tests/mock/server.ts';
import { type CheckedExchange, checkSeen, contractOf, type SeenExchange, shapeOfSeen } from './check.ts';
import type { CheckerData } from './checker.ts';

/**
 * The checks' thread (see `Checker`): compiles the contract of the proxied services, says so, then answers each
 * batch of exchanges with their checks, in order.
 */
const { services, bodyLimit, observe } = workerData as CheckerData;
const { app, operations } = compileMock({ services, bodyLimit });
const contract = contractOf(operations, app.services, bodyLimit);
const port = parentPort as NonNullable<typeof parentPort>;

/** A Buffer arrives as a plain Uint8Array; the checks read it as a Buffer again, over the same bytes. */
const asBuffer = (bytes: Uint8Array | undefined) => bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

port.on('message', (batch: SeenExchange[]) => {
  const checked: CheckedExchange[] = batch.map((received) => {
    const seen = { ...received, requestBody: asBuffer(received.requestBody), responseBody: asBuffer(received.responseBody) };
    const result = checkSeen(contract, seen);
    const shape = observe === undefined ? undefined : shapeOfSeen(contract, seen, result.format, observe.secrets);
    return shape === undefined ? result : { ...result, shape };
  });
  port.postMessage(checked);
});
port.postMessage('ready');
