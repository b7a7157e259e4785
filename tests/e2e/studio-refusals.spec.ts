/**
 * Files that cannot be references are refused before anything is sent, each
 * with its own reason: a damaged JPEG, an empty file, a text file named .jpg,
 * an SVG drawing, and a PNG whose 20000 × 20000 pixels would exhaust memory.
 */
import { test, expect } from './support/fixtures'
import { dropFiles, photoJpeg, type TestFile } from './support/images'
import { studioPage } from './support/studioPage'
import { hugeBlackPng } from '../support/testImages'

test('corrupt, empty, renamed, SVG and huge files are each refused with their own message, and nothing is sent', async ({
  world,
  studio: page,
}) => {
  const studio = studioPage(page)
  const photo = await photoJpeg('photo.jpg', 800, 600, 21)
  const files: TestFile[] = [
    // The first half of a real JPEG: the header reads, the pixels do not.
    { name: 'cut-short.jpg', mime: 'image/jpeg', bytes: photo.bytes.subarray(0, Math.floor(photo.bytes.length / 2)) },
    { name: 'empty.jpg', mime: 'image/jpeg', bytes: Buffer.alloc(0) },
    { name: 'notes.jpg', mime: 'image/jpeg', bytes: Buffer.from('Shopping list: eggs, flour, a lighthouse.\n') },
    {
      name: 'logo.svg',
      mime: 'image/svg+xml',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
    },
    { name: 'giant.png', mime: 'image/png', bytes: hugeBlackPng(20_000, 20_000) },
  ]

  await dropFiles(studio.tray, files.slice(0, 4))
  await expect(studio.trayAlerts).toHaveCount(4)
  // The fifth arrives on its own: the tray has room, as none of the four was accepted.
  await expect(studio.tray.getByRole('listitem', { name: /^Preparing/ })).toHaveCount(0)
  const firstFour = await studio.trayAlerts.allTextContents()
  await dropFiles(studio.tray, files.slice(4))
  await expect(studio.trayAlerts).toHaveCount(1)
  const messages = [...firstFour, ...(await studio.trayAlerts.allTextContents())]

  expect(messages).toEqual([
    expect.stringMatching(/^“cut-short\.jpg” is damaged or incomplete/),
    expect.stringMatching(/^“empty\.jpg” is empty \(0 bytes\)/),
    expect.stringMatching(/^“notes\.jpg” is not an image, whatever its name says/),
    expect.stringMatching(
      /^“logo\.svg” is an SVG drawing\. SVG drawings can't be used as references; export it as PNG\./,
    ),
    expect.stringMatching(/^“giant\.png” is 20000 × 20000 pixels \(400 megapixels\)/),
  ])
  expect(new Set(messages).size).toBe(5)
  await expect(studio.references).toHaveCount(0)

  // Refused before any request: the simulator heard nothing at all.
  expect(world.simulator.requests.filter((r) => r.method === 'POST')).toEqual([])
  expect(world.simulator.requests).toEqual([])
  expect(world.consoleErrors).toEqual([])
})
