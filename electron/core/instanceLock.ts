/**
 * One running core per library folder. Two engines on one ledger would poll and
 * download the same tasks twice and fight over files; the Electron app has its
 * single-instance lock, and this covers browser mode and tools too. The lock is
 * a file holding the owner's pid; a lock left by a process that no longer runs
 * (a crash) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export class LibraryInUseError extends Error {
  override readonly name = 'LibraryInUseError'
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Atelier (process ${pid}) is already using the library at ${dataDir}. Close it first, or choose another folder.`,
    )
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface InstanceLock {
  release(): void
}

export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'atelier.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return {
        release: () => {
          if (readOwner(path) === process.pid) rmSync(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(path)
      if (owner !== null && owner !== process.pid && isRunning(owner)) throw new LibraryInUseError(dataDir, owner)
      rmSync(path, { force: true }) // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the library lock at ${path}.`)
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}
