import { defineConfig } from 'vitest/config';

// Unit and integration tests are colocated (*.test.ts). Playwright specs (e2e/*.spec.ts) run separately.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'native/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'test-support/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts'],
    // Native builds, models and the virtual microphone are shared machine resources: one file at a time per worker,
    // two workers for two cores.
    maxWorkers: 2,
  },
});
