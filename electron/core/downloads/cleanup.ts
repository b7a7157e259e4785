/** Leftovers of downloads interrupted by a crash: `tmp/*.part`, removed when the engine starts. */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { removeQuietly, resultPaths } from './files'

/** Removes every `*.part` file in the library's tmp/ folder; returns how many. */
export async function cleanTemporaryFiles(dataDir: string): Promise<number> {
  const { tmpDir } = resultPaths(dataDir)
  let names: string[]
  try {
    names = await readdir(tmpDir)
  } catch {
    return 0
  }
  const parts = names.filter((name) => name.endsWith('.part'))
  await Promise.all(parts.map((name) => removeQuietly(join(tmpDir, name))))
  return parts.length
}
