/**
 * The library's files, looked after in the background: an image missing on
 * disk is flagged (the UI shows "missing", never an error page) and unflagged
 * when it comes back; a missing thumbnail is rebuilt from its original. One
 * gentle pass after start (small batches with pauses, so a 100 000-image
 * library costs the UI nothing), and on demand for the rows the UI just failed
 * to show.
 */
import { join } from 'node:path'
import type { Generation } from '../../../shared/domain'
import type { ImageFileRow, Library } from '../db'
import { exists } from '../downloads/files'
import type { Logger } from '../ports'
import { backfillRecipes, RECIPES_BACKFILLED, type BackfillStore } from './recipeBackfill'
import { rebuildThumbnail } from './rebuild'

/** What the file check reads and flags. */
export type FileStore = Pick<
  Library,
  'dataDir' | 'resolvePath' | 'listImageFiles' | 'setImageMissing' | 'getGenerations'
> &
  BackfillStore

export interface FileCheckOptions {
  library: FileStore
  logger: Logger
  /** Told about rows whose missing flag changed. */
  onChanged: (generations: Generation[]) => void
  /** Wait this long after start before the first pass (the UI's first screen comes first). */
  startDelayMs?: number
  batchSize?: number
  /** Pause between batches. */
  pauseMs?: number
  /** Who writes the recipes given to images made before recipes (recipeBackfill.ts). */
  app: { name: string; version: string }
}

export interface FileCheck {
  start(): void
  /** Stops the pass (an item in progress finishes). */
  stop(): Promise<void>
  /** Checks these rows now; returns them as they are afterwards. */
  check(ids: readonly string[]): Promise<Generation[]>
  /** Resolves when the current (or next) full pass has finished. */
  passDone(): Promise<void>
}

export interface RowVerdict {
  missing: boolean
  thumbRebuilt: boolean
}

/** Looks at one row's files; rebuilds its thumbnail if only that is gone. */
export async function inspectRow(
  library: Pick<FileStore, 'dataDir' | 'resolvePath'>,
  row: Pick<ImageFileRow, 'id' | 'imagePath' | 'thumbPath'>,
  logger: Logger,
): Promise<RowVerdict> {
  let image: string
  try {
    image = library.resolvePath(row.imagePath)
  } catch {
    return { missing: true, thumbRebuilt: false }
  }
  if (!(await exists(image))) return { missing: true, thumbRebuilt: false }
  if (row.thumbPath === null) return { missing: false, thumbRebuilt: false }
  let thumb: string
  try {
    thumb = library.resolvePath(row.thumbPath)
  } catch {
    return { missing: false, thumbRebuilt: false }
  }
  if (await exists(thumb)) return { missing: false, thumbRebuilt: false }
  try {
    await rebuildThumbnail(image, thumb, join(library.dataDir, 'tmp'))
    logger.info({ id: row.id }, 'thumbnail rebuilt from the original')
    return { missing: false, thumbRebuilt: true }
  } catch (error) {
    logger.warn({ err: error, id: row.id }, 'thumbnail could not be rebuilt')
    return { missing: false, thumbRebuilt: false }
  }
}

const DEFAULTS = { startDelayMs: 3_000, batchSize: 200, pauseMs: 40 }

export function createFileCheck(options: FileCheckOptions): FileCheck {
  const { library, logger } = options
  const startDelayMs = options.startDelayMs ?? DEFAULTS.startDelayMs
  const batchSize = options.batchSize ?? DEFAULTS.batchSize
  const pauseMs = options.pauseMs ?? DEFAULTS.pauseMs
  let stopped = true
  let running: Promise<void> | null = null
  let wake: (() => void) | null = null
  let donePass: Promise<void> = Promise.resolve()
  let finishPass: () => void = () => {}

  /** A pause that stop() cuts short. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null
        resolve()
      }, ms)
      wake = () => {
        clearTimeout(timer)
        wake = null
        resolve()
      }
    })

  function record(rows: ReadonlyArray<{ id: string; missing: boolean }>, verdicts: RowVerdict[]): void {
    const changes = rows.flatMap((row, index) => {
      const verdict = verdicts[index]
      return verdict && verdict.missing !== row.missing ? [{ id: row.id, missing: verdict.missing }] : []
    })
    if (changes.length === 0) return
    const changed = library.setImageMissing(changes)
    logger.info({ count: changes.length }, 'image files changed on disk')
    if (changed.length > 0) options.onChanged(changed)
  }

  async function pass(): Promise<void> {
    let afterSeq = 0
    let checked = 0
    const backfill = library.getMeta(RECIPES_BACKFILLED) === null
    while (!stopped) {
      const rows = library.listImageFiles(afterSeq, batchSize)
      if (rows.length === 0) break
      const verdicts: RowVerdict[] = []
      for (const row of rows) {
        if (stopped) return
        verdicts.push(await inspectRow(library, row, logger))
      }
      record(rows, verdicts)
      if (backfill) {
        const present = rows.filter((row, index) => verdicts[index]?.missing === false).map((row) => row.id)
        const changed = await backfillRecipes(library, present, options.app, logger)
        if (changed.length > 0) options.onChanged(changed)
      }
      checked += rows.length
      afterSeq = rows[rows.length - 1]!.seq
      await sleep(pauseMs)
    }
    if (backfill && !stopped) library.setMeta(RECIPES_BACKFILLED, new Date().toISOString())
    logger.debug({ checked }, 'library files checked')
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      donePass = new Promise<void>((resolve) => (finishPass = resolve))
      running = sleep(startDelayMs)
        .then(() => (stopped ? undefined : pass()))
        .catch((error: unknown) => logger.warn({ err: error }, 'library file check stopped'))
        .finally(() => finishPass())
    },

    async stop() {
      stopped = true
      wake?.()
      finishPass()
      await running
    },

    async check(ids) {
      const generations = library.getGenerations(ids)
      const rows = generations.flatMap((g) =>
        g.image
          ? [{ id: g.id, imagePath: g.image.path, thumbPath: g.image.thumbPath, missing: g.image.missing === true }]
          : [],
      )
      const verdicts: RowVerdict[] = []
      for (const row of rows) verdicts.push(await inspectRow(library, row, logger))
      record(rows, verdicts)
      return library.getGenerations(ids)
    },

    passDone: () => donePass,
  }
}
