/**
 * Every screen — welcome, studio, queue, library, viewer, compare, settings —
 * checked by axe-core against the WCAG 2.1 A and AA rules, in the light and the
 * dark theme: any serious or critical finding fails, named by rule, screen,
 * theme and element. A screenshot of each screen in each theme is attached.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page, TestInfo } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBrowserHost } from '../../electron/host/browserHost'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import { test, expect } from './support/fixtures'
import { dropFiles, photoJpeg } from './support/images'
import { cell, openInViewer, openSeededLibrary, viewer } from './support/seed'
import { setDailyLimit, studioPage } from './support/studioPage'

// Each screen is checked twice (light, dark) with a screenshot each: several seconds a screen on a busy machine.
test.describe.configure({ timeout: 240_000 })

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const SCHEMES = ['light', 'dark'] as const
/** The page background in each theme (tokens.css), to know the theme has been applied. */
const BACKGROUND = { light: 'rgb(245, 245, 243)', dark: 'rgb(20, 20, 22)' }

/** Waits until the theme is painted and no finite animation (a dialog popping in) is still running. */
async function settle(page: Page, scheme: (typeof SCHEMES)[number]): Promise<void> {
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[scheme])
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  )
}

/** Runs axe on what the page shows now, in both themes (following the OS, as the theme setting does by default). */
async function audit(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const findings: string[] = []
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme })
    await settle(page, scheme)
    findings.push(...(await seriousFindings(page, `${screen} (${scheme})`)))
    await shoot(page, testInfo, `${screen}-${scheme}`)
  }
  expect.soft(findings, `axe findings on ${screen}`).toEqual([])
}

async function seriousFindings(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${where}: ${violation.id} (${violation.help}) at ${node.target.join(' ')}`),
    )
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

test('welcome: the first-run question', async ({ page }, testInfo) => {
  // Nothing configured (no key, no server): the welcome asks first.
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-a11y-'))
  const host = await startBrowserHost({
    dataDir,
    rendererDir: resolve(import.meta.dirname, '../../out/renderer'),
    logger: createSilentLogger(),
    appVersion: 'e2e',
    env: {},
  })
  try {
    await page.goto(host.url)
    const welcome = page.getByRole('dialog', { name: 'Welcome to Atelier' })
    await expect(welcome).toBeVisible()
    await audit(page, testInfo, 'welcome')
    // A key that cannot be one: the error is announced in the dialog.
    await welcome.getByLabel('API key').fill('short')
    await welcome.getByRole('button', { name: 'Use my API key' }).click()
    await expect(welcome.getByRole('alert')).toBeVisible()
    await audit(page, testInfo, 'welcome-error')
  } finally {
    await host.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('studio and queue: empty, with a reference, and every kind of queue item', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  await expect(page.getByText('Nothing in the queue.')).toBeVisible()
  await audit(page, testInfo, 'studio-empty')

  await studio.prompt.fill('a harbour at dawn, fishing boats, soft fog')
  await studio.ratio('4:3').check()
  await studio.variations(2).check()
  await dropFiles(studio.tray, [await photoJpeg('harbour.jpg', 1200, 800, 3)])
  await expect(studio.references).toHaveCount(1)
  await audit(page, testInfo, 'studio')

  // Completed, refused for credits, declined by the safety filter, waiting out maintenance.
  await studio.generate.click()
  await expect(studio.queueItems.locator('[data-status="completed"]')).toHaveCount(2, { timeout: 30_000 })

  world.simulator.setCredits('0')
  await studio.prompt.fill('a castle made of sand')
  await studio.variations(1).check()
  await studio.generate.click()
  await expect(studio.queueItems.locator('[data-status="rejected"]')).toBeVisible()
  world.simulator.setCredits(null)
  await studio.prompt.fill('something forbidden')
  await studio.generate.click()
  await expect(studio.queueItems.locator('[data-status="failed"]')).toBeVisible()
  world.simulator.setFaults({ maintenanceUntil: Date.now() + 60_000, maintenanceRetryAfterSeconds: 30 })
  await studio.prompt.fill('a lighthouse keeper')
  await studio.generate.click()
  await expect(studio.queueItems.filter({ hasText: 'a lighthouse keeper' })).toContainText(/Retrying at/)
  await audit(page, testInfo, 'queue')

  // The spending-limit question (at least two tasks at $0.04 are spent; three more pass $0.10).
  await setDailyLimit(page, '0.10')
  await studio.variations(3).check()
  await studio.generate.click()
  const question = page.getByRole('alertdialog', { name: 'Over your daily spending limit' })
  await expect(question).toBeVisible()
  await audit(page, testInfo, 'studio-spend-limit')
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(question).toBeHidden()
})

test('library: grid, filters, spending, export, selection, trash', async ({ world, page }, testInfo) => {
  const { newestFirst } = await openSeededLibrary(world, page, { count: 60 })
  await audit(page, testInfo, 'library')
  await page.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Status' }).click()
  await expect(page.getByRole('checkbox', { name: 'Completed' })).toBeVisible()
  await audit(page, testInfo, 'library-filter')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Spending' }).click()
  await expect(page.getByTestId('spend-total')).toBeVisible()
  await audit(page, testInfo, 'library-spending')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'More library actions' }).click()
  await page.getByRole('menuitem', { name: 'Export the library…' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await audit(page, testInfo, 'library-export')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()

  const [a, b, c] = newestFirst.filter((r) => r.status === 'completed')
  for (const row of [a!, b!, c!])
    await cell(page, row.id)
      .locator('.library-open')
      .click({ modifiers: ['Control'] })
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('3 selected')
  await audit(page, testInfo, 'library-selection')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toBeHidden()

  // The trash, with one image in it, and the question before emptying it.
  await cell(page, a!.id)
    .locator('.library-open')
    .click({ modifiers: ['Control'] })
  await page.keyboard.press('Delete')
  await expect(page.getByRole('status').filter({ hasText: 'Moved 1 image to the trash.' })).toBeVisible()
  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  await expect(page.getByTestId('library-count')).toHaveText('1 image in the trash')
  await audit(page, testInfo, 'library-trash')
  await page.getByRole('button', { name: 'Empty trash' }).click()
  await expect(page.getByRole('alertdialog')).toBeVisible()
  await audit(page, testInfo, 'library-empty-trash')
  await page.keyboard.press('Escape')
  expect(world.consoleErrors).toEqual([])
})

test('viewer, compare and settings', async ({ world, page }, testInfo) => {
  const { newestFirst } = await openSeededLibrary(world, page, { count: 60 })
  const [a, b, c] = newestFirst.filter((r) => r.status === 'completed')
  for (const row of [a!, b!, c!])
    await cell(page, row.id)
      .locator('.library-open')
      .click({ modifiers: ['Control'] })

  // Compare the three, then two with the slider.
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Compare' }).click()
  const compare = page.getByRole('dialog', { name: /^Compare/ })
  await expect(compare.locator('img.compare-image')).toHaveCount(3)
  await audit(page, testInfo, 'compare')
  await compare
    .getByRole('group', { name: /^Position 3/ })
    .getByRole('button', { name: 'Remove from comparison' })
    .click()
  await page.keyboard.press('s')
  await expect(compare.getByRole('slider', { name: 'Before and after' })).toBeFocused()
  await audit(page, testInfo, 'compare-slider')
  await page.keyboard.press('Escape')
  await expect(compare).toBeHidden()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toBeHidden()

  // The viewer on a remix (references and lineage), and on a failure.
  const remix = newestFirst.find((r) => r.status === 'completed' && r.parentId !== null)!
  await openInViewer(page, remix.id)
  await expect(viewer(page).getByRole('region', { name: 'Lineage' })).toBeVisible()
  await audit(page, testInfo, 'viewer')
  await page.keyboard.press('Escape')
  await openInViewer(page, newestFirst.find((r) => r.status === 'failed')!.id)
  await audit(page, testInfo, 'viewer-failed')
  await page.keyboard.press('Escape')

  // Settings, and the theme chosen there rather than by the OS.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings).toBeVisible()
  await audit(page, testInfo, 'settings')
  const theme = settings.getByRole('radiogroup', { name: 'Theme' })
  for (const [chosen, os] of [
    ['dark', 'light'],
    ['light', 'dark'],
  ] as const) {
    await page.emulateMedia({ colorScheme: os })
    await theme.getByRole('radio', { name: chosen === 'dark' ? 'Dark' : 'Light' }).check()
    await settle(page, chosen)
    expect.soft(await seriousFindings(page, `settings (theme ${chosen}, OS ${os})`)).toEqual([])
    await shoot(page, testInfo, `settings-theme-${chosen}`)
  }
  await theme.getByRole('radio', { name: 'System' }).check()
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()

  expect(world.consoleErrors).toEqual([])
})
