/** The viewer's actions that are more than one call. */
import type { Generation } from '../../../shared/domain'
import { isAtelierError } from '../../../shared/result'
import { atelier } from '../api/client'
import { libraryStore } from '../stores/library/store'
import { tasksStore } from '../stores/tasks/store'

/**
 * Retry with the same inputs: the engine's own retry where it can resume the
 * task (a failed download, a rejected request, a task the provider lost);
 * otherwise a new generation with the same prompt, ratio and references.
 */
export async function retryGeneration(g: Generation): Promise<Generation[]> {
  try {
    const again = await atelier.invoke('generation.retry', { id: g.id })
    return [again]
  } catch (error) {
    if (!isAtelierError(error) || error.code !== 'NOT_RETRYABLE') throw error
  }
  const { generations } = await atelier.invoke('generation.create', {
    prompt: g.prompt,
    aspectRatio: g.aspectRatio,
    referenceIds: g.references.map((reference) => reference.id),
    variations: 1,
    callbackUrl: g.callbackUrl,
  })
  tasksStore.getState().apply(generations)
  libraryStore.getState().apply(generations)
  return generations
}
