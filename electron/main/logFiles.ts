/**
 * The log file, size-capped: when `atelier.log` passes the cap it becomes
 * `atelier.1.log` (older ones shift up, the oldest beyond `keep` is deleted) and
 * the logger reopens a fresh file. Checked at start and every few minutes.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const LOG_FILE = 'atelier.log'
export const LOG_MAX_BYTES = 5 * 1024 * 1024
export const LOG_KEEP = 3

/** Returns true when it rotated (the caller reopens its destination). */
export function rotateLogs(dir: string, maxBytes = LOG_MAX_BYTES, keep = LOG_KEEP): boolean {
  const current = join(dir, LOG_FILE)
  let size: number
  try {
    size = statSync(current).size
  } catch {
    return false
  }
  if (size < maxBytes) return false
  const numbered = (n: number) => join(dir, `atelier.${n}.log`)
  rmSync(numbered(keep), { force: true })
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1))
  renameSync(current, numbered(1))
  return true
}
