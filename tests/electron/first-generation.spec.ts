/**
 * The foundation flow in the packaged shell. Needs an Electron binary (which
 * cannot be downloaded on machines without access to Electron's releases); where
 * there is none, the test is skipped and the reason printed plainly.
 */
import { _electron as electron, test, expect } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createSimulator } from '../../electron/core/simulator'

const root = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

function electronBinary(): string | null {
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
if (!binary) {
  console.log(
    'Electron e2e skipped: no Electron binary on this machine (node_modules/electron/dist is missing; it cannot be downloaded here). The same flow ran in Chromium through browser mode.',
  )
}

test('a prompt in 4:3 generates and shows its image in the Electron app', async () => {
  test.skip(!binary, 'no Electron binary on this machine')
  const simulator = await createSimulator({ pendingMs: 1000, processingMs: 1500, resultLongEdge: 512 })
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-electron-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'out/main/index.js')],
    env: { ...process.env, ATELIER_DATA_DIR: dataDir, ATELIER_API_BASE_URL: simulator.url, ATELIER_API_KEY: 'sim-key' },
  })
  try {
    const page = await app.firstWindow()
    // The security baseline, seen from inside the page.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')

    await page.getByRole('textbox', { name: 'Prompt' }).fill('a lighthouse at dusk')
    await page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: '4:3' }).check()
    await page.getByRole('button', { name: /^Generate/ }).click()
    const item = page
      .getByRole('region', { name: 'Queue' })
      .getByRole('listitem')
      .filter({ hasText: 'a lighthouse at dusk' })
    await expect(item.locator('[data-status="completed"]')).toBeVisible()
    await expect(item.getByRole('img', { name: 'a lighthouse at dusk' })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('electron-completed.png') })
  } finally {
    await app.close()
    await simulator.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
