import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireInstanceLock, LibraryInUseError } from './instanceLock'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('instance lock', () => {
  it('lets one core in, refuses a second process, and is released on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-lock-'))
    made.push(dir)
    // Another live process owns the folder.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    writeFileSync(join(dir, 'atelier.lock'), String(other.pid))
    try {
      expect(() => acquireInstanceLock(dir)).toThrow(LibraryInUseError)
    } finally {
      other.kill('SIGKILL')
      await new Promise((done) => other.once('exit', done))
    }
    // Its owner died: the stale lock is taken over.
    const lock = acquireInstanceLock(dir)
    expect(readFileSync(join(dir, 'atelier.lock'), 'utf8')).toBe(String(process.pid))
    lock.release()
    expect(existsSync(join(dir, 'atelier.lock'))).toBe(false)
  })
})
