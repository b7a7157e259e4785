/**
 * Keeps the library's own copy of its styles, collections and prompt history
 * (files.ts) following the database.
 *
 * The trade-off: every change is in library.db when the call returns (one
 * synchronous=FULL transaction), so a crash alone never loses one. The copy
 * follows within DELAY_MS of the last change of a burst, and never later than
 * MAX_DELAY_MS after the first, so typing in a style or adding 10 000 images
 * to a collection writes each file once, not once per change. At every start
 * the copy is brought up to date from the database (a file that already says
 * the same is left alone), and on stop it is written before the database is
 * closed. So a change is lost only if the database itself is lost within those
 * few seconds of it, before a copy was written.
 */
import { createHash } from 'node:crypto'
import type { ExtrasKind, SqliteLibraryApi } from '../db'
import type { Logger } from '../ports'
import { readRegularFile } from '../security/fileChecks'
import { EXTRAS_KINDS, EXTRAS_MAX_BYTES, extrasFile, serializeExtras, writeExtrasFile } from './files'

export const EXTRAS_DELAY_MS = 1000
export const EXTRAS_MAX_DELAY_MS = 5000
/** After a write the disk refused, try again this much later (or at the next change). */
const RETRY_MS = 30_000

export interface ExtrasKeeper {
  /** A committed write changed this kind (LibraryOptions.onExtrasChanged). */
  changed(kind: ExtrasKind): void
  /** Every kind, checked against the database at start (only a copy that differs is written). */
  checkAll(): void
  /** Writes what is pending now. */
  flush(): Promise<void>
  /**
   * Writes what is pending, then nothing until the returned release is called: a rebuild
   * reads the copy while the database under it is replaced, and must find it as it was.
   */
  hold(): Promise<() => void>
  /** Writes what is pending; nothing is written after. */
  stop(): Promise<void>
}

export interface ExtrasKeeperOptions {
  dataDir: string
  /** The library open now (the core swaps it on a rebuild). */
  library: () => Pick<SqliteLibraryApi, 'styles' | 'history' | 'collectionRecords'>
  logger: Logger
  delayMs?: number
  maxDelayMs?: number
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export function createExtrasKeeper(options: ExtrasKeeperOptions): ExtrasKeeper {
  const { dataDir, logger } = options
  const delayMs = options.delayMs ?? EXTRAS_DELAY_MS
  const maxDelayMs = options.maxDelayMs ?? EXTRAS_MAX_DELAY_MS
  const pending = new Set<ExtrasKind>()
  /** The digest of what each file holds, once known (read once, then what was written). */
  const onDisk = new Map<ExtrasKind, string | null>()
  let firstPendingAt: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let holds = 0
  let stopped = false
  let chain: Promise<void> = Promise.resolve()

  const clearTimer = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }

  const arm = (ms: number) => {
    clearTimer()
    timer = setTimeout(() => {
      timer = null
      void run()
    }, ms)
    timer.unref?.()
  }

  const schedule = () => {
    if (stopped || holds > 0 || pending.size === 0) return
    const now = Date.now()
    firstPendingAt ??= now
    arm(Math.max(0, Math.min(now + delayMs, firstPendingAt + maxDelayMs) - now))
  }

  async function known(kind: ExtrasKind): Promise<string | null> {
    if (!onDisk.has(kind)) {
      const bytes = await readRegularFile(extrasFile(dataDir, kind), EXTRAS_MAX_BYTES).catch(() => null)
      onDisk.set(kind, bytes ? digest(bytes) : null)
    }
    return onDisk.get(kind) ?? null
  }

  async function writePending(): Promise<void> {
    if (holds > 0 || pending.size === 0) return
    const kinds = EXTRAS_KINDS.filter((kind) => pending.has(kind))
    pending.clear()
    firstPendingAt = null
    let failed = false
    for (const kind of kinds) {
      try {
        // One synchronous read of the database: the copy is one consistent moment of it.
        const bytes = serializeExtras(options.library(), kind)
        const hash = digest(bytes)
        if ((await known(kind)) === hash) continue
        await writeExtrasFile(dataDir, kind, bytes)
        onDisk.set(kind, hash)
        logger.debug({ kind, bytes: bytes.byteLength }, "library's copy written")
      } catch (error) {
        failed = true
        pending.add(kind)
        logger.warn({ kind, error: (error as Error).message }, "could not write the library's copy; will try again")
      }
    }
    if (failed && !stopped) arm(RETRY_MS)
    else schedule()
  }

  const run = (): Promise<void> => {
    chain = chain.then(writePending)
    return chain
  }

  const changed = (kind: ExtrasKind) => {
    if (stopped) return
    pending.add(kind)
    schedule()
  }

  return {
    changed,
    checkAll() {
      for (const kind of EXTRAS_KINDS) changed(kind)
    },
    async flush() {
      clearTimer()
      await run()
    },
    async hold() {
      clearTimer()
      await run()
      holds += 1
      await chain
      let released = false
      return () => {
        if (released) return
        released = true
        holds -= 1
        // The rebuild may have set a damaged copy aside: what is on disk is read again.
        onDisk.clear()
        schedule()
      }
    },
    async stop() {
      clearTimer()
      await run()
      stopped = true
      clearTimer()
    },
  }
}
