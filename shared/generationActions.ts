/**
 * What can be done with a generation — the one rule. The core's `generation.retry`,
 * the queue, the viewer and the library all ask here, so a button is offered
 * exactly when the core will accept it.
 */
import { isFinalStatus, type Generation } from './domain'

/** The error codes after which the image was made (and paid for) but not downloaded whole. */
export const DOWNLOAD_FAILURE_CODES = ['DOWNLOAD_FAILED', 'RESULT_EXPIRED'] as const

/**
 * How a retry proceeds:
 * - `download`: the task exists and is paid; fetch its result again (no new charge).
 * - `poll`: the provider said it does not know the task (TASK_NOT_FOUND), perhaps
 *   because the API address or key changed; look again (no new charge).
 * - `resubmit`: the request was refused before a task existed; send it again (a new charge).
 * - `again`: the provider ended the task, or the request got no answer and may have
 *   been charged; a new generation with the same inputs (a new charge).
 */
export type RetryKind = 'download' | 'poll' | 'resubmit' | 'again'

export type GenerationFacts = Pick<Generation, 'status' | 'error' | 'remoteUrl' | 'taskUuid' | 'image' | 'deletedAt'>

/** How this generation would be retried, or null when a retry makes no sense (in progress, completed, in the trash). */
export function retryKind(g: GenerationFacts): RetryKind | null {
  if (g.deletedAt) return null
  const code = g.error?.code ?? ''
  switch (g.status) {
    case 'failed':
      if (g.remoteUrl && (DOWNLOAD_FAILURE_CODES as readonly string[]).includes(code)) return 'download'
      if (g.taskUuid && code === 'TASK_NOT_FOUND') return 'poll'
      return 'again'
    case 'rejected':
      return 'resubmit'
    case 'unknown':
      return 'again'
    default:
      return null
  }
}

/** Whether a retry of this kind costs money, so the spending limits (and their question) apply. */
export const retryCharges = (kind: RetryKind): boolean => kind === 'resubmit' || kind === 'again'

/** The button's words for each kind of retry. */
export const RETRY_LABELS: Record<RetryKind, string> = {
  download: 'Retry download',
  poll: 'Check again',
  resubmit: 'Send again',
  again: 'Generate again',
}

export interface GenerationActions {
  retry: RetryKind | null
  /** Open in the viewer. */
  open: boolean
  /** Put its prompt, ratio and references back into the studio (they are known once it has ended). */
  remix: boolean
  /** Add its image to the studio's tray (the core reads the file). */
  useAsReference: boolean
  /** Copy image, save as, reveal, drag out: there is a whole file on disk. */
  fileActions: boolean
  copyPrompt: boolean
  favorite: boolean
  /** Put in a collection (board); the trash is not browsed by collection. */
  collect: boolean
  /** The core moves only finished generations to the trash (it keeps the others and says so). */
  trash: boolean
  restore: boolean
}

/** Everything that can be done with this generation now. */
export function generationActions(g: GenerationFacts): GenerationActions {
  const inTrash = Boolean(g.deletedAt)
  const ended = isFinalStatus(g.status)
  const hasFile = g.status === 'completed' && g.image !== null && !g.image.missing
  return {
    retry: retryKind(g),
    open: true,
    remix: ended,
    useAsReference: hasFile,
    fileActions: hasFile,
    copyPrompt: true,
    favorite: !inTrash,
    collect: !inTrash,
    trash: !inTrash && ended,
    restore: inTrash,
  }
}
