/**
 * Spending: once one task has been priced, the studio shows what the next
 * generation will cost before it is sent; a generation that would pass the
 * daily limit asks first — Cancel sends nothing, "Generate anyway" sends it.
 * The core refuses it too when the question was not asked.
 */
import { test, expect } from './support/fixtures'
import { setDailyLimit, studioPage } from './support/studioPage'

test('a daily limit asks before three variations would pass it; cancel sends nothing, confirm sends them', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  const posts = () => world.simulator.requests.filter((r) => r.method === 'POST')

  // One priced task (the simulator charges $0.04).
  await studio.prompt.fill('a paper boat on a puddle')
  await studio.generate.click()
  await expect(studio.queueItems.first()).toContainText('$0.04')
  await expect(studio.price).toHaveText('≈ $0.04 for 1 image')

  // A daily limit of $0.10, set in Settings.
  await setDailyLimit(page, '0.10')

  // Three more would take today's $0.04 to $0.16: the preview says so before sending.
  await studio.variations(3).check()
  await expect(studio.price).toHaveText('≈ $0.12 for 3 images — over your daily limit')

  await studio.generate.click()
  const question = page.getByRole('alertdialog', { name: 'Over your daily spending limit' })
  await expect(question).toBeVisible()
  await expect(question).toContainText(
    "This would take today's spending to $0.16, over your daily limit of $0.10. Generate anyway?",
  )
  // The safe answer has the focus.
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused()
  const shot = testInfo.outputPath('spend-limit-question.png')
  await page.screenshot({ path: shot, animations: 'disabled' })
  await testInfo.attach('spend-limit-question', { path: shot, contentType: 'image/png' })
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(question).toBeHidden()
  expect(posts()).toHaveLength(1)

  // The core itself refuses without the user's word.
  const refused = await world.host.core.router.dispatch('generation.create', {
    prompt: 'a paper boat on a puddle',
    aspectRatio: 'auto',
    referenceIds: [],
    variations: 3,
    callbackUrl: null,
  })
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'SPEND_LIMIT', message: expect.stringContaining('over your daily limit of $0.10') },
  })
  expect(posts()).toHaveLength(1)

  // Asked again, and confirmed: three tasks go out.
  await studio.generate.click()
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Generate anyway' }).click()
  await expect(question).toBeHidden()
  await expect(studio.queueItems).toHaveCount(4)
  await expect.poll(() => posts().length).toBe(4)
  await expect(studio.queueItems.locator('[data-status="completed"]')).toHaveCount(4)
  // Now past the limit, even one more image asks first.
  await studio.variations(1).check()
  await expect(studio.price).toHaveText('≈ $0.04 for 1 image — over your daily limit')
  expect(world.consoleErrors).toEqual([])
})
