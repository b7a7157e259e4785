import { isFinalStatus, type Generation } from '../../../../shared/domain'
import type { TasksStore } from './store'
import { isActive } from './reducer'

/** Shown in the queue: not dismissed, and not moved to the library's trash. */
const isShown = (state: TasksStore, id: string): boolean => !state.dismissed[id] && !state.byId[id]!.deletedAt

/** Queue items, newest first (use with useShallow: a new array each call). */
export const selectQueue = (state: TasksStore): Generation[] =>
  state.order.filter((id) => isShown(state, id)).map((id) => state.byId[id]!)

export const selectActiveCount = (state: TasksStore): number =>
  state.order.reduce((n, id) => (isActive(state.byId[id]!) ? n + 1 : n), 0)

export const selectHasFinished = (state: TasksStore): boolean =>
  state.order.some((id) => isShown(state, id) && isFinalStatus(state.byId[id]!.status))

/** Completed queue items, for the viewer's previous/next. */
export const selectCompletedQueueIds = (state: TasksStore): string[] =>
  state.order.filter((id) => isShown(state, id) && state.byId[id]!.status === 'completed')

/** How many tasks have been priced: when it changes, the studio's price preview asks again. */
export const selectPricedCount = (state: TasksStore): number =>
  state.order.reduce((n, id) => (state.byId[id]!.price !== null ? n + 1 : n), 0)
