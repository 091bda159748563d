#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the repository needs no build step before use.
import { register } from 'tsx/esm/api';

/**
 * A reader that stops early (`api-contracts test | head -3`) closes the pipe: writing on would fail with EPIPE,
 * and unhandled that ends the process with a stack trace. The rest of the output is dropped instead, and the
 * command finishes and exits as it would have (reports written, exit code unchanged).
 */
function writer(stream) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      throw error;
    }
  });
  return (text) => {
    if (!stream.destroyed) {
      stream.write(text);
    }
  };
}

register();
const { main } = await import('../scripts/cli.ts');
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => controller.abort());
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
