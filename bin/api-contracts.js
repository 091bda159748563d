#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the repository needs no build step before use.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/cli.ts');
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => controller.abort());
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
