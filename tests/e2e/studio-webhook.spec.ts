/**
 * The optional webhook under "Advanced": only https is accepted (and the
 * studio says why), and a valid one is passed through as callback_url.
 */
import { test, expect } from './support/fixtures'
import { studioPage } from './support/studioPage'

test('a webhook URL must be https, and is sent as callback_url', async ({ world, studio: page }) => {
  const studio = studioPage(page)
  await studio.prompt.fill('a lantern in the fog')
  await page.getByText('Advanced').click()
  const webhook = page.getByRole('textbox', { name: 'Webhook URL' })

  await webhook.fill('http://hooks.example.com/atelier')
  await expect(page.getByRole('alert')).toHaveText('The webhook URL must be a full https:// address.')
  await expect(studio.generate).toBeDisabled()
  await expect(page.locator('#generate-summary')).toHaveText('Fix the webhook URL under Advanced.')

  await webhook.fill('https://hooks.example.com/atelier')
  await expect(studio.generate).toBeEnabled()
  await studio.generate.click()
  await expect(
    studio.queueItems.locator('[data-status="pending"], [data-status="processing"], [data-status="completed"]'),
  ).toHaveCount(1)

  const posts = world.simulator.requests.filter((r) => r.method === 'POST')
  expect(posts).toHaveLength(1)
  expect(posts[0]!.body).toEqual({ prompt: 'a lantern in the fog', callback_url: 'https://hooks.example.com/atelier' })
  expect(world.simulator.tasks()[0]!.callbackUrl).toBe('https://hooks.example.com/atelier')
})
