/**
 * The acceptance flow, keyboard only: photos dragged from the file system onto
 * the studio and picked with the file picker, a prompt typed, 4:3 and three
 * variations chosen with the arrow keys, Ctrl/Cmd+Enter — and three tasks
 * complete against the simulator.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { dropFiles, photoJpeg } from './support/images'
import { focusIsVisible, tabTo } from './support/keyboard'
import { studioPage } from './support/studioPage'

test('two dropped photos, a picked one, a prompt, 4:3 and three variations — with the keyboard alone', async ({
  world,
  studio: page,
}) => {
  const studio = studioPage(page)
  const folder = await mkdtemp(join(tmpdir(), 'atelier-photos-'))
  try {
    const [harbour, boats, cliffs] = await Promise.all([
      photoJpeg('harbour.jpg', 2000, 1500, 41),
      photoJpeg('boats.jpg', 1500, 2000, 42),
      photoJpeg('cliffs.jpg', 1200, 900, 43),
    ])
    const cliffsPath = join(folder, cliffs.name)
    await writeFile(cliffsPath, cliffs.bytes)

    // Two photos dragged from the file manager and dropped anywhere on the studio.
    await dropFiles(page.getByRole('region', { name: 'Compose' }), [harbour, boats])
    await expect(studio.references).toHaveCount(2)

    // A third from the file picker, opened from the keyboard: the OS dialog hands over real files.
    const addImage = studio.tray.getByRole('button', { name: 'Add image…' })
    await tabTo(page, addImage)
    expect(await focusIsVisible(addImage)).toBe(true)
    const chooser = page.waitForEvent('filechooser')
    await page.keyboard.press('Enter')
    await (await chooser).setFiles(cliffsPath)
    await expect(studio.references).toHaveCount(3)

    // The prompt, typed.
    await tabTo(page, studio.prompt, { backwards: true })
    await page.keyboard.type('a harbour town at blue hour, boats returning, warm windows')

    // Tab lands on the ratio group's checked radio; arrows choose within it.
    await page.keyboard.press('Tab')
    await expect(studio.ratio('Auto')).toBeFocused()
    expect(await focusIsVisible(studio.ratio('Auto'))).toBe(true)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect(studio.ratio('4:3')).toBeChecked()
    await expect(studio.ratio('4:3')).toBeFocused()

    await page.keyboard.press('Tab')
    await expect(studio.variations(1)).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect(studio.variations(3)).toBeChecked()
    await expect(studio.generate).toHaveText('Generate 3')

    await page.keyboard.press('ControlOrMeta+Enter')
    const tasks = studio.queueItems.filter({ hasText: 'a harbour town at blue hour' })
    await expect(tasks).toHaveCount(3)
    await expect(tasks.locator('[data-status="completed"]')).toHaveCount(3)
    for (const task of await tasks.all()) {
      await expect(
        task.getByRole('img', { name: 'a harbour town at blue hour, boats returning, warm windows' }),
      ).toBeVisible()
    }

    const posts = world.simulator.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(3)
    for (const post of posts) {
      const body = post.body as { prompt: string; aspect_ratio: string; images: string[] }
      expect(Object.keys(body).sort()).toEqual(['aspect_ratio', 'images', 'prompt'])
      expect(body.aspect_ratio).toBe('4:3')
      expect(body.images).toHaveLength(3)
    }
    expect(world.consoleErrors).toEqual([])
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
