/**
 * The first half of "rebuild the library from its files": read every image in
 * images/, take its recipe, and describe the generation it rebuilds — with what
 * the recipe lacks marked — without touching the database. Writing the rows
 * (and setting a damaged database aside) is the caller's half. Nothing on disk
 * is deleted or changed, except that a missing thumbnail is re-made.
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findStoredResult } from '../downloads'
import { generationFromRecipe, readRecipe, RecipeError, type RebuiltGeneration, type RecipeReference } from '../recipe'

/** Result file names are `<generation id>.<ext>` (downloads/files.ts). */
const RESULT_NAME = /^([A-Za-z0-9][A-Za-z0-9._:-]{0,255})\.(png|jpg|webp|gif|avif)$/

export interface LibraryScan {
  /** One per image whose recipe rebuilt a generation. */
  recovered: RebuiltGeneration[]
  /** Whole images that carry no recipe (made before recipes, or in a format that cannot carry one). */
  withoutRecipe: string[]
  /** Files that were not used, and why (not a whole image, a damaged recipe, a recipe of another generation). */
  skipped: Array<{ file: string; reason: string }>
}

/** Where a reference's prepared copy is in refs/, if it is there (prepared files are `<hash>.jpg` or `.png`). */
function referenceIn(dataDir: string) {
  return (reference: RecipeReference): string | null => {
    const preferred = reference.mime === 'image/png' ? ['png', 'jpg'] : ['jpg', 'png']
    for (const ext of preferred) {
      const path = `refs/${reference.hash}.${ext}`
      if (existsSync(join(dataDir, path))) return path
    }
    return null
  }
}

export async function scanLibraryFiles(dataDir: string, now: Date = new Date()): Promise<LibraryScan> {
  const scan: LibraryScan = { recovered: [], withoutRecipe: [], skipped: [] }
  let names: string[]
  try {
    names = (await readdir(join(dataDir, 'images'))).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return scan
    throw error
  }
  const referencePath = referenceIn(dataDir)
  for (const name of names) {
    const file = `images/${name}`
    const match = RESULT_NAME.exec(name)
    if (!match) {
      scan.skipped.push({ file, reason: 'not a result file name' })
      continue
    }
    const id = match[1]!
    const image = await findStoredResult(dataDir, id).catch(() => null)
    if (!image || image.path !== file) {
      scan.skipped.push({ file, reason: 'not a whole image' })
      continue
    }
    let recipe
    try {
      recipe = readRecipe(await readFile(join(dataDir, file)))
    } catch (error) {
      if (!(error instanceof RecipeError)) throw error
      // A format that cannot carry a recipe (GIF, AVIF) simply has none.
      if (error.code === 'RECIPE_UNSUPPORTED_FORMAT') recipe = null
      else {
        scan.skipped.push({ file, reason: error.message })
        continue
      }
    }
    if (recipe === null) {
      scan.withoutRecipe.push(file)
      continue
    }
    if (recipe.generationId !== id) {
      scan.skipped.push({ file, reason: `its recipe belongs to generation ${recipe.generationId}` })
      continue
    }
    scan.recovered.push(generationFromRecipe(recipe, { image, now: now.toISOString(), referencePath }))
  }
  return scan
}
