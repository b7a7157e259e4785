/**
 * Content-addressed files under refs/: named by the sha256 of their bytes, so
 * one photo used ten times is stored once, and written to a temporary file then
 * renamed, so a file under its final name is always whole.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex')

/** Writes `bytes` as `<dir>/<fileName>` atomically (temp file, fsync, rename). */
export async function writeFileAtomic(dir: string, fileName: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true })
  const temp = join(dir, `.${fileName}.${process.pid}.${randomUUID()}.tmp`)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, join(dir, fileName))
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/**
 * Stores bytes under their hash unless an identical file is already there.
 * A same-named file of another size (a write cut short by an older version or a
 * crash on a filesystem without ordered writes) is replaced.
 */
export async function storeContentAddressed(
  dir: string,
  bytes: Uint8Array,
  extension: string,
): Promise<{ hash: string; fileName: string; written: boolean }> {
  const hash = sha256Hex(bytes)
  const fileName = `${hash}.${extension}`
  const existing = await stat(join(dir, fileName)).catch(() => null)
  if (existing?.isFile() && existing.size === bytes.byteLength) return { hash, fileName, written: false }
  await writeFileAtomic(dir, fileName, bytes)
  return { hash, fileName, written: true }
}
