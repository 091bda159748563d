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
// SIGINT and SIGTERM stop every command the same way: servers close, reports are written, the verdict is the exit
// code. A handler is installed whatever the inherited disposition: a shell starts a background job with SIGINT
// ignored, and `kill -INT` must still stop it. A second signal ends the process at once.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (controller.signal.aborted) {
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
    controller.abort();
  });
}
// npm and npx run the CLI under `sh -c`, and forward a signal to that shell only: a shell that dies of it leaves
// this process orphaned, holding its port. Started by npm, the CLI stops as on SIGTERM when its parent goes.
if (process.env.npm_lifecycle_event !== undefined || process.env.npm_command !== undefined) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !controller.signal.aborted) {
      controller.abort();
    }
  }, 250).unref();
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
