/**
 * A stand-in Electron distribution folder for electron-builder's `electronDist`
 * (a real one cannot be downloaded here): the files a Linux build renames and
 * copies, with an executable that only says what it is.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export async function createStandInDist(dir: string, electronVersion: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true })
  await mkdir(join(dir, 'locales'), { recursive: true })
  await writeFile(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron distribution: not runnable" >&2\nexit 1\n')
  await chmod(join(dir, 'electron'), 0o755)
  await writeFile(join(dir, 'version'), electronVersion)
  await writeFile(join(dir, 'LICENSE'), 'stand-in\n')
  await writeFile(join(dir, 'locales', 'en-US.pak'), '')
  return dir
}
