/**
 * The recipe: how an image was made, embedded in the image file itself so the
 * file alone can restore its prompt and rebuild its library row. Versioned; a
 * newer version only ever adds fields, so a reader of version 1 reads the
 * fields it knows from any later version. See docs/recipe.md.
 */
import { z } from 'zod'
import { AspectRatio, DecimalString } from '../../../shared/domain'

export const RECIPE_FORMAT = 'atelier.recipe'
export const RECIPE_VERSION = 1
/** Atelier's XMP namespace (prefix `atelier`). The URI names the schema; nothing is fetched from it. */
export const RECIPE_NAMESPACE = 'https://atelier.app/ns/recipe/1.0/'
/** The PNG iTXt keyword of the recipe's JSON. */
export const PNG_RECIPE_KEYWORD = 'atelier:recipe'

/** The longest prompt a recipe may carry (far above what the API takes; a guard, not a rule). */
export const RECIPE_PROMPT_MAX = 20_000

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$/, 'an id of letters, digits, ".", "_", ":" or "-"')
const Iso = z.iso.datetime({ offset: true })

export const RecipeReference = z.object({
  /** The reference's content hash as the library names it (sha256 hex of the prepared bytes, or of the URL). */
  hash: Id,
  kind: z.enum(['file', 'url']),
  mime: z.string().max(100).nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** The earlier generation this reference was taken from (remix lineage), if any. */
  sourceGenerationId: Id.nullable(),
})
export type RecipeReference = z.infer<typeof RecipeReference>

export const Recipe = z.object({
  format: z.literal(RECIPE_FORMAT),
  version: z.number().int().min(1),
  /** The generation's id in the library that made it: a drop or a rebuild finds the row by it. */
  generationId: Id,
  prompt: z.string().max(RECIPE_PROMPT_MAX),
  aspectRatio: AspectRatio,
  references: z.array(RecipeReference).max(16),
  /** USD, a decimal string as the provider charged it; null when unknown. */
  price: DecimalString.nullable(),
  /** The provider's task uuid: the proof of a task that was paid for. */
  taskUuid: z.string().min(1).max(256).nullable(),
  createdAt: Iso,
  submittedAt: Iso.nullable(),
  finishedAt: Iso.nullable(),
  /** Generation ids of the earlier results this one was made from. */
  parents: z.array(Id).max(16),
  /** Who wrote the recipe. */
  app: z.object({ name: z.string().max(100), version: z.string().max(100) }),
})
export type Recipe = z.infer<typeof Recipe>
