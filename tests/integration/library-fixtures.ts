/**
 * Shared helpers for the library's integration tests: a real temp folder per
 * test, a logger that remembers what was said, and ledger rows to insert.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLibrary, type LibraryOptions, type SqliteLibraryApi } from '../../electron/core/db'
import type { Logger } from '../../electron/core/ports'
import type { NewGeneration } from '../../electron/core/db/types'
import type { ReferenceInfo } from '../../shared/domain'

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  obj: object
  msg: string | undefined
}

export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg })
  }
  const logger = {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  }
  return logger
}

const made: string[] = []

/** A fresh folder under the system temp dir, removed by removeTempDirs (call it in afterEach). */
export async function makeTempDir(prefix = 'atelier-library-'): Promise<string> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A real library in a fresh temp folder (removed by removeTempDirs), with a recording logger unless given one. */
export async function tempLibrary(options: Partial<Omit<LibraryOptions, 'dataDir'>> = {}): Promise<SqliteLibraryApi> {
  return openLibrary({ logger: recordingLogger(), ...options, dataDir: await makeTempDir() })
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) {
    await fs.promises.chmod(dir, 0o700).catch(() => {})
    await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

let counter = 0

export function newGeneration(overrides: Partial<NewGeneration> = {}): NewGeneration {
  counter += 1
  return {
    id: `gen-${String(counter).padStart(6, '0')}`,
    prompt: `a test prompt ${counter}`,
    aspectRatio: '1:1',
    references: [],
    callbackUrl: null,
    createdAt: new Date(Date.UTC(2025, 0, 1) + counter * 1000).toISOString(),
    ...overrides,
  }
}

export function fileReference(id: string, overrides: Partial<ReferenceInfo> = {}): ReferenceInfo {
  return {
    id,
    kind: 'file',
    path: `refs/${id}.jpg`,
    url: null,
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    originalBytes: 2_000_000,
    preparedBytes: 80_000,
    sourceGenerationId: null,
    name: `${id}.jpg`,
    ...overrides,
  }
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 5, 15, 12)): {
  now(): number
  set(ms: number): void
  advance(ms: number): void
} {
  let now = start
  return {
    now: () => now,
    set: (ms) => {
      now = ms
    },
    advance: (ms) => {
      now += ms
    },
  }
}

/**
 * Both ways a library searches: with FTS5, and as if SQLite had none (`fts5: false`).
 * Every test that searches runs in both (describe.each).
 */
export const SEARCH_MODES = ['full', 'basic'] as const
