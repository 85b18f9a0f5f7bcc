import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser). Flags from DESIGN.md: no background traffic, headless, no GPU.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Inside test-results/ but its own folder: Playwright empties it on every run, and the unit tests' report lives beside it.
  outputDir: 'test-results/e2e',
  // Builds the renderer into dist/ once per run (skip with SOTTO_E2E_SKIP_BUILD=1 when CI already built it).
  globalSetup: './test-support/hosts/app-host.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two cores: engines with Whisper are heavy, one worker keeps the runs predictable.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // The JSON report feeds `npm test`'s closing line (scripts/test/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.SOTTO_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
