#!/usr/bin/env node
// Ctrl-C is caught before anything loads, so however early it comes the command still ends cleanly (reports
// written, exit 130); a second Ctrl-C kills at once.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => controller.abort());
}
// The CLI is TypeScript run through tsx, so the repository needs no build step before use.
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
