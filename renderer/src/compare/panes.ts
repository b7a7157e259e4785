/**
 * What compare puts side by side. A pane is an image with a name: a result
 * (a generation, which can be kept or trashed) or a reference image a result
 * was made from (an input: shown, never trashed).
 */
import { MAX_VARIATIONS, type Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import type { CompareTarget } from '../stores/ui/store'

export const MAX_PANES = 4

export interface ComparePane {
  /** Unique among the panes: the generation id, or `ref:` and the reference's id. */
  key: string
  /** What the image is, for its accessible name and its header. */
  label: string
  /** Library-relative paths; null when there is no picture to show. */
  path: string | null
  thumbPath: string | null
  /** Why there is no picture, when there is none. */
  absent: string | null
  /** The generation this pane is, when it is a result (kept or trashed from compare). */
  generationId: string | null
  favorite: boolean
}

export function resultPane(g: Generation): ComparePane {
  const shown = g.image && !g.image.missing ? g.image : null
  return {
    key: g.id,
    label: g.prompt,
    path: shown?.path ?? null,
    thumbPath: shown?.thumbPath ?? null,
    absent: shown
      ? null
      : g.image?.missing
        ? 'The image file is missing.'
        : 'No image: this generation did not finish.',
    generationId: g.id,
    favorite: g.favorite,
  }
}

/** A result and the references it was made from that have a file here (URL references have none), up to four panes. */
export function referencePanes(g: Generation): { panes: ComparePane[]; notShown: number } {
  const withFiles = g.references.flatMap((reference, index) =>
    reference.path ? [{ reference, number: index + 1, path: reference.path }] : [],
  )
  const shown = withFiles.slice(0, MAX_PANES - 1)
  return {
    panes: [
      resultPane(g),
      ...shown.map(({ reference, number, path }) => ({
        key: `ref:${reference.id}`,
        label: `Reference ${number}${reference.name ? `: ${reference.name}` : ''}`,
        path,
        thumbPath: path,
        absent: null,
        generationId: null,
        favorite: false,
      })),
    ],
    notShown: g.references.length - shown.length,
  }
}

/** Loads what a compare target names, in its order. */
export async function loadPanes(target: CompareTarget): Promise<{ panes: ComparePane[]; notShown: number }> {
  if (target.kind === 'references') return referencePanes(await atelier.invoke('generation.get', { id: target.id }))
  const ids = target.ids.slice(0, MAX_PANES)
  const generations = await Promise.all(ids.map((id) => atelier.invoke('generation.get', { id })))
  return { panes: generations.map(resultPane), notShown: target.ids.length - ids.length }
}

/**
 * The variations of one prompt: the generations one "Generate" made together.
 * They share the prompt and the creation instant (the ledger writes them in
 * one go), so a one-millisecond window around it finds exactly them.
 */
export async function findVariations(g: Generation): Promise<Generation[]> {
  const from = Date.parse(g.createdAt)
  const page = await atelier.invoke('generation.list', {
    createdFrom: new Date(from).toISOString(),
    createdBefore: new Date(from + 1).toISOString(),
    statuses: ['completed'],
    limit: MAX_VARIATIONS * 4,
  })
  return (
    page.items
      .filter((other) => other.prompt === g.prompt && other.image && !other.image.missing)
      // The one asked about first; the rest as the library lists them.
      .sort((a, b) => Number(b.id === g.id) - Number(a.id === g.id))
  )
}
