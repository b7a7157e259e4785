/**
 * The library's own copy of what only its database holds besides generations:
 * the styles, the collections (names and members) and the prompt history. One
 * JSON file per kind beside `library.db`, so a style edit never rewrites a
 * 10 000-prompt history, and a damaged file costs one kind, not all three:
 *
 *   library.styles.json       { format: 'atelier.library-styles',      version: 1, entries: [...] }
 *   library.collections.json  { format: 'atelier.library-collections', version: 1, entries: [...] }
 *   library.history.json      { format: 'atelier.library-history',     version: 1, entries: [...] }
 *
 * An entry is checked by the same rules as an export's file (transfer/), plus
 * the ids the library uses. Reading is strict about the file and lenient about
 * its entries: a file that is not ours (a link, too large, broken JSON, another
 * format) gives nothing; an entry that breaks a rule is left out and counted,
 * the rest still come back. Either way the file is set aside (renamed, never
 * deleted) and the problem named, so the next copy never writes over it.
 */
import { renameSync } from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { HistoryEntry } from '../../../shared/contract'
import { STYLES_MAX } from '../../../shared/styles'
import { HISTORY_MAX_ENTRIES, type ExtrasKind, type SqliteLibraryApi } from '../db'
import { writeWholeFile } from '../downloads/files'
import type { Logger } from '../ports'
import { readJsonFile } from '../security/fileChecks'
import { asideName } from '../settings'
import { COLLECTIONS_MAX, CollectionEntry, PromptText, SafeId, StyleEntry } from '../transfer'

export const EXTRAS_KINDS: readonly ExtrasKind[] = ['styles', 'collections', 'history']

/** A 10 000-prompt history of long prompts is tens of MB; a file far past that is not ours to parse. */
export const EXTRAS_MAX_BYTES = 256 * 1024 * 1024

const KeptStyle = StyleEntry.extend({ id: z.string().min(1).max(64), updatedAt: z.iso.datetime() })
const KeptCollection = CollectionEntry.extend({ id: SafeId })
const KeptPrompt = HistoryEntry.extend({ prompt: PromptText.min(1) })

export type KeptStyle = z.infer<typeof KeptStyle>
export type KeptCollection = z.infer<typeof KeptCollection>
export type KeptPrompt = z.infer<typeof KeptPrompt>

export interface KeptExtras {
  styles: KeptStyle[]
  collections: KeptCollection[]
  history: KeptPrompt[]
}

interface KindSpec {
  file: string
  format: string
  /** What an entry is called in a problem ("3 of 40 styles …"). */
  noun: string
  max: number
}

const SPECS: Record<ExtrasKind, KindSpec> = {
  styles: { file: 'library.styles.json', format: 'atelier.library-styles', noun: 'styles', max: STYLES_MAX },
  collections: {
    file: 'library.collections.json',
    format: 'atelier.library-collections',
    noun: 'collections',
    max: COLLECTIONS_MAX,
  },
  history: {
    file: 'library.history.json',
    format: 'atelier.library-history',
    noun: 'prompts',
    max: HISTORY_MAX_ENTRIES,
  },
}

export const extrasFile = (dataDir: string, kind: ExtrasKind): string => join(dataDir, SPECS[kind].file)

/** The file's shape; entries are checked one by one after it. */
const envelope = (spec: KindSpec) =>
  z.object({ format: z.literal(spec.format), version: z.literal(1), entries: z.array(z.unknown()).max(spec.max) })

/** What one kind's copy holds now in the library, in file order (styles as listed, history newest first). */
function entriesOf(library: Pick<SqliteLibraryApi, 'styles' | 'history' | 'collectionRecords'>, kind: ExtrasKind) {
  switch (kind) {
    case 'styles':
      return library.styles.list().map((s): KeptStyle => ({
        id: s.id,
        name: s.name,
        text: s.text,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      }))
    case 'collections':
      // withTrash gives every record its id.
      return library.collectionRecords({ withTrash: true }) as KeptCollection[]
    case 'history':
      return library.history.list({ query: '', limit: HISTORY_MAX_ENTRIES, cursor: null }).items
  }
}

/** The bytes of one kind's copy as the library holds it now (one read of the database, synchronous). */
export function serializeExtras(
  library: Pick<SqliteLibraryApi, 'styles' | 'history' | 'collectionRecords'>,
  kind: ExtrasKind,
): Buffer {
  const spec = SPECS[kind]
  return Buffer.from(`${JSON.stringify({ format: spec.format, version: 1, entries: entriesOf(library, kind) })}\n`)
}

/** Writes one kind's copy whole: a temporary file in tmp/, fsynced, renamed over the old one, the folder synced. */
export async function writeExtrasFile(dataDir: string, kind: ExtrasKind, bytes: Uint8Array): Promise<void> {
  await writeWholeFile(bytes, extrasFile(dataDir, kind), join(dataDir, 'tmp'))
}

export interface ExtrasProblem {
  kind: ExtrasKind
  /** A sentence naming the file and what was wrong. */
  problem: string
  /** The same, and where the file was kept. */
  message: string
  /** Where the file was set aside; null when it could not be moved. */
  keptAs: string | null
}

export interface ExtrasReading {
  kept: KeptExtras
  problems: ExtrasProblem[]
}

/** One kind's entries that pass the rules, and why the file (or some entries) could not be used. */
async function readKind<T>(
  dataDir: string,
  kind: ExtrasKind,
  entry: z.ZodType<T>,
): Promise<{ entries: T[]; problem: string | null }> {
  const spec = SPECS[kind]
  const read = await readJsonFile(extrasFile(dataDir, kind), spec.file, EXTRAS_MAX_BYTES, envelope(spec))
  if (!read.ok) return { entries: [], problem: read.problem }
  const raw = read.value?.entries ?? []
  const entries = raw.flatMap((item) => {
    const parsed = entry.safeParse(item)
    return parsed.success ? [parsed.data] : []
  })
  const left = raw.length - entries.length
  return {
    entries,
    problem: left > 0 ? `${spec.file}: ${left} of ${raw.length} ${spec.noun} broke the rules and were left out` : null,
  }
}

/**
 * Reads every kind's copy. A copy with a problem is renamed to
 * `library.<kind>.damaged-<stamp>.json` (kept for a person, never deleted) and its
 * good entries still returned. Never throws for what is in the files.
 */
export async function readKeptExtras(dataDir: string, now: Date, logger: Logger): Promise<ExtrasReading> {
  const styles = await readKind(dataDir, 'styles', KeptStyle)
  const collections = await readKind(dataDir, 'collections', KeptCollection)
  const history = await readKind(dataDir, 'history', KeptPrompt)
  const reading: ExtrasReading = {
    kept: { styles: styles.entries, collections: collections.entries, history: history.entries },
    problems: [],
  }
  const problems: Record<ExtrasKind, string | null> = {
    styles: styles.problem,
    collections: collections.problem,
    history: history.problem,
  }
  for (const kind of EXTRAS_KINDS) {
    const problem = problems[kind]
    if (problem === null) continue
    const file = extrasFile(dataDir, kind)
    let keptAs: string | null = asideName(file, now)
    try {
      renameSync(file, keptAs)
    } catch (error) {
      logger.error({ file, error: (error as Error).message }, 'could not set the damaged copy aside')
      keptAs = null
    }
    logger.warn({ kind, problem, keptAs }, "the library's copy of its extras was damaged")
    const where = keptAs ? ` It was kept as ${basename(keptAs)}.` : ''
    reading.problems.push({ kind, problem: `${problem}.`, message: `${problem}.${where}`, keptAs })
  }
  return reading
}
