/**
 * The shell's flows in the real Electron app: the page from app://, menus,
 * the text-field context menu, copy image, window state across a relaunch, and
 * the keychain round trip. Mirrors tests/shell (which prove the same through the
 * stand-in everywhere); runs where an Electron binary exists.
 */
import { expect, test, type Page } from '@playwright/test'
import type { Transport } from '../../shared/api'
import { DEMO_API_KEY } from '../../electron/core/simulator'
import { clickMenu, launchAtelier, skipWithoutElectron, type Running } from './support/launch'

let running: Running | null = null

/** A raw request through the page's own bridge, as the renderer makes it. */
const request = (page: Page, name: string, input: unknown) =>
  page.evaluate(([n, i]) => (window as unknown as { atelier: Transport }).atelier.request(n as never, i), [
    name,
    input,
  ] as const)
test.beforeEach(() => skipWithoutElectron())
test.afterEach(async () => {
  await running?.close()
  running = null
})

test('the page is served from app://atelier with its CSP header, never file://', async () => {
  running = await launchAtelier()
  expect(running.page.url()).toMatch(/^app:\/\/atelier\//)
  const csp = await running.page.evaluate(async () =>
    (await fetch('/index.html')).headers.get('content-security-policy'),
  )
  expect(csp).toContain("script-src 'self'")
  expect(await running.page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
})

test('menu items reach the page: Library, Studio, Settings', async () => {
  running = await launchAtelier()
  const { app, page } = running
  await clickMenu(app, 'show-library')
  await expect(page.getByRole('searchbox')).toBeVisible()
  await clickMenu(app, 'show-studio')
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toBeVisible()
  await clickMenu(app, 'open-settings')
  await expect(page.getByRole('dialog', { name: /Settings/ })).toBeVisible()
})

test('the text-field context menu offers editing', async () => {
  running = await launchAtelier()
  const { app, page } = running
  const prompt = page.getByRole('textbox', { name: 'Prompt' })
  await prompt.fill('a lighthuose')
  // The menu pops up natively; read what the shell built for this right-click.
  const labels = await app.evaluate(async ({ BrowserWindow, Menu }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents
    const original = Menu.buildFromTemplate
    return new Promise<string[]>((resolve) => {
      Menu.buildFromTemplate = (template) => {
        Menu.buildFromTemplate = original
        resolve(template.map((i) => i.label ?? i.type ?? ''))
        return original(template)
      }
      contents.sendInputEvent({ type: 'mouseDown', x: 200, y: 200, button: 'right', clickCount: 1 })
      contents.sendInputEvent({ type: 'mouseUp', x: 200, y: 200, button: 'right', clickCount: 1 })
    })
  })
  expect(labels).toEqual(expect.arrayContaining(['Cut', 'Copy', 'Paste', 'Select All']))
})

test('window size and position survive a relaunch', async () => {
  running = await launchAtelier()
  await running.app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 30, width: 1000, height: 700 }),
  )
  running = await running.relaunch()
  const bounds = await running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds())
  expect(bounds).toMatchObject({ width: 1000, height: 700 })
})

test('a generated image can be copied to the clipboard as an image', async () => {
  running = await launchAtelier()
  const { app, page } = running
  await page.getByRole('textbox', { name: 'Prompt' }).fill('a lighthouse at dusk')
  await page.getByRole('button', { name: /^Generate/ }).click()
  const item = page
    .getByRole('region', { name: 'Queue' })
    .getByRole('listitem')
    .filter({ hasText: 'a lighthouse at dusk' })
  await expect(item.locator('[data-status="completed"]')).toBeVisible()
  const id = await item.locator('[data-id]').first().getAttribute('data-id')
  expect(id).toBeTruthy()
  await request(page, 'file.copyImage', { id })
  expect(await app.evaluate(({ clipboard }) => clipboard.has('image/png'))).toBe(true)
})

test('the key is kept in the keychain across a relaunch', async () => {
  // No key from the environment: the one typed in Settings is the one stored.
  running = await launchAtelier({ env: { ATELIER_API_KEY: '' } })
  const encrypted = (await request(running.page, 'key.status', {})) as { ok: boolean; data: { encrypted: boolean } }
  test.skip(!encrypted.ok || !encrypted.data.encrypted, 'no OS keychain in this session')
  expect(await request(running.page, 'key.set', { key: DEMO_API_KEY })).toMatchObject({ ok: true })
  running = await running.relaunch()
  const status = (await request(running.page, 'key.status', {})) as { data: { configured: boolean } }
  expect(status.data.configured).toBe(true)
})
