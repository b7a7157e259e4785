/**
 * Delete, undo, empty: deleting only hides (files stay), undo brings rows back,
 * emptying removes rows and the files nothing else uses — a file still used by
 * another row, and a reference another generation uses, stay — while what the
 * rows had cost stays in the spend sums.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  fileReference,
} from '../../../tests/integration/library-fixtures'
import { openLibrary } from './index'

afterEach(removeTempDirs)

function touch(dataDir: string, relative: string): void {
  fs.writeFileSync(path.join(dataDir, relative), relative)
}

describe('library: trash', () => {
  it('deletes softly, restores, and empties rows, files and unused references', async () => {
    const dataDir = await makeTempDir()
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    const shared = fileReference('ref-shared')
    const own = fileReference('ref-own')
    for (const reference of [shared, own]) {
      library.saveReference(reference)
      touch(dataDir, reference.path!)
    }
    library.insertGenerations([
      newGeneration({ id: 'keep', references: [shared] }),
      newGeneration({ id: 'gone', references: [shared, own] }),
      newGeneration({ id: 'twin' }),
      newGeneration({ id: 'running' }),
    ])
    const image = (id: string, file = id) => ({
      path: `images/${file}.png`,
      thumbPath: `thumbs/${file}.webp`,
      width: 8,
      height: 8,
      bytes: 10,
      sha256: `${id}`.padEnd(64, '0'),
      mime: 'image/png',
    })
    library.updateGeneration('keep', {
      status: 'completed',
      image: image('keep'),
      price: '0.04',
      submittedAt: '2025-06-15T10:00:00Z',
    })
    library.updateGeneration('gone', {
      status: 'completed',
      image: image('gone'),
      price: '0.05',
      submittedAt: '2025-06-15T10:00:00Z',
    })
    // Two rows sharing one file (as seeded libraries do): deleting one must not take the other's image.
    library.updateGeneration('twin', {
      status: 'failed',
      image: image('twin', 'keep'),
      price: '0.01',
      submittedAt: '2025-06-15T10:00:00Z',
    })
    library.updateGeneration('running', { status: 'processing' })
    for (const file of ['images/keep.png', 'thumbs/keep.webp', 'images/gone.png', 'thumbs/gone.webp'])
      touch(dataDir, file)
    const spentBefore = library.spendSummary(new Date('2025-06-15T12:00:00Z'))

    expect(library.softDelete(['gone', 'twin', 'running', 'nobody'])).toEqual({
      deleted: ['gone', 'twin'],
      kept: ['running'],
    })
    expect(
      library
        .listGenerations({})
        .items.map((g) => g.id)
        .sort(),
    ).toEqual(['keep', 'running'])
    expect(fs.existsSync(path.join(dataDir, 'images/gone.png'))).toBe(true)
    expect(library.restore(['gone', 'keep'])).toEqual(['gone'])
    expect(library.getGeneration('gone')?.deletedAt).toBeUndefined()
    expect(library.softDelete(['gone'])).toEqual({ deleted: ['gone'], kept: [] })

    const purged = library.purgeTrash()
    expect(purged.removed.sort()).toEqual(['gone', 'twin'])
    // The grid's own size of the thumbnail goes with it (shared/thumbnails.ts).
    expect(purged.files.sort()).toEqual([
      'images/gone.png',
      'refs/ref-own.jpg',
      'thumbs/gone.webp',
      'thumbs/grid/gone.webp',
    ])
    expect(library.getGeneration('gone')).toBeNull()
    expect(library.getReference('ref-own')).toBeNull()
    expect(library.getReference('ref-shared')).not.toBeNull()
    expect(library.getGeneration('keep')?.references.map((r) => r.id)).toEqual(['ref-shared'])
    expect(library.spendSummary(new Date('2025-06-15T12:00:00Z'))).toEqual(spentBefore)
    expect(library.purgeTrash()).toEqual({ removed: [], files: [] })
    expect(library.checkIntegrity()).toEqual({ ok: true, problems: [] })
    library.close()
  })
})
