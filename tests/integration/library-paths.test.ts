/**
 * resolvePath is the one gate between a library-relative path (from a row or
 * from the renderer) and the file system: nothing outside the folder gets through.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary } from '../../electron/core/db'
import {
  fileReference,
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  tempLibrary,
} from './library-fixtures'

afterEach(removeTempDirs)

describe('library: resolvePath', () => {
  it('resolves paths inside the library', async () => {
    const dataDir = await makeTempDir()
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    const root = path.resolve(dataDir)
    expect(library.resolvePath('images/a.png')).toBe(path.join(root, 'images', 'a.png'))
    expect(library.resolvePath('thumbs/not-yet/there.webp')).toBe(path.join(root, 'thumbs', 'not-yet', 'there.webp'))
    expect(library.resolvePath('refs')).toBe(path.join(root, 'refs'))
    expect(library.resolvePath('images\\b.png')).toBe(path.join(root, 'images', 'b.png'))
    library.close()
  })

  it('refuses anything that leaves the folder', async () => {
    const dataDir = await makeTempDir()
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    const escapes = [
      '',
      '.',
      '..',
      '../x',
      'images/../../x',
      'images/../images/a.png',
      '/etc/passwd',
      'C:\\Windows',
      'c:x',
      '\\\\server\\share\\x',
      '..\\x',
      'images/a\0.png',
      path.resolve(dataDir, 'images/a.png'),
    ]
    for (const candidate of escapes) {
      expect(() => library.resolvePath(candidate), JSON.stringify(candidate)).toThrow(
        expect.objectContaining({ code: 'PATH_OUTSIDE_LIBRARY' }),
      )
    }
    library.close()
  })

  it('refuses symlinks that lead out, and broken ones', async () => {
    const dataDir = await makeTempDir()
    const outside = await makeTempDir()
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret')
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dataDir, 'images', 'link.png'))
    fs.symlinkSync(outside, path.join(dataDir, 'images', 'dir'))
    fs.symlinkSync(path.join(outside, 'nothing-here'), path.join(dataDir, 'images', 'broken.png'))
    fs.writeFileSync(path.join(dataDir, 'images', 'real.png'), 'x')
    fs.symlinkSync(path.join(dataDir, 'images', 'real.png'), path.join(dataDir, 'thumbs', 'inside.png'))
    for (const candidate of ['images/link.png', 'images/dir/secret.txt', 'images/dir/new.png', 'images/broken.png']) {
      expect(() => library.resolvePath(candidate), candidate).toThrow(
        expect.objectContaining({ code: 'PATH_OUTSIDE_LIBRARY' }),
      )
    }
    expect(library.resolvePath('thumbs/inside.png')).toBe(path.join(path.resolve(dataDir), 'thumbs', 'inside.png'))
    library.close()
  })

  it('refuses to store a reference whose path escapes', async () => {
    const library = await tempLibrary()
    expect(() => library.saveReference(fileReference('evil', { path: '../evil.jpg' }))).toThrow(
      expect.objectContaining({ code: 'PATH_OUTSIDE_LIBRARY' }),
    )
    expect(() =>
      library.insertGenerations([newGeneration({ references: [fileReference('evil2', { path: '/tmp/x.jpg' })] })]),
    ).toThrow(expect.objectContaining({ code: 'PATH_OUTSIDE_LIBRARY' }))
    expect(library.listGenerations({}).items).toEqual([])
    library.close()
  })
})
