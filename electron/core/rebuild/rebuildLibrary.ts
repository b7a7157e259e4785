/**
 * The library survives losing its database: every image carries its recipe
 * (docs/recipe.md), so the rows can be made again from images/.
 *
 * - `openLibraryOrRebuild` opens the library; when the database cannot be opened
 *   (SQLITE_CORRUPT / NOTADB) or fails `PRAGMA quick_check`, the damaged files are
 *   set aside (renamed, never deleted) and a fresh database is rebuilt from the files.
 * - After every open, images whose generation is not in the database are added back
 *   from their recipes (a deleted database, a lost WAL, a crash between rename and row).
 * - `rebuildFromFiles` is the same on demand (library.rebuild).
 * - Whenever the database was rebuilt, was not there, or had lost rows, the styles,
 *   collections and prompt history come back from the library's own copy (core/extras).
 * Nothing in images/, thumbs/ or refs/ is ever removed or rewritten here.
 */
import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { RebuildReport, StartupNotice } from '../../../shared/contract'
import { describeRestoredExtras, plural } from '../../../shared/restoredExtras'
import { LibraryError, openLibrary, type ImportedGeneration, type LibraryOptions, type SqliteLibraryApi } from '../db'
import { nothingRestored, restoreKeptExtras, type ExtrasProblem } from '../extras'
import type { Logger } from '../ports'
import type { RebuiltGeneration } from '../recipe'
import { idsInImages, scanLibraryFiles } from './scanLibraryFiles'

/** Ids looked up per query. */
const ID_BATCH = 5000

/** `library.db` and its companions, as SQLite names them. */
const DATABASE_SUFFIXES = ['', '-wal', '-shm'] as const

/** A file name stamp that sorts by time and is valid on every file system. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

/**
 * Renames `library.db`, `-wal` and `-shm` to `library.damaged-<stamp>.db…`; returns the new
 * paths. Kept for a person (or a recovery tool) to look at: never deleted.
 */
export function setDatabaseAside(database: string, now: Date): string[] {
  const dir = dirname(database)
  const base = basename(database).replace(/\.db$/, '')
  let name = `${base}.damaged-${stamp(now)}`
  for (let n = 2; DATABASE_SUFFIXES.some((s) => existsSync(join(dir, `${name}.db${s}`))); n += 1) {
    name = `${base}.damaged-${stamp(now)}-${n}`
  }
  const moved: string[] = []
  for (const suffix of DATABASE_SUFFIXES) {
    const from = `${database}${suffix}`
    if (!existsSync(from)) continue
    const to = join(dir, `${name}.db${suffix}`)
    renameSync(from, to)
    moved.push(to)
  }
  return moved
}

function asImported({ generation, lacking }: RebuiltGeneration): ImportedGeneration {
  // Only gaps are marked: a row the recipe gave back whole looks like any other.
  return lacking.length > 0 ? { ...generation, recoveredLacking: lacking } : generation
}

/**
 * Adds every image whose generation is not in the library, from its recipe; parents
 * before children (importGenerations keeps lineage within one batch). What was found
 * is reported; rows already in the library are left as they are.
 */
export async function restoreFromFiles(library: SqliteLibraryApi, now: Date): Promise<RebuildReport> {
  const known = new Set<string>()
  const ids = await idsInImages(library.dataDir)
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    for (const id of library.findExisting({ ids: ids.slice(i, i + ID_BATCH), taskUuids: [], sha256: [] }).ids)
      known.add(id)
  }
  const scan = await scanLibraryFiles(library.dataDir, now, (id) => !known.has(id))
  const missing = scan.recovered
  const result = library.importGenerations(missing.map(asImported))
  const inserted = new Set(result.inserted)
  const skipped = [...scan.skipped]
  for (const r of missing) {
    if (!inserted.has(r.generation.id)) {
      skipped.push({
        file: r.generation.image?.path ?? r.generation.id,
        reason: 'the same image or task is already in the library',
      })
    }
  }
  return {
    recovered: result.inserted.length,
    alreadyPresent: known.size,
    withoutRecipe: scan.withoutRecipe,
    skipped,
    lacking: missing
      .filter((r) => inserted.has(r.generation.id) && r.lacking.length > 0)
      .map((r) => ({ id: r.generation.id, prompt: r.generation.prompt, lacking: r.lacking })),
    setAside: [],
    extras: nothingRestored(),
  }
}

export interface OpenedLibrary {
  library: SqliteLibraryApi
  /** Set when the database was damaged and rebuilt at this open. */
  rebuilt: RebuildReport | null
  /** Rows (or styles, collections, prompts) added back after a sound open; null in the usual case. */
  restored: RebuildReport | null
  /** Copies of the extras that could not be used at this open, and where each was set aside. */
  extrasProblems: ExtrasProblem[]
}

/** What the page is told once when this open rebuilt or restored the library (app.info notices). */
export function rebuiltNotices(opened: OpenedLibrary): StartupNotice[] {
  const notices: StartupNotice[] = []
  const report = opened.rebuilt ?? opened.restored
  const extras = report ? describeRestoredExtras(report.extras) : null
  const fromCopy = extras ? ` ${extras} came back from the library's own copy.` : ''
  /** "1 generation was rebuilt from its image." / "5 generations were rebuilt from their images." */
  const fromImages = (n: number, [one, many]: [string, string]) =>
    `${plural(n, 'generation')} ${n === 1 ? one : many} from ${n === 1 ? 'its image' : 'their images'}.`
  if (opened.rebuilt) {
    notices.push({
      code: 'LIBRARY_REBUILT',
      message: `The library database was damaged. It was set aside and ${fromImages(opened.rebuilt.recovered, ['was rebuilt', 'were rebuilt'])}${fromCopy}`,
      path: opened.rebuilt.setAside[0] ?? null,
    })
  } else if (opened.restored && extras) {
    const recovered = opened.restored.recovered
    const images = recovered > 0 ? ` ${fromImages(recovered, ['came back', 'came back'])}` : ''
    notices.push({
      code: 'LIBRARY_RESTORED',
      message: `The library database was missing or had lost changes.${fromCopy}${images}`,
      path: null,
    })
  }
  // The banner shows where the file was kept, so the sentence does not say it twice.
  for (const problem of opened.extrasProblems)
    notices.push({ code: 'EXTRAS_DAMAGED', message: problem.problem, path: problem.keptAs })
  return notices
}

/** Corruption SQLite reports at open or in quick_check; anything else (a full disk, a newer schema) is not ours to fix. */
function damage(library: SqliteLibraryApi): string[] {
  try {
    return library.quickCheck()
  } catch (error) {
    return [`quick_check failed: ${(error as Error).message}`]
  }
}

function isCorrupt(error: unknown): boolean {
  return error instanceof LibraryError && error.code === 'LIBRARY_CORRUPT'
}

export async function openLibraryOrRebuild(
  options: LibraryOptions & { logger: Logger; now?: () => Date },
): Promise<OpenedLibrary> {
  const now = options.now ?? (() => new Date())
  const logger = options.logger
  const database = join(options.dataDir, 'library.db')
  // Not there before this open (deleted, or a first start): a fresh database has lost the extras too.
  const missing = !existsSync(database)
  let library: SqliteLibraryApi | null = null
  let problems: string[]
  try {
    library = openLibrary(options)
    problems = damage(library)
    if (problems.length > 0) {
      library.close()
      library = null
    }
  } catch (error) {
    if (!isCorrupt(error)) throw error
    problems = [(error as Error).message]
  }

  if (library) {
    const restored = await restoreFromFiles(library, now())
    if (restored.recovered > 0)
      logger.warn({ recovered: restored.recovered }, 'images without a row were added back from their recipes')
    // Rows lost (a WAL lost before its checkpoint) mean the extras' rows may be lost with them.
    if (!missing && restored.recovered === 0) return { library, rebuilt: null, restored: null, extrasProblems: [] }
    const extras = await restoreKeptExtras(library, now(), logger)
    restored.extras = extras.restored
    const anything = restored.recovered > 0 || describeRestoredExtras(extras.restored) !== null
    return { library, rebuilt: null, restored: anything ? restored : null, extrasProblems: extras.problems }
  }

  logger.error(
    { problems: problems.slice(0, 10) },
    'library database is damaged: setting it aside and rebuilding from the images',
  )
  const setAside = setDatabaseAside(database, now())
  const fresh = openLibrary(options)
  const report = await restoreFromFiles(fresh, now())
  report.setAside = setAside
  const extras = await restoreKeptExtras(fresh, now(), logger)
  report.extras = extras.restored
  logger.warn(
    { recovered: report.recovered, withoutRecipe: report.withoutRecipe.length, setAside },
    'library rebuilt from files',
  )
  return { library: fresh, rebuilt: report, restored: null, extrasProblems: extras.problems }
}

/**
 * "Rebuild library from files": the caller has closed `library`; its database is set aside
 * and a fresh one rebuilt from the images. Returns the new library and the report.
 */
export async function rebuildFromFiles(
  options: LibraryOptions,
  now: Date,
  /** Called with the fresh library as soon as it is open, before the files are read (the core swaps it in). */
  onOpened?: (library: SqliteLibraryApi) => void,
): Promise<{ library: SqliteLibraryApi; report: RebuildReport }> {
  const setAside = setDatabaseAside(join(options.dataDir, 'library.db'), now)
  const library = openLibrary(options)
  onOpened?.(library)
  const report = await restoreFromFiles(library, now)
  report.setAside = setAside
  // After the rows: a collection's members come back only for images that are in the library now.
  report.extras = (await restoreKeptExtras(library, now, options.logger)).restored
  return { library, report }
}
