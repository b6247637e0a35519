import { defineConfig } from 'vitest/config';

// Pure logic only (parsers, filters, tree building); the screens are covered by the e2e suite.
export default defineConfig({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
