/**
 * Finding 8 — reading files from a folder someone else prepared (the import
 * source): a FIFO named `*.json` must not block, a symbolic link must not be
 * followed, a huge file must not be read, and an ordinary file still reads.
 * (electron/core/security/fileChecks.ts; import is wired to it in the transfer pass.)
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_SIDECAR_BYTES,
  UnsafeFileError,
  checkRegularFile,
  describeUnsafeFile,
  readRegularFile,
} from '../../electron/core/security/fileChecks'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-filechecks-'))
  await writeFile(join(dir, 'ok.json'), '{"format":"atelier.generation"}')
  await writeFile(join(dir, 'secret.txt'), 'library.db contents')
  await symlink(join(dir, 'secret.txt'), join(dir, 'link.json'))
  execFileSync('mkfifo', [join(dir, 'fifo.json')])
  await writeFile(join(dir, 'huge.json'), '')
  await truncate(join(dir, 'huge.json'), MAX_SIDECAR_BYTES + 1)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UnsafeFileError)
  return (error as UnsafeFileError).reason
}

describe('reading an import file', () => {
  it('reads an ordinary file (the legitimate path)', async () => {
    expect((await readRegularFile(join(dir, 'ok.json'), MAX_SIDECAR_BYTES)).toString()).toBe(
      '{"format":"atelier.generation"}',
    )
  })

  it('refuses a FIFO named *.json at once instead of blocking on it', async () => {
    expect(await reasonOf(readRegularFile(join(dir, 'fifo.json'), MAX_SIDECAR_BYTES))).toBe('not_regular')
  })

  it('refuses a symbolic link instead of reading what it points at', async () => {
    expect(await reasonOf(readRegularFile(join(dir, 'link.json'), MAX_SIDECAR_BYTES))).toBe('link')
  })

  it('refuses a directory and a device', async () => {
    expect(await reasonOf(checkRegularFile(dir, MAX_SIDECAR_BYTES))).toBe('not_regular')
    expect(await reasonOf(readRegularFile('/dev/zero', MAX_SIDECAR_BYTES))).toBe('not_regular')
  })

  it('refuses a file over the cap without reading it', async () => {
    expect(await reasonOf(readRegularFile(join(dir, 'huge.json'), MAX_SIDECAR_BYTES))).toBe('too_large')
  })

  it('says missing for a file that is not there, and every reason reads as a sentence', async () => {
    const error = await readRegularFile(join(dir, 'gone.json'), 10).catch((caught: UnsafeFileError) => caught)
    expect(error).toBeInstanceOf(UnsafeFileError)
    expect(describeUnsafeFile('gone.json', error as UnsafeFileError)).toBe('gone.json: missing')
    expect(
      describeUnsafeFile('huge.json', new UnsafeFileError('too_large', 'x', { maxBytes: MAX_SIDECAR_BYTES })),
    ).toBe('huge.json: larger than 1 MB')
    expect(describeUnsafeFile('link.json', new UnsafeFileError('link', 'x'))).toContain('links are not followed')
  })
})
