/**
 * The simulator's tasks. A task's status is a function of elapsed time
 * (pending → processing → completed), so nothing ticks in the background;
 * moderation is decided at creation and revealed when the pending phase ends.
 */
import type { AcceptedReference } from './references'
import type { SimulatedTask } from './types'
import type { SimRatio } from './validation'

export interface TaskRecord {
  taskUuid: string
  prompt: string
  aspectRatio: SimRatio | null
  images: string[]
  /** Decoded references for the renderer; dropped once the result is rendered. */
  references: AcceptedReference[] | null
  callbackUrl: string | null
  price: string
  createdAt: number
  pendingMs: number
  processingMs: number
  moderated: boolean
  forced: { status: string; message: string | null; at: number } | null
}

export interface TaskState {
  status: string
  message: string | null
  completedAt: number | null
}

export function stateAt(task: TaskRecord, now: number): TaskState {
  if (task.forced) {
    const completedAt = task.forced.status === 'completed' ? task.forced.at : null
    return { status: task.forced.status, message: task.forced.message, completedAt }
  }
  const elapsed = now - task.createdAt
  if (elapsed < task.pendingMs) return { status: 'pending', message: null, completedAt: null }
  if (task.moderated) return { status: 'failed', message: 'MODERATION_FAILED', completedAt: null }
  if (elapsed < task.pendingMs + task.processingMs) return { status: 'processing', message: null, completedAt: null }
  return { status: 'completed', message: null, completedAt: task.createdAt + task.pendingMs + task.processingMs }
}

export function resultUrlFor(baseUrl: string, taskUuid: string): string {
  return `${baseUrl}/files/${taskUuid}.png`
}

export function describeTask(task: TaskRecord, now: number, baseUrl: string): SimulatedTask {
  const state = stateAt(task, now)
  return {
    taskUuid: task.taskUuid,
    prompt: task.prompt,
    aspectRatio: task.aspectRatio,
    images: [...task.images],
    price: task.price,
    createdAt: task.createdAt,
    status: state.status,
    message: state.message,
    callbackUrl: task.callbackUrl,
    resultImageUrl: state.status === 'completed' ? resultUrlFor(baseUrl, task.taskUuid) : null,
    completedAt: state.completedAt,
  }
}
