/**
 * Fixtures for the core's feature tests: a library with two finished images on
 * disk, a key/value store in memory, and a Changes that records what was said.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Generation } from '../../shared/domain'
import type { Changes, LibraryChangeReason } from '../../electron/core/changes'
import { openLibrary } from '../../electron/core/db'
import type { KeyValueStore } from '../../electron/core/ports'
import { makeTempDir, newGeneration, recordingLogger } from '../integration/library-fixtures'

export function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>()
  return {
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  }
}

export function recordingChanges(): Changes & { emitted: Generation[]; changed: LibraryChangeReason[] } {
  const emitted: Generation[] = []
  const changed: LibraryChangeReason[] = []
  return {
    emitted,
    changed,
    generations: (generations) => void emitted.push(...generations),
    libraryChanged: (reason) => void changed.push(reason),
  }
}

/** A library holding 'one' ("A Red Fox, at dawn!") and 'two', both completed with image and thumbnail files. */
export async function libraryWithTwoImages() {
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
  return library
}
