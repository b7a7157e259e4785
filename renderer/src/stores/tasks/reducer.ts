/**
 * Pure state transitions for the tasks store. The snapshot and the events can
 * arrive in any order: an item is only ever replaced by a higher version.
 */
import { isActiveStatus, isFinalStatus, type Generation } from '../../../../shared/domain'

export interface TasksData {
  byId: Record<string, Generation>
  /** Ids, newest first. */
  order: string[]
}

const newestFirst = (a: Generation, b: Generation): number =>
  b.createdAt === a.createdAt ? (a.id < b.id ? 1 : -1) : b.createdAt < a.createdAt ? -1 : 1

/** Applies items, ignoring any whose version is not newer than what is held. Returns `data` itself when nothing changed. */
export function applyGenerations(data: TasksData, items: readonly Generation[]): TasksData {
  let byId: Record<string, Generation> | null = null
  let added = false
  for (const item of items) {
    const held = (byId ?? data.byId)[item.id]
    if (held && held.version >= item.version) continue
    byId ??= { ...data.byId }
    byId[item.id] = item
    if (!held) added = true
  }
  if (!byId) return data
  const finalById = byId
  const order = added
    ? Object.values(finalById)
        .sort(newestFirst)
        .map((g) => g.id)
    : data.order
  return { byId: finalById, order }
}

export const isActive = (generation: Generation): boolean => isActiveStatus(generation.status)

/** A sentence for screen readers when a task reaches its end (null when nothing finished). */
export function describeFinish(before: Generation | undefined, after: Generation): string | null {
  if (!before || isFinalStatus(before.status) || !isFinalStatus(after.status)) return null
  const prompt = after.prompt.length > 80 ? `${after.prompt.slice(0, 79)}…` : after.prompt
  switch (after.status) {
    case 'completed':
      return `Image ready: ${prompt}`
    case 'unknown':
      return `No answer from runblob, it may have been charged: ${prompt}`
    default:
      return `Generation ${after.status}: ${prompt}`
  }
}
