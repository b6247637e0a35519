import { defineConfig } from 'vitest/config';

// Repository-wide checks: the Markdown links, the command-line help, the production build.
export default defineConfig({
  test: {
    name: 'repo',
    include: ['scripts/**/*.test.ts'],
    root: import.meta.dirname + '/..',
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
