/**
 * When a task fails, the queue says why in words and offers the action that
 * helps: 402 → where to top up, a declined prompt → rephrase, 503 → when it
 * will try again.
 */
import { test, expect } from './support/fixtures'
import { studioPage } from './support/studioPage'

test('failures say why and what helps: credits, moderation, maintenance', async ({ world, studio: page }, testInfo) => {
  const studio = studioPage(page)

  // 402: nothing was charged; the way to top up is one click away.
  world.simulator.setCredits('0')
  await studio.prompt.fill('a castle made of sand')
  await studio.generate.click()
  const broke = studio.queueItems.filter({ hasText: 'a castle made of sand' })
  await expect(broke.locator('[data-status="rejected"]')).toBeVisible()
  await expect(broke.getByRole('link', { name: 'Top up at runblob' })).toHaveAttribute(
    'href',
    'https://platform.runblob.io',
  )
  // Refused before a task existed: it can be sent again as it is (generationActions: 'resubmit').
  await expect(broke.getByRole('button', { name: 'Send again', exact: true })).toBeVisible()

  // The provider's safety filter: the reason in words; the task ended, so nothing is sent again as it
  // was, only a new generation is offered ('again') — or Remix, to rephrase.
  world.simulator.setCredits(null)
  await studio.prompt.fill('something forbidden')
  await studio.generate.click()
  const declined = studio.queueItems.filter({ hasText: 'something forbidden' })
  await expect(declined.locator('[data-status="failed"]')).toBeVisible()
  await expect(declined).toContainText("The provider's safety filter declined this prompt. Rephrase it and try again.")
  await expect(declined.getByRole('button', { name: 'Send again', exact: true })).toHaveCount(0)
  await expect(declined.getByRole('button', { name: 'Generate again', exact: true })).toBeVisible()
  await expect(declined.getByRole('button', { name: 'Remix', exact: true })).toBeVisible()

  // After topping up, the refused one is sent again from the queue and completes.
  await broke.getByRole('button', { name: 'Send again', exact: true }).click()
  await expect(broke.locator('[data-status="completed"]')).toBeVisible({ timeout: 30_000 })
  await expect(broke.getByRole('button', { name: 'Send again', exact: true })).toHaveCount(0)

  // 503: the task waits and says when it will try again.
  world.simulator.setFaults({ maintenanceUntil: Date.now() + 60_000, maintenanceRetryAfterSeconds: 30 })
  await studio.prompt.fill('a lighthouse keeper')
  await studio.generate.click()
  const waiting = studio.queueItems.filter({ hasText: 'a lighthouse keeper' })
  await expect(waiting).toContainText(/Retrying at \d{1,2}:\d{2}.*runblob is under maintenance/)

  const shot = testInfo.outputPath('queue-failures.png')
  await page.screenshot({ path: shot, animations: 'disabled' })
  await testInfo.attach('queue-failures', { path: shot, contentType: 'image/png' })
})
