/**
 * A remix with three references — an earlier result used as a reference plus
 * two dropped photos — generates, and the simulator's request log shows exactly
 * the body the API documents: the prompt, the aspect ratio (or none for Auto),
 * three images as data URIs, in the tray's order, and nothing else.
 */
import sharp from 'sharp'
import { test, expect } from './support/fixtures'
import { dropFiles, photoJpeg } from './support/images'
import { studioPage } from './support/studioPage'

const DATA_URI = /^data:image\/(jpeg|png);base64,([A-Za-z0-9+/]+=*)$/

async function sizesOf(images: unknown): Promise<string[]> {
  expect(Array.isArray(images)).toBe(true)
  return Promise.all(
    (images as string[]).map(async (uri) => {
      const match = DATA_URI.exec(uri)
      expect(match, uri.slice(0, 40)).not.toBeNull()
      const meta = await sharp(Buffer.from(match![2]!, 'base64')).metadata()
      expect(meta.format).toBe(match![1] === 'png' ? 'png' : 'jpeg')
      return `${meta.width}x${meta.height}`
    }),
  )
}

test('a remix with three references sends exactly the documented body, with and without a ratio', async ({
  world,
  studio: page,
}) => {
  const studio = studioPage(page)
  const posts = () => world.simulator.requests.filter((r) => r.method === 'POST')

  // An earlier result to remix from.
  await studio.prompt.fill('a red kite over the dunes')
  await studio.ratio('1:1').check()
  await studio.generate.click()
  const first = studio.queueItems.filter({ hasText: 'a red kite over the dunes' })
  await expect(first.locator('[data-status="completed"]')).toBeVisible()

  // Three references: that result, then two photos dropped from the file system.
  await first.getByRole('button', { name: 'Use as reference' }).click()
  await expect(studio.references).toHaveCount(1)
  await dropFiles(studio.tray, [await photoJpeg('dune.jpg', 1600, 1200, 31), await photoJpeg('sky.jpg', 1200, 900, 32)])
  await expect(studio.references).toHaveCount(3)

  await studio.prompt.fill('the same kite, at night, lit by a lantern')
  await studio.ratio('4:3').check()
  await studio.generate.click()
  const remix = studio.queueItems.filter({ hasText: 'the same kite, at night' })
  await expect(remix.locator('[data-status="completed"]')).toBeVisible()

  expect(posts()).toHaveLength(2)
  const body = posts()[1]!.body as Record<string, unknown>
  expect(Object.keys(body).sort()).toEqual(['aspect_ratio', 'images', 'prompt'])
  expect(body.prompt).toBe('the same kite, at night, lit by a lantern')
  expect(body.aspect_ratio).toBe('4:3')
  // In the tray's order: the 512 px result, then the two photos (small enough to keep their size).
  expect(await sizesOf(body.images)).toEqual(['512x512', '1600x1200', '1200x900'])

  // Remix puts that generation's prompt, ratio and references back; Auto sends no aspect_ratio at all.
  await remix.getByRole('button', { name: 'Remix' }).click()
  await expect(studio.prompt).toHaveValue('the same kite, at night, lit by a lantern')
  await expect(studio.ratio('4:3')).toBeChecked()
  await expect(studio.references).toHaveCount(3)
  await studio.ratio('Auto').check()
  await studio.generate.click()
  await expect(
    studio.queueItems.filter({ hasText: 'the same kite, at night' }).locator('[data-status="completed"]'),
  ).toHaveCount(2)

  expect(posts()).toHaveLength(3)
  const auto = posts()[2]!.body as Record<string, unknown>
  expect(Object.keys(auto).sort()).toEqual(['images', 'prompt'])
  expect(auto.images).toEqual(body.images)
  expect(world.consoleErrors).toEqual([])
})
