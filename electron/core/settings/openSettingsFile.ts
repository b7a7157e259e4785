/**
 * Runs before conf opens settings.json (in the core's worker, in the app and in
 * browser mode: worker/fileStore.ts). It is created with `clearInvalidConfig:
 * false` (a bad file must never be wiped: the encrypted key is in it), and then
 * refuses to start at all on a file that is not JSON (conf throws "is not valid
 * JSON", even for an empty file left by a crash mid-write), or silently
 * overwrites a file that is JSON but not an object. (The window state, which is
 * disposable, is the opposite case: electron/main/windowState.ts lets
 * electron-store clear it.) So a damaged file is moved aside first —
 * renamed, never deleted, the encrypted key inside kept with it — the store
 * starts from defaults, and the returned notice tells the user where it went.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { StartupNotice } from '../../../shared/contract'

/** Settings are a few hundred bytes; a file far larger than this is not ours to parse. */
const SETTINGS_FILE_MAX_BYTES = 4 * 1024 * 1024

/** Why the file is damaged, or null when it is a readable settings file (or absent). */
function damage(file: string): string | null {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  if (!stat.isFile()) return 'it is not a file'
  if (stat.size > SETTINGS_FILE_MAX_BYTES)
    return `it is ${Math.round(stat.size / 1024 / 1024)} MB, far larger than settings can be`
  const text = fs.readFileSync(file, 'utf8')
  if (text.trim() === '') return 'it is empty'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'it is not valid JSON'
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'it does not hold a settings object'
  return null
}

/**
 * `settings.damaged-2026-12-01T19-58-00-000Z.json` beside the file; a number is added if that name is
 * taken. Also how the library sets aside a damaged copy of its extras (core/extras).
 */
export function asideName(file: string, now: Date): string {
  const { dir, name, ext } = path.parse(file)
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, `${name}.damaged-${stamp}${n === 0 ? '' : `-${n}`}${ext}`)
    if (!fs.existsSync(candidate)) return candidate
  }
}

/**
 * Checks the settings file the store is about to open; a damaged one is moved
 * aside and a notice returned (null when the file is fine or absent). Errors
 * other than damage (no permission to read the folder) are thrown as they are.
 */
export function openSettingsFile(file: string, now: Date = new Date()): StartupNotice | null {
  const why = damage(file)
  if (why === null) return null
  const aside = asideName(file, now)
  fs.renameSync(file, aside)
  return {
    code: 'SETTINGS_RESET',
    message: `Your settings file could not be read (${why}), so Atelier started with default settings. The old file was kept as ${path.basename(aside)}.`,
    path: aside,
  }
}
