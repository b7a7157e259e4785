/**
 * One world per test: a fresh simulator (with fast timings), a fresh library
 * folder, and a browser-mode host pointed at both. The page is opened at the
 * host's tokened URL, and console errors are collected so a test can assert
 * there were none.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browserHost'
import { createSilentLogger } from '../../../electron/core/logging/createLogger'
import { createSimulator } from '../../../electron/core/simulator'
import type { Simulator, SimulatorOptions } from '../../../electron/core/simulator/types'

export const SIM_KEY = 'sim-key'
const root = resolve(import.meta.dirname, '../../..')

export interface World {
  simulator: Simulator
  host: BrowserHost
  dataDir: string
  /** Starts a new host on the same library (a "restart" of the app); `whileStopped` runs between the two. */
  restart(whileStopped?: () => Promise<void>): Promise<BrowserHost>
  consoleErrors: string[]
}

type Fixtures = { simulatorOptions: SimulatorOptions; world: World; studio: Page }

export const test = base.extend<Fixtures>({
  simulatorOptions: [{ pendingMs: 1200, processingMs: 1800, resultLongEdge: 512 }, { option: true }],
  world: async ({ simulatorOptions, page }, use) => {
    const simulator = await createSimulator(simulatorOptions)
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-e2e-'))
    const start = () =>
      startBrowserHost({
        dataDir,
        rendererDir: join(root, 'out', 'renderer'),
        logger: createSilentLogger(),
        appVersion: 'e2e',
        env: { apiBaseUrl: simulator.url, apiKey: SIM_KEY },
        // Look often, so each simulated state is seen without long tests.
        engineTuning: { firstPollDelayMs: 250, pollIntervalMs: 400, pollIntervalCapMs: 800 },
        // The pictures "on the web" (support/images.ts serveImage) are served from 127.0.0.1, which the app refuses.
        testNetworkAllowance: { reachableAddresses: ['127.0.0.1'] },
      })
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    page.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`)
    })
    const world: World = {
      simulator,
      host: await start(),
      dataDir,
      consoleErrors,
      async restart(whileStopped) {
        // Quitting the app closes its window: leave the page first, or its socket's
        // reconnect attempts to the stopped host would be logged as console errors.
        await page.goto('about:blank')
        await world.host.close()
        await whileStopped?.()
        world.host = await start()
        return world.host
      },
    }
    await use(world)
    await world.host.close()
    await simulator.close()
    await rm(dataDir, { recursive: true, force: true })
  },
  studio: async ({ world, page }, use) => {
    await page.goto(world.host.url)
    await expect(page.getByRole('textbox', { name: 'Prompt' })).toBeVisible()
    await use(page)
  },
})

export { expect }
