/**
 * Between a library generation and its recipe. A recipe keeps what is needed to
 * restore and account for an image (prompt, ratio, references' hashes, price,
 * uuid, times, lineage); a generation rebuilt from one gets those back and says,
 * field by field, what the recipe could not give (see docs/recipe.md).
 */
import type { Generation, ImageFileInfo, ReferenceInfo } from '../../../shared/domain'
import { Recipe, RECIPE_FORMAT, RECIPE_VERSION, type RecipeReference } from './schema'

/** The recipe of a generation, as embedded into its image file. */
export function recipeOfGeneration(generation: Generation, app: { name: string; version: string }): Recipe {
  const parents = [
    ...new Set(generation.references.flatMap((r) => (r.sourceGenerationId ? [r.sourceGenerationId] : []))),
  ]
  return Recipe.parse({
    format: RECIPE_FORMAT,
    version: RECIPE_VERSION,
    generationId: generation.id,
    prompt: generation.prompt,
    aspectRatio: generation.aspectRatio,
    references: generation.references.map((r): RecipeReference => ({
      hash: r.id,
      kind: r.kind,
      mime: r.mime,
      width: r.width,
      height: r.height,
      sourceGenerationId: r.sourceGenerationId,
    })),
    price: generation.price,
    taskUuid: generation.taskUuid,
    createdAt: generation.createdAt,
    submittedAt: generation.submittedAt,
    finishedAt: generation.finishedAt,
    parents,
    app,
  } satisfies Recipe)
}

/**
 * What a rebuilt generation lacks because its recipe did not carry it. `favorite`,
 * the trash, the webhook URL and the provider's result URL are never in a recipe
 * (private or short-lived), so they are always rebuilt as defaults and not listed.
 */
export type RecipeGap =
  | { field: 'taskUuid' | 'price' | 'submittedAt' | 'finishedAt' }
  /** A file reference whose prepared copy is not in refs/ (only its hash is known). */
  | { field: 'referenceFile'; hash: string }
  /** A link reference: a recipe keeps its hash, never the URL (it may carry a token). */
  | { field: 'referenceUrl'; hash: string }

export interface RebuiltGeneration {
  generation: Generation
  lacking: RecipeGap[]
}

export interface RebuildOptions {
  /** The image file the recipe was read from, as the library describes it. */
  image: ImageFileInfo
  /** When the rebuild happens (the row's updatedAt). */
  now: string
  /** The library-relative path of a reference's prepared file, when it is in refs/; null when it is not. */
  referencePath: (reference: RecipeReference) => string | null
}

/** A recipe's reference as the library describes one: its hash is its id; `path` is its prepared file, if found. */
export function referenceOfRecipe(r: RecipeReference, path: string | null): ReferenceInfo {
  return {
    id: r.hash,
    kind: r.kind,
    path,
    url: null,
    mime: r.mime,
    width: r.width,
    height: r.height,
    originalBytes: null,
    preparedBytes: null,
    sourceGenerationId: r.sourceGenerationId,
    name: null,
  }
}

/**
 * The generation's own facts a recipe carries: completed (its file exists), no
 * webhook URL (never in a recipe). Rebuild and the sidecar stand-in start from these.
 */
export function generationFactsOfRecipe(recipe: Recipe) {
  return {
    id: recipe.generationId,
    taskUuid: recipe.taskUuid,
    status: 'completed' as const,
    prompt: recipe.prompt,
    aspectRatio: recipe.aspectRatio,
    callbackUrl: null,
    price: recipe.price,
    createdAt: recipe.createdAt,
    submittedAt: recipe.submittedAt,
    finishedAt: recipe.finishedAt,
  }
}

/** The generation a recipe rebuilds: completed (its file exists), with every gap listed. */
export function generationFromRecipe(recipe: Recipe, options: RebuildOptions): RebuiltGeneration {
  const lacking: RecipeGap[] = []
  for (const field of ['taskUuid', 'price', 'submittedAt', 'finishedAt'] as const) {
    if (recipe[field] === null) lacking.push({ field })
  }
  const references = recipe.references.map((r): ReferenceInfo => {
    const path = r.kind === 'file' ? options.referencePath(r) : null
    if (r.kind === 'file' && path === null) lacking.push({ field: 'referenceFile', hash: r.hash })
    if (r.kind === 'url') lacking.push({ field: 'referenceUrl', hash: r.hash })
    return referenceOfRecipe(r, path)
  })
  return {
    generation: {
      ...generationFactsOfRecipe(recipe),
      references,
      updatedAt: options.now,
      error: null,
      image: options.image,
      remoteUrl: null,
      stalled: false,
      retry: null,
      favorite: false,
      deletedAt: null,
      version: 1,
    },
    lacking,
  }
}
