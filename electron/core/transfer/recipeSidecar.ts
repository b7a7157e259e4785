/**
 * Import's fallback for an image that came without its sidecar (copied out of
 * an export alone, or saved / dragged out of the app): its embedded recipe
 * (docs/recipe.md) stands in for the sidecar. What a recipe never holds (the
 * webhook, the result URL, favourite, link URLs) comes back empty.
 */
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { extname, join } from 'node:path'
import sharp from 'sharp'
import { exists } from '../downloads/files'
import { RESULT_EXTENSIONS } from '../downloads/image'
import { generationFactsOfRecipe, readRecipe, RecipeError, recipeImageFormat, referenceOfRecipe } from '../recipe'
import { describeUnsafeFile, MAX_IMPORTED_IMAGE_BYTES, readRegularFile, UnsafeFileError } from '../security/fileChecks'
import { REFS_FOLDER, Sidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from './sidecar'

/** Sidecars made from the recipes of the folder's images that have no `<name>.json` beside them. */
export async function sidecarsFromRecipes(
  folder: string,
  now: Date,
  note: (problem: string) => void,
): Promise<Sidecar[]> {
  const names = await readdir(folder)
  const json = new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)))
  const sidecars: Sidecar[] = []
  for (const name of names.sort()) {
    const ext = extname(name).slice(1).toLowerCase()
    if (!RESULT_EXTENSIONS.includes(ext) || name.startsWith('.')) continue
    if (json.has(name.slice(0, -(ext.length + 1)))) continue
    let bytes: Buffer
    let recipe
    try {
      // No links, no FIFOs, nothing over the cap: the same rule as every other imported file.
      bytes = await readRegularFile(join(folder, name), MAX_IMPORTED_IMAGE_BYTES)
      recipe = readRecipe(bytes)
    } catch (error) {
      if (error instanceof RecipeError && error.code === 'RECIPE_UNSUPPORTED_FORMAT') continue
      if (error instanceof UnsafeFileError) {
        note(describeUnsafeFile(name, error))
        continue
      }
      note(`${name}: ${error instanceof Error ? error.message : 'could not be read'}`)
      continue
    }
    // An image that is not Atelier's: not ours to import.
    if (recipe === null) continue
    const metadata = await sharp(bytes)
      .metadata()
      .catch(() => null)
    if (!metadata?.width || !metadata.height || !metadata.format) {
      note(`${name}: does not decode as an image`)
      continue
    }
    const references = []
    for (const reference of recipe.references) {
      let file: string | null = null
      for (const candidate of ['png', 'jpg']) {
        const path = `${REFS_FOLDER}/${reference.hash}.${candidate}`
        if (reference.kind === 'file' && (await exists(join(folder, path)))) {
          file = path
          break
        }
      }
      references.push({ ...referenceOfRecipe(reference, null), file })
    }
    const parsed = Sidecar.safeParse({
      format: SIDECAR_FORMAT,
      version: SIDECAR_VERSION,
      exportedAt: now.toISOString(),
      generation: {
        ...generationFactsOfRecipe(recipe),
        durationMs: null,
        error: null,
        remoteUrl: null,
        favorite: false,
        image: {
          file: name,
          width: metadata.width,
          height: metadata.height,
          bytes: bytes.byteLength,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          // A file with a recipe is a PNG, JPEG or WebP (the only formats that carry one).
          mime: `image/${recipeImageFormat(bytes) ?? metadata.format}`,
        },
        references,
      },
      lineage: { parents: recipe.parents, children: [] },
    })
    if (!parsed.success) {
      note(`${name}: its recipe cannot stand in for a sidecar (${parsed.error.issues[0]?.message ?? 'invalid'})`)
      continue
    }
    sidecars.push(parsed.data)
  }
  return sidecars
}
