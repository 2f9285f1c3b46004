import { defineConfig } from 'vitest/config';

// Unit, HTTP (in memory) and storage tests, beside the code they test. End-to-end tests have
// their own configuration in e2e/ because they need a network namespace.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Browser code with no DOM (pure rules) is tested here too; DOM behaviour is tested in e2e/.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most of these tests wait on PostgreSQL, SQLite or timers rather than compute: one worker
    // kept 2 cores about 40 % busy. Three files at a time roughly halve the wall time; each
    // test has its own PostgreSQL schema or SQLite file, so they do not meet.
    maxWorkers: 3,
    // A worker keeps its modules from one file to the next instead of importing the server afresh
    // for each (import took 130–140 s of the workers' time; 20–27 s without isolation, the whole run
    // 151–162 s against 221–235). Tests share no module state: each makes its own app, storage and
    // clock, and the one that fakes timers gives them back.
    isolate: false,
  },
});
