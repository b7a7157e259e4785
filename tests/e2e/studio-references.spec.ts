/**
 * Every way into the reference tray, as a person uses it: two photos dropped
 * from the file system, an image pasted, a picture's link dragged from a web
 * page. Each appears with its thumbnail and its size before and after
 * preparation; a fifth is refused and says why; a prompt past 4000 characters
 * cannot be sent and says why.
 */
import { test, expect } from './support/fixtures'
import { dropFiles, dropFromWebPage, pasteImage, photoJpeg, serveImage } from './support/images'
import { studioPage } from './support/studioPage'

test('drop, paste and a dragged link all become references; a fifth is refused', async ({ world, studio: page }) => {
  const studio = studioPage(page)
  const [harbour, meadow, pasted, fifth] = await Promise.all([
    photoJpeg('harbour.jpg', 3000, 2000, 1),
    photoJpeg('meadow.jpg', 1600, 1200, 2),
    photoJpeg('clipboard.jpg', 900, 600, 3),
    photoJpeg('one-too-many.jpg', 800, 600, 4),
  ])
  const web = await serveImage(await photoJpeg('lighthouse.jpg', 1200, 900, 5))

  try {
    await dropFiles(studio.tray, [harbour, meadow])
    await expect(studio.references).toHaveCount(2)

    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await pasteImage(page, pasted)
    await expect(studio.references).toHaveCount(3)

    // A picture inside a link, dragged from a web page: the picture's own address is used.
    await dropFromWebPage(studio.tray, {
      uriList: 'https://example.com/articles/lighthouses',
      html: `<a href="https://example.com/articles/lighthouses"><img src="${web.url}" alt="a lighthouse"></a>`,
    })
    await expect(studio.references).toHaveCount(4)
    expect(web.hits()).toBe(1)

    // Each in order, with its thumbnail and its sizes before → after preparation.
    const names = await studio.references.evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label')))
    expect(names).toEqual([
      expect.stringMatching(/^Reference 1 of 4: harbour\.jpg/),
      expect.stringMatching(/^Reference 2 of 4: meadow\.jpg/),
      expect.stringMatching(/^Reference 3 of 4: clipboard\.jpg/),
      expect.stringMatching(/^Reference 4 of 4: lighthouse\.jpg/),
    ])
    for (const tile of await studio.references.all()) {
      const thumb = tile.locator('img')
      await expect(thumb).toBeVisible()
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true)
    }
    // The 3000 px photo was downscaled to 2048 px and re-encoded: both sizes are shown.
    await expect(studio.references.nth(0).locator('.ref-meta')).toHaveText(/^\d+(\.\d)? [KM]B → \d+(\.\d)? [KM]B$/)
    await expect(studio.references.nth(3).locator('.ref-meta')).toHaveText(/^\d+(\.\d)? KB · sent as link$/)
    await expect(studio.tray).toContainText('4 / 4')

    // A fifth is refused, and the message says why.
    await dropFiles(studio.tray, [fifth])
    await expect(studio.trayAlerts).toHaveText(['At most 4 reference images — remove one first.'])
    await expect(studio.references).toHaveCount(4)

    // Reorder by dragging a tile onto another, and with Alt+Arrow from the keyboard.
    const order = () =>
      studio.references.evaluateAll((tiles) =>
        tiles.map((tile) => /: (\S+?)\./.exec(tile.getAttribute('aria-label') ?? '')?.[1]),
      )
    await studio.references.nth(0).dragTo(studio.references.nth(2))
    await expect.poll(order).toEqual(['meadow', 'clipboard', 'harbour', 'lighthouse'])
    await studio.references.nth(2).focus()
    await page.keyboard.press('Alt+ArrowLeft')
    await expect.poll(order).toEqual(['meadow', 'harbour', 'clipboard', 'lighthouse'])
    await expect(studio.references.nth(1)).toBeFocused()

    // Removing one makes room again, and the refusal goes.
    await studio.references.nth(1).hover()
    await page.getByRole('button', { name: 'Remove reference 2' }).click()
    await expect(studio.references).toHaveCount(3)
    await expect(studio.trayAlerts).toHaveCount(0)
  } finally {
    await web.close()
  }

  expect(world.simulator.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  expect(world.consoleErrors).toEqual([])
})

test('a prompt of 4001 characters cannot be sent and says why', async ({ world, studio: page }) => {
  const studio = studioPage(page)
  await studio.prompt.fill('a'.repeat(4001))
  await expect(page.getByText('4001 / 4000')).toBeVisible()
  await expect(page.getByRole('alert')).toHaveText(
    'The prompt is 1 character over the 4000 limit — shorten it to generate.',
  )
  await expect(studio.generate).toBeDisabled()
  await expect(studio.generate).toHaveAccessibleDescription(/1 character over the 4000 limit/)

  // The shortcut does not send it either.
  await studio.prompt.press('ControlOrMeta+Enter')
  await studio.prompt.press('Backspace')
  await expect(page.getByText('4000 / 4000')).toBeVisible()
  await expect(studio.generate).toBeEnabled()
  expect(world.simulator.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
})

test('the draft — prompt, references and ratio — survives a restart', async ({ world, studio: page }) => {
  const studio = studioPage(page)
  await studio.prompt.fill('a quiet harbour at dawn')
  await studio.ratio('3:4').check()
  await dropFiles(studio.tray, [await photoJpeg('harbour.jpg', 800, 600, 7)])
  await expect(studio.references).toHaveCount(1)

  const host = await world.restart()
  await page.goto(host.url)
  await expect(studio.prompt).toHaveValue('a quiet harbour at dawn')
  await expect(studio.ratio('3:4')).toBeChecked()
  await expect(studio.references).toHaveCount(1)
  await expect
    .poll(() =>
      studio.references.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    )
    .toBe(true)
})
