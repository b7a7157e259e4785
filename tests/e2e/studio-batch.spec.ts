/**
 * A batch: ten prompts (pasted, with an empty line skipped and an over-long one
 * refused by its line number) × 2 variations. The task count, the price and the
 * spending question all appear before a single request reaches the simulator;
 * after "Generate anyway" exactly the twenty expected POST bodies arrive, and the
 * queue shows the batch as one group with its progress.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { openLibrary } from '../../electron/core/db'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import { test, expect } from './support/fixtures'
import { setDailyLimit, studioPage } from './support/studioPage'

/** axe-core's serious and critical findings (WCAG 2.1 AA) on the page as it stands. */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('ten prompts × 2: count, quote and one limit question before any request, then the exact 20 bodies', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  const posts = () => world.simulator.requests.filter((r) => r.method === 'POST')

  // One task priced earlier today ($0.04), written straight into the library: the quote knows the unit price.
  const library = openLibrary({ dataDir: world.dataDir, logger: createSilentLogger() })
  library.insertGenerations([
    {
      id: 'earlier',
      prompt: 'an earlier image',
      aspectRatio: '1:1',
      references: [],
      callbackUrl: null,
      createdAt: new Date().toISOString(),
    },
  ])
  library.updateGeneration('earlier', {
    status: 'completed',
    taskUuid: 'task-earlier',
    price: '0.04',
    submittedAt: new Date().toISOString(),
  })
  library.close()

  // A daily limit of $0.50: twenty tasks at $0.04 would take today to $0.84.
  await setDailyLimit(page, '0.50')

  await studio.ratio('1:1').check()
  await page.getByRole('button', { name: 'Batch…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Batch' })
  const prompts = Array.from({ length: 10 }, (_, i) => `batch subject number ${i + 1}`)
  const lines = [...prompts.slice(0, 4), '', 'x'.repeat(4001), ...prompts.slice(4)]
  await dialog.getByRole('textbox', { name: 'Prompts' }).fill(lines.join('\n'))
  await dialog.getByRole('combobox', { name: 'Variations of each' }).selectOption('2')
  await expect(dialog.getByRole('group', { name: 'Lines not taken' })).toContainText(
    'Line 6: the prompt is 4001 characters; at most 4000.',
  )
  await expect(dialog.getByTestId('batch-summary')).toHaveText(
    '10 prompts × 2 = 20 tasks — ≈ $0.80 — over your daily limit',
  )
  expect(await seriousFindings(page)).toEqual([])
  const shot = testInfo.outputPath('batch-dialog.png')
  await page.screenshot({ path: shot, animations: 'disabled' })
  await testInfo.attach('batch-dialog', { path: shot, contentType: 'image/png' })

  await dialog.getByRole('button', { name: 'Send 20 tasks' }).click()
  const question = page.getByRole('alertdialog', { name: 'Over your daily spending limit' })
  await expect(question).toBeVisible()
  await expect(question).toContainText("This would take today's spending to $0.84, over your daily limit of $0.50.")
  expect(posts()).toHaveLength(0)
  await question.getByRole('button', { name: 'Generate anyway' }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => posts().length, { timeout: 30_000 }).toBe(20)
  const bodies = posts()
    .map((r) => JSON.stringify(r.body))
    .sort()
  const expected = prompts
    .flatMap((prompt) => [prompt, prompt])
    .map((prompt) => JSON.stringify({ prompt, aspect_ratio: '1:1' }))
    .sort()
  expect(bodies).toEqual(expected)

  const batch = studio.queue.getByRole('heading', { name: /^Batch · \d+ of 20 done$/ })
  await expect(batch).toBeVisible()
  await expect(studio.queue.getByRole('heading', { name: 'Batch · 20 of 20 done' })).toBeVisible({ timeout: 60_000 })
  expect(await seriousFindings(page)).toEqual([])
  const queueShot = testInfo.outputPath('batch-queue.png')
  await page.screenshot({ path: queueShot, animations: 'disabled' })
  await testInfo.attach('batch-queue', { path: queueShot, contentType: 'image/png' })
  expect(posts()).toHaveLength(20)
  expect(world.consoleErrors).toEqual([])
})
