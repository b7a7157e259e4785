/**
 * The styles travel with an export as one JSON file beside the sidecars
 * (`atelier-styles.json`, format `atelier.styles`). An import merges by name:
 * a style whose name the library already holds (ignoring case) is kept as it
 * is, so importing the same folder twice adds nothing.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { STYLES_MAX, StyleName, StyleText, type Style } from '../../../shared/styles'
import { MAX_SIDECAR_BYTES, readJsonFile } from '../security/fileChecks'

export const STYLES_FILE = 'atelier-styles.json'

/** One style: the rules an export's file and the library's own copy (core/extras) share. */
export const StyleEntry = z.object({ name: StyleName, text: StyleText, createdAt: z.iso.datetime() })

export const StylesFile = z.object({
  format: z.literal('atelier.styles'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  styles: z.array(StyleEntry).max(STYLES_MAX),
})
export type StylesFile = z.infer<typeof StylesFile>

/** Writes the styles file, never over one already there (EEXIST for the caller to report); nothing when there are no styles. */
export async function writeStylesFile(folder: string, styles: readonly Style[], exportedAt: string): Promise<number> {
  if (styles.length === 0) return 0
  const file: StylesFile = {
    format: 'atelier.styles',
    version: 1,
    exportedAt,
    styles: styles.map((style) => ({ name: style.name, text: style.text, createdAt: style.createdAt })),
  }
  await writeFile(join(folder, STYLES_FILE), `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' })
  return styles.length
}

/** The styles of an exported folder; [] when it has none, a problem noted when the file is damaged. */
export async function readStylesFile(folder: string, note: (problem: string) => void): Promise<StylesFile['styles']> {
  const read = await readJsonFile(join(folder, STYLES_FILE), STYLES_FILE, MAX_SIDECAR_BYTES, StylesFile)
  if (!read.ok) note(read.problem)
  return read.ok ? (read.value?.styles ?? []) : []
}
