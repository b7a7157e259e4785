/**
 * Electron e2e: the same flow in the real shell (Playwright's `_electron`). It
 * runs wherever an Electron binary exists; elsewhere its spec skips and says why.
 */
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
})
