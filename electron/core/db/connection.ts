/**
 * One SQLite connection configured for a ledger that must not lose what was
 * paid for: WAL (readers never block the writer), synchronous=FULL (a COMMIT
 * that returned is on disk, even if the machine loses power right after),
 * foreign keys on, a busy timeout for a second process (e.g. a backup tool).
 */
import { DatabaseSync } from 'node:sqlite'

export const BUSY_TIMEOUT_MS = 5000

export interface ConnectionOptions {
  readOnly?: boolean
}

export function openConnection(file: string, options: ConnectionOptions = {}): DatabaseSync {
  const db = new DatabaseSync(file, {
    readOnly: options.readOnly ?? false,
    enableForeignKeyConstraints: true,
  })
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
    if (!options.readOnly) {
      // journal_mode answers with the mode it ended up in; anything but WAL means the
      // file system refused it (e.g. some network shares), which we want to know about.
      const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined
      if (mode?.journal_mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode?.journal_mode)})`)
    }
    db.exec('PRAGMA synchronous = FULL')
    db.exec('PRAGMA foreign_keys = ON')
    // Statement journals (one per statement that fires a trigger inside a transaction) stay in memory.
    db.exec('PRAGMA temp_store = MEMORY')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Runs `work` in one transaction: all of it is committed, or none of it.
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails
 * half-way for SQLITE_BUSY after it has read. Nested calls become savepoints.
 * When a statement fails SQLite may already have rolled back (SQLITE_FULL does),
 * so the ROLLBACK is best effort and never hides the original error.
 */
export class Transactor {
  private depth = 0

  constructor(private readonly db: DatabaseSync) {}

  run<T>(work: () => T): T {
    const savepoint = this.depth > 0 ? `sp_${this.depth}` : null
    this.db.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE')
    this.depth += 1
    try {
      const result = work()
      this.db.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT')
      return result
    } catch (error) {
      this.rollback(savepoint)
      throw error
    } finally {
      this.depth -= 1
    }
  }

  private rollback(savepoint: string | null): void {
    try {
      if (savepoint) {
        this.db.exec(`ROLLBACK TO ${savepoint}`)
        this.db.exec(`RELEASE ${savepoint}`)
      } else {
        this.db.exec('ROLLBACK')
      }
    } catch {
      // Already rolled back by SQLite itself ("no transaction is active").
    }
  }
}
