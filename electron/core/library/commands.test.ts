/**
 * The library's commands over a real library: trash with events and files,
 * the saved view, and the desktop actions — through a recording DesktopPort
 * where there is a desktop, refused plainly where there is none.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Generation } from '../../../shared/domain'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
} from '../../../tests/integration/library-fixtures'
import type { DesktopPort, KeyValueStore } from '../ports'
import { createFileCheck } from '../files'
import { createLibraryCommands } from './commands'
import { openLibrary } from '../db/index'

afterEach(removeTempDirs)

function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>()
  return {
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  }
}

async function setup(desktop?: DesktopPort) {
  const library = openLibrary({ dataDir: await makeTempDir(), logger: recordingLogger() })
  library.insertGenerations([newGeneration({ id: 'one', prompt: 'A Red Fox, at dawn!' }), newGeneration({ id: 'two' })])
  for (const id of ['one', 'two']) {
    fs.writeFileSync(path.join(library.dataDir, `images/${id}.png`), id)
    fs.writeFileSync(path.join(library.dataDir, `thumbs/${id}.webp`), id)
    library.updateGeneration(id, {
      status: 'completed',
      image: {
        path: `images/${id}.png`,
        thumbPath: `thumbs/${id}.webp`,
        width: 8,
        height: 8,
        bytes: 3,
        sha256: id.padEnd(64, '0'),
        mime: 'image/png',
      },
    })
  }
  const emitted: Generation[] = []
  const changed: string[] = []
  const logger = recordingLogger()
  const commands = createLibraryCommands({
    library,
    fileCheck: createFileCheck({ library, logger, onChanged: () => {} }),
    logger,
    store: memoryStore(),
    desktop,
    now: () => new Date(),
    emitGenerations: (generations) => emitted.push(...generations),
    emitLibraryChanged: (reason) => changed.push(reason),
  })
  return { library, commands, emitted, changed }
}

describe('library commands', () => {
  it('deletes, restores and empties the trash, announcing each change', async () => {
    const { library, commands, emitted, changed } = await setup()
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

  it('keeps the view it is given', async () => {
    const { library, commands } = await setup()
    expect(await commands['library.view']({})).toEqual({ view: null })
    await commands['library.saveView']({ view: 'q=fox&sort=price' })
    expect(await commands['library.view']({})).toEqual({ view: 'q=fox&sort=price' })
    library.close()
  })

  it('hands desktop actions the file inside the library, and refuses them without a desktop', async () => {
    const calls: unknown[][] = []
    const desktop: DesktopPort = {
      copyImage: async (file) => void calls.push(['copy', file]),
      saveAs: async (file, name) => {
        calls.push(['save', file, name])
        return '/home/me/fox.png'
      },
      reveal: (file) => void calls.push(['reveal', file]),
      startDrag: (files, icon) => void calls.push(['drag', files, icon]),
      chooseFolder: async (purpose) => (purpose === 'export' ? '/tmp/out' : null),
    }
    const { library, commands } = await setup(desktop)
    const image = path.join(library.dataDir, 'images/one.png')
    await commands['file.copyImage']({ id: 'one' })
    expect(await commands['file.saveAs']({ id: 'one' })).toEqual({ path: '/home/me/fox.png' })
    await commands['file.reveal']({ id: 'one' })
    await commands['file.startDrag']({ ids: ['one', 'two'] })
    expect(await commands['file.chooseFolder']({ purpose: 'export' })).toEqual({ path: '/tmp/out' })
    expect(calls).toEqual([
      ['copy', image],
      ['save', image, 'a-red-fox-at-dawn-one.png'],
      ['reveal', image],
      ['drag', [image, path.join(library.dataDir, 'images/two.png')], path.join(library.dataDir, 'thumbs/one.webp')],
    ])
    library.setImageMissing([{ id: 'two', missing: true }])
    await expect(commands['file.copyImage']({ id: 'two' })).rejects.toMatchObject({ code: 'IMAGE_MISSING' })
    library.close()

    const bare = await setup()
    await expect(bare.commands['file.copyImage']({ id: 'one' })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' })
    await expect(bare.commands['file.chooseFolder']({ purpose: 'import' })).rejects.toMatchObject({
      code: 'NOT_AVAILABLE',
    })
    bare.library.close()
  })
})
