import { defineConfig } from 'vitest/config';

// End-to-end tests: real Plenary, real Janus, real Chromium, inside e2e/netns.sh. One file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
