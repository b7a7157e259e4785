/**
 * The background file check: a thumbnail missing on disk is rebuilt from its
 * original; an image missing on disk is flagged (and the change announced), and
 * unflagged when it comes back. Real files, real sharp.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { Generation } from '../../../shared/domain'
import {
  newGeneration,
  recordingLogger,
  removeTempDirs,
  tempLibrary,
} from '../../../tests/integration/library-fixtures'
import { readRecipe } from '../recipe'
import { createFileCheck } from './fileCheck'

afterEach(removeTempDirs)

const APP = { name: 'Atelier', version: '0.0.0-test' }

describe('library file check', () => {
  it('rebuilds missing thumbnails and flags missing images, in the background and on demand', async () => {
    const library = await tempLibrary()
    const ids = ['a', 'b', 'c']
    library.insertGenerations(ids.map((id) => newGeneration({ id })))
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer()
    for (const id of ids) {
      fs.writeFileSync(path.join(library.dataDir, `images/${id}.png`), png)
      fs.writeFileSync(path.join(library.dataDir, `thumbs/${id}.webp`), 'old thumb')
      library.updateGeneration(id, {
        status: 'completed',
        image: {
          path: `images/${id}.png`,
          thumbPath: `thumbs/${id}.webp`,
          width: 40,
          height: 30,
          bytes: png.byteLength,
          sha256: 'x'.repeat(64),
          mime: 'image/png',
        },
      })
    }
    fs.rmSync(path.join(library.dataDir, 'thumbs/a.webp'))
    fs.rmSync(path.join(library.dataDir, 'images/b.png'))

    const announced: Generation[] = []
    const check = createFileCheck({
      library,
      logger: recordingLogger(),
      onChanged: (g) => announced.push(...g),
      startDelayMs: 0,
      batchSize: 2,
      pauseMs: 0,
      app: APP,
    })
    check.start()
    await check.passDone()
    const thumb = await sharp(path.join(library.dataDir, 'thumbs/a.webp')).metadata()
    expect(thumb).toMatchObject({ format: 'webp', width: 40, height: 30 })
    expect(library.getGeneration('b')?.image?.missing).toBe(true)
    expect(library.getGeneration('a')?.image?.missing).toBeUndefined()
    expect(announced.filter((g) => g.image?.missing).map((g) => [g.id, g.image?.missing])).toEqual([['b', true]])
    // Nothing else was touched but the older images' recipes: now in the files, the rows following them.
    expect(fs.readFileSync(path.join(library.dataDir, 'thumbs/c.webp'), 'utf8')).toBe('old thumb')
    for (const id of ['a', 'c']) {
      const bytes = fs.readFileSync(path.join(library.dataDir, `images/${id}.png`))
      expect(readRecipe(bytes)).toMatchObject({ generationId: id, prompt: library.getGeneration(id)?.prompt })
      expect(library.getGeneration(id)?.image).toMatchObject({
        bytes: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      })
      expect((await sharp(bytes).raw().toBuffer()).equals(await sharp(png).raw().toBuffer())).toBe(true)
    }
    expect(
      announced
        .filter((g) => !g.image?.missing)
        .map((g) => g.id)
        .sort(),
    ).toEqual(['a', 'c'])
    expect(library.getMeta('recipes-backfilled')).not.toBeNull()

    fs.writeFileSync(path.join(library.dataDir, 'images/b.png'), png)
    fs.rmSync(path.join(library.dataDir, 'images/c.png'))
    const after = await check.check(['b', 'c', 'nobody'])
    expect(Object.fromEntries(after.map((g) => [g.id, g.image?.missing ?? false]))).toEqual({ b: false, c: true })
    await check.stop()
    library.close()
  })

  it('stops promptly while it waits to start', async () => {
    const library = await tempLibrary()
    const check = createFileCheck({
      library,
      logger: recordingLogger(),
      onChanged: () => {},
      startDelayMs: 60_000,
      app: APP,
    })
    check.start()
    await check.stop()
    await check.passDone()
    library.close()
  })
})
