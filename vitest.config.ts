import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['schemas/**/*.test.ts', 'scripts/**/*.test.ts', 'contract-tests/**/*.test.ts'],
    // Several suites start servers or render docs; a generous timeout avoids flakes on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
