/**
 * The desktop actions over a real library: through a recording DesktopPort
 * where there is a desktop, refused plainly where there is none.
 */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { libraryWithTwoImages, recordingChanges } from '../../../tests/support/coreFixtures'
import type { DesktopPort } from '../ports'
import { createFilesFeature } from './handlers'
import { createFolderGrants, FOLDER_GRANT_PATTERN } from '../security/folderGrants'

afterEach(removeTempDirs)

async function setup(desktop?: DesktopPort) {
  const grants = createFolderGrants(() => Date.now())
  const library = await libraryWithTwoImages()
  const commands = createFilesFeature({
    library,
    logger: recordingLogger(),
    desktop,
    changes: recordingChanges(),
    grants,
    appVersion: '0.0.0-test',
  }).handlers
  return { library, commands, grants }
}

describe('file commands', () => {
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
    const { library, commands, grants } = await setup(desktop)
    const image = path.join(library.dataDir, 'images/one.png')
    await commands['file.copyImage']({ id: 'one' })
    expect(await commands['file.saveAs']({ id: 'one' })).toEqual({ path: '/home/me/fox.png' })
    await commands['file.reveal']({ id: 'one' })
    await commands['file.startDrag']({ ids: ['one', 'two'] })
    const chosen = await commands['file.chooseFolder']({ purpose: 'export' })
    expect(chosen).toEqual({ path: '/tmp/out', grant: expect.stringMatching(FOLDER_GRANT_PATTERN) })
    // The grant names the picked folder, for export, once.
    expect(() => grants.take(chosen.grant!, 'import')).toThrow('Choose the folder again.')
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
