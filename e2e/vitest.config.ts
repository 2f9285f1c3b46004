import { defineConfig } from 'vitest/config';

// End-to-end tests: real Plenary, real Janus, real Chromium, inside e2e/netns.sh. One file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // Each file takes seconds to a minute on a quiet machine; these bounds only stop a hung test.
    // They are wide because a busy machine has been seen to make every browser test 2–10 times slower.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
