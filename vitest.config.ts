import { defineConfig } from 'vitest/config';

// Engine and dagfile tests run in plain Node: they must not need a DOM.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'lessons/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
