/**
 * The foundation's vertical slice, as a person does it: type a prompt, choose
 * 4:3, generate, watch the task move through its states, see the image — and
 * find it again after the app restarts.
 */
import { test, expect } from './support/fixtures'

test('a prompt in 4:3 generates, shows every state, and survives a restart', async ({
  world,
  studio: page,
}, testInfo) => {
  await page.getByRole('textbox', { name: 'Prompt' }).fill('a red fox in fresh snow, morning light')
  await page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: '4:3' }).check()
  await page.getByRole('button', { name: /^Generate( \d)?$/ }).click()

  const queue = page.getByRole('region', { name: 'Queue' })
  const item = queue.getByRole('listitem').filter({ hasText: 'a red fox in fresh snow' })
  await expect(item).toHaveCount(1)
  // Each state the provider reports is shown as it happens.
  await expect(item.locator('[data-status="pending"]')).toBeVisible()
  await expect(item.locator('[data-status="processing"]')).toBeVisible()
  await expect(item.locator('[data-status="completed"]')).toBeVisible()

  const image = item.getByRole('img', { name: 'a red fox in fresh snow, morning light' })
  await expect(image).toBeVisible()
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('studio-completed.png'), fullPage: true })
  await testInfo.attach('studio-completed', {
    path: testInfo.outputPath('studio-completed.png'),
    contentType: 'image/png',
  })

  // Exactly the documented body went out: the prompt and the ratio, nothing else.
  const posts = world.simulator.requests.filter((r) => r.method === 'POST')
  expect(posts).toHaveLength(1)
  expect(posts[0]!.body).toEqual({ prompt: 'a red fox in fresh snow, morning light', aspect_ratio: '4:3' })

  // The result is in the library folder and comes back after a restart.
  const host = await world.restart()
  await page.goto(host.url)
  const again = page
    .getByRole('region', { name: 'Queue' })
    .getByRole('listitem')
    .filter({ hasText: 'a red fox in fresh snow' })
  await expect(again.locator('[data-status="completed"]')).toBeVisible()
  await expect(again.getByRole('img', { name: 'a red fox in fresh snow, morning light' })).toBeVisible()
  expect(world.simulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1)

  expect(world.consoleErrors).toEqual([])
})
