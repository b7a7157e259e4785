/** The library's commands over a real library: the trash with its events and files, favourites. */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { libraryWithTwoImages, recordingChanges } from '../../../tests/support/coreFixtures'
import { createLibraryFeature } from './handlers'

afterEach(removeTempDirs)

describe('library commands', () => {
  it('deletes, restores and empties the trash, announcing each change', async () => {
    const library = await libraryWithTwoImages()
    const changes = recordingChanges()
    const { emitted, changed } = changes
    const commands = createLibraryFeature({ library, logger: recordingLogger(), changes }).handlers
    expect(await commands['library.delete']({ ids: ['one'] })).toEqual({ deleted: ['one'], kept: [] })
    expect(emitted.at(-1)).toMatchObject({ id: 'one', deletedAt: expect.any(String) })
    await commands['library.restore']({ ids: ['one'] })
    expect(emitted.at(-1)?.deletedAt).toBeUndefined()
    await commands['library.delete']({ ids: ['one'] })
    expect(fs.existsSync(path.join(library.dataDir, 'images/one.png'))).toBe(true)
    expect(await commands['library.emptyTrash']({})).toEqual({ removed: 1, files: 2 })
    expect(fs.existsSync(path.join(library.dataDir, 'images/one.png'))).toBe(false)
    expect(fs.existsSync(path.join(library.dataDir, 'thumbs/one.webp'))).toBe(false)
    expect(fs.existsSync(path.join(library.dataDir, 'images/two.png'))).toBe(true)
    expect(changed).toEqual(['deleted', 'restored', 'deleted', 'trashEmptied'])
    expect(await commands['library.setFavorite']({ ids: ['two'], favorite: true })).toEqual({ changed: 1 })
    expect(await commands['library.setFavorite']({ ids: ['two'], favorite: true })).toEqual({ changed: 0 })
    library.close()
  })
})
