/**
 * A write that returned survives the process being killed mid-stream (SIGKILL,
 * no cleanup, no close). Honest scope: this proves process-crash durability and
 * that the WAL recovers cleanly; it cannot prove power-loss durability (the OS
 * page cache survives a killed process). Power loss is covered by design:
 * synchronous=FULL syncs the WAL on every commit (asserted in library-crud).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary } from '../../electron/core/db'
import { makeTempDir, recordingLogger, removeTempDirs } from './library-fixtures'

afterEach(removeTempDirs)

const here = path.dirname(fileURLToPath(import.meta.url))

describe('library: crash', () => {
  it('keeps every acknowledged write after SIGKILL', async () => {
    const dataDir = await makeTempDir()
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'library-crash-child.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked: string[] = []
    let buffered = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4))
        if (acked.length >= 40) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
    })
    await exited

    const library = openLibrary({ dataDir, logger: recordingLogger() })
    expect(library.checkIntegrity()).toEqual({ ok: true, problems: [] })
    for (const id of acked) {
      expect(library.getGeneration(id), id).toMatchObject({ status: 'pending', price: '0.0400' })
    }
    library.close()
  })
})
