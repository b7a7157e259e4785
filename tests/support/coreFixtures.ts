/**
 * Fixtures for the core's feature tests: a library with two finished images on
 * disk, a key/value store in memory, a Changes that records what was said, and
 * the generation feature over a fresh library.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Generation } from '../../shared/domain'
import type { Changes, LibraryChangeReason } from '../../electron/core/changes'
import { createGenerationFeature } from '../../electron/core/generation/handlers'
import { createRouter, type CommandHandlers } from '../../electron/core/ipc/router'
import { systemClock, type KeyValueStore } from '../../electron/core/ports'
import { createSettingsService, type SettingsService } from '../../electron/core/settings'
import { newGeneration, recordingLogger, tempLibrary } from '../integration/library-fixtures'

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
  const library = await tempLibrary()
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

/**
 * The generation feature over a real library in a temp folder (removed by
 * removeTempDirs), with the library's own styles and history and no API client,
 * so nothing is sent; `router` dispatches generation.* only.
 */
export async function generationFeature(
  settings: SettingsService = createSettingsService(memoryStore(), recordingLogger()),
) {
  const library = await tempLibrary({ clock: systemClock })
  const feature = createGenerationFeature({
    library,
    prompts: {
      styles: (ids) => library.styles.getMany(ids),
      record: (prompt, ratio) => library.history.record(prompt, ratio),
    },
    client: () => null,
    limitsApply: () => true,
    settings,
    referencePayload: async () => 'data:,',
    clock: systemClock,
    logger: recordingLogger(),
    notifier: { notify: () => {} },
    events: { emit: () => {} },
    changes: recordingChanges(),
    appVersion: '0.0.0-test',
  })
  return { library, feature, router: createRouter(feature.handlers as CommandHandlers, recordingLogger()) }
}
