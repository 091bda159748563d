// The checks' worker thread runs TypeScript as the CLI does (bin/api-contracts.js), whoever started it: the CLI,
// vitest or a benchmark, from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('./check-thread.ts');
