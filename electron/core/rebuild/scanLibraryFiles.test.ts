import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { embedRecipe } from '../recipe'
import { sampleRecipe } from '../recipe/testRecipe'
import { scanLibraryFiles } from './scanLibraryFiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function libraryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-scan-'))
  dirs.push(dir)
  for (const sub of ['images', 'thumbs', 'refs']) fs.mkdirSync(path.join(dir, sub))
  return dir
}

const image = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } })
const listing = (dir: string) =>
  ['images', 'thumbs', 'refs'].flatMap((sub) => fs.readdirSync(path.join(dir, sub)).map((n) => `${sub}/${n}`)).sort()

describe('scanLibraryFiles', () => {
  it('rebuilds a generation from each recipe, marks what is missing, and deletes nothing', async () => {
    const dir = libraryFolder()
    const first = sampleRecipe({ generationId: 'gen-a' })
    const second = sampleRecipe({
      generationId: 'gen-b',
      prompt: 'second',
      taskUuid: null,
      references: [],
      parents: [],
    })
    fs.writeFileSync(path.join(dir, 'images/gen-a.png'), embedRecipe(await image('#123').png().toBuffer(), first))
    fs.writeFileSync(path.join(dir, 'images/gen-b.jpg'), embedRecipe(await image('#456').jpeg().toBuffer(), second))
    fs.writeFileSync(path.join(dir, 'images/gen-c.webp'), await image('#789').webp().toBuffer())
    fs.writeFileSync(path.join(dir, 'images/gen-d.png'), Buffer.from('not an image'))
    fs.writeFileSync(
      path.join(dir, 'images/gen-e.png'),
      embedRecipe(await image('#abc').png().toBuffer(), sampleRecipe({ generationId: 'gen-x' })),
    )
    // The first recipe's file reference is prepared in refs/.
    fs.writeFileSync(path.join(dir, `refs/${'a'.repeat(64)}.jpg`), await image('#fff').jpeg().toBuffer())
    const before = listing(dir)

    const scan = await scanLibraryFiles(dir, new Date('2026-12-01T00:00:00.000Z'))

    expect(scan.recovered.map((r) => r.generation.id)).toEqual(['gen-a', 'gen-b'])
    const [a, b] = scan.recovered
    expect(a!.generation).toMatchObject({
      prompt: first.prompt,
      price: '0.0400',
      taskUuid: first.taskUuid,
      status: 'completed',
    })
    expect(a!.generation.image).toMatchObject({
      path: 'images/gen-a.png',
      thumbPath: 'thumbs/gen-a.webp',
      width: 40,
      height: 30,
      mime: 'image/png',
    })
    expect(a!.generation.references.map((r) => [r.path, r.sourceGenerationId])).toEqual([
      [`refs/${'a'.repeat(64)}.jpg`, 'gen-0000'],
      [null, null],
    ])
    expect(a!.lacking).toEqual([{ field: 'referenceUrl', hash: 'b'.repeat(64) }])
    expect(b!.generation.image?.mime).toBe('image/jpeg')
    expect(b!.lacking).toEqual([{ field: 'taskUuid' }])
    expect(scan.withoutRecipe).toEqual(['images/gen-c.webp'])
    expect(scan.skipped).toEqual([
      { file: 'images/gen-d.png', reason: 'not a whole image' },
      { file: 'images/gen-e.png', reason: 'its recipe belongs to generation gen-x' },
    ])
    // Only missing thumbnails were added; every file that was there still is.
    const after = listing(dir)
    expect(before.every((f) => after.includes(f))).toBe(true)
    expect(after.filter((f) => !before.includes(f))).toEqual([
      'thumbs/gen-a.webp',
      'thumbs/gen-b.webp',
      'thumbs/gen-c.webp',
      'thumbs/gen-e.webp',
    ])
  })

  it('reports a damaged recipe instead of guessing, and an empty library as empty', async () => {
    const dir = libraryFolder()
    const png = embedRecipe(await image('#222').png().toBuffer(), sampleRecipe({ generationId: 'gen-a' }))
    const at = png.indexOf('"prompt"')
    png[at + 1] = 0x50 // "Prompt": still JSON, no longer the schema; the chunk's CRC now fails first
    fs.writeFileSync(path.join(dir, 'images/gen-a.png'), png)
    const scan = await scanLibraryFiles(dir)
    expect(scan.recovered).toEqual([])
    expect(scan.skipped).toHaveLength(1)
    expect(scan.skipped[0]!.reason).toMatch(/damaged|checksum/)
    expect(await scanLibraryFiles(path.join(dir, 'nowhere'))).toEqual({ recovered: [], withoutRecipe: [], skipped: [] })
  })
})
