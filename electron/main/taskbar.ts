/**
 * Dock/taskbar badge and progress, derived from the core's own events
 * (`generation.updated`): the badge counts images finished while the window was
 * not in front (cleared when it comes back); the progress bar shows the share of
 * the current batch that is done while anything is in flight.
 */
import type { Generation } from '../../shared/domain'
import { isActiveStatus } from '../../shared/domain'

export interface TaskbarOutput {
  setBadge(count: number): void
  /** A fraction 0–1, or -1 to remove the bar. */
  setProgress(fraction: number): void
}

export interface TaskbarStatus {
  /** Feed every `generation.updated` batch. */
  update(items: Generation[]): void
  /** The window came to the front: everything finished has been seen. */
  seen(): void
  unseen(): number
  /** Whether a result is being downloaded and written right now (an update waits for this to be false). */
  writing(): boolean
}

export function createTaskbarStatus(output: TaskbarOutput, isWindowFocused: () => boolean): TaskbarStatus {
  const active = new Set<string>()
  const batchDone = new Set<string>()
  const unseen = new Set<string>()
  const writing = new Set<string>()
  let lastBadge = -1
  let lastProgress = -2

  const render = () => {
    if (unseen.size !== lastBadge) output.setBadge((lastBadge = unseen.size))
    const total = active.size + batchDone.size
    const fraction = active.size === 0 ? -1 : batchDone.size / total
    if (fraction !== lastProgress) output.setProgress((lastProgress = fraction))
  }

  return {
    update(items) {
      for (const g of items) {
        if (g.status === 'downloading') writing.add(g.id)
        else writing.delete(g.id)
        const isActive = isActiveStatus(g.status)
        if (isActive) {
          active.add(g.id)
          continue
        }
        if (active.delete(g.id)) batchDone.add(g.id)
        if (g.status === 'completed' && !isWindowFocused() && g.image && !g.deletedAt) unseen.add(g.id)
      }
      if (active.size === 0) batchDone.clear()
      render()
    },
    seen() {
      unseen.clear()
      render()
    },
    unseen: () => unseen.size,
    writing: () => writing.size > 0,
  }
}
