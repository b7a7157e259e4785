/**
 * The live queue: generations of this session plus recently finished ones.
 * Fed by a snapshot (`generation.list`) and then by `generation.updated` events;
 * see reducer.ts for the versioning rule.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import type { DurationEstimates } from '../../../../shared/contract'
import { ACTIVE_STATUSES, isFinalStatus, type Generation } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'
import { libraryStore } from '../library/store'
import { spendLimitPromptFrom, type SpendLimitPrompt } from '../studio/spendLimit'
import { applyGenerations, describeFinish, type TasksData } from './reducer'

/** Finished tasks younger than this are shown in the queue after a restart. */
export const RECENT_WINDOW_MS = 6 * 60 * 60 * 1000
const RECENT_LIMIT = 12

/** A retry that would pass a spending limit, waiting for the user's answer. */
export interface RetryOverLimit {
  id: string
  prompt: SpendLimitPrompt
}

export interface TasksState extends TasksData {
  status: 'idle' | 'loading' | 'ready' | 'error'
  loadError: ErrorView | null
  /** Finished items the user cleared from the queue (they stay in the library). */
  dismissed: Record<string, true>
  /** The outcome of a per-item action (Retry) that failed, shown beside that item. */
  actionErrors: Record<string, ErrorView>
  busy: Record<string, true>
  /** The latest "image ready" / "failed" sentence, for the queue's live region. */
  announcement: string | null
  /** How long the user's own tasks took (medians); null until known, then "usually 1–3 min" is shown. */
  estimates: DurationEstimates | null
  /** Set while the spending-limit question is asked for a retry (the studio's question, see SpendLimitDialog). */
  retryLimit: RetryOverLimit | null
}

export interface TasksActions {
  /** Loads non-final and recently finished generations; safe to call again (versions decide). */
  loadSnapshot(now?: number): Promise<void>
  apply(items: readonly Generation[]): void
  /**
   * The one retry, for the queue and the viewer: the core retries as generationActions()
   * says. One that costs money and would pass a spending limit asks first (retryLimit),
   * as the studio's Generate does. Returns what the retry produced, or null when it was
   * refused (the reason in actionErrors) or waits for the answer.
   */
  retry(id: string, options?: { confirmOverLimit?: boolean }): Promise<Generation | null>
  /** The user chose to pass the limit: the same retry, confirmed. */
  confirmRetryOverLimit(): Promise<Generation | null>
  cancelRetryOverLimit(): void
  /** Hides every finished item from the queue. */
  clearFinished(): void
  /** Drops rows the core removed (a batch's unsent rest, cancelled). */
  forget(ids: readonly string[]): void
  /** Re-learns the time estimates (at start, and whenever a task completes). */
  loadEstimates(): Promise<void>
}

export type TasksStore = TasksState & TasksActions

export const initialTasksState = (): TasksState => ({
  byId: {},
  order: [],
  status: 'idle',
  loadError: null,
  dismissed: {},
  actionErrors: {},
  busy: {},
  announcement: null,
  estimates: null,
  retryLimit: null,
})

export interface TasksDeps {
  /** Told about what a retry produced (a new generation shows in the library at once). */
  onRetried?: (generations: Generation[]) => void
}

export function createTasksStore(deps: TasksDeps = {}) {
  return createStore<TasksStore>()((set, get) => ({
    ...initialTasksState(),

    async loadSnapshot(now = Date.now()) {
      // A re-sync (after the window was hidden or offline) keeps showing what it has meanwhile.
      if (get().status !== 'ready') set({ status: 'loading', loadError: null })
      try {
        const api = atelier
        const [active, recent] = await Promise.all([
          api.invoke('generation.list', { statuses: [...ACTIVE_STATUSES], limit: 500 }),
          api.invoke('generation.list', { limit: RECENT_LIMIT }),
        ])
        const cutoff = now - RECENT_WINDOW_MS
        const recentFinished = recent.items.filter(
          (g) => isFinalStatus(g.status) && Date.parse(g.finishedAt ?? g.updatedAt) >= cutoff,
        )
        get().apply([...active.items, ...recentFinished])
        set({ status: 'ready', loadError: null })
        void get().loadEstimates()
      } catch (error) {
        set({ status: 'error', loadError: describeError(error) })
      }
    },

    apply(items) {
      const state = get()
      const next = applyGenerations(state, items)
      if (next === state) return
      const finished = items
        .map((item) => (next.byId[item.id] === item ? describeFinish(state.byId[item.id], item) : null))
        .filter((sentence): sentence is string => sentence !== null)
      set(finished.length > 0 ? { ...next, announcement: finished.join('. ') } : next)
      const completedNow = items.some(
        (item) =>
          next.byId[item.id] === item && item.status === 'completed' && state.byId[item.id]?.status !== 'completed',
      )
      if (completedNow) void get().loadEstimates()
    },

    async retry(id, { confirmOverLimit = false } = {}) {
      // While the question is open, a second click sends nothing (the studio's Generate does the same).
      if (get().retryLimit) return null
      set((s) => ({ busy: { ...s.busy, [id]: true }, actionErrors: omit(s.actionErrors, id) }))
      try {
        const generation = await atelier.invoke('generation.retry', { id, confirmOverLimit })
        get().apply([generation])
        deps.onRetried?.([generation])
        return generation
      } catch (error) {
        const prompt = spendLimitPromptFrom(error)
        if (prompt) set({ retryLimit: { id, prompt } })
        else set((s) => ({ actionErrors: { ...s.actionErrors, [id]: describeError(error) } }))
        return null
      } finally {
        set((s) => ({ busy: omit(s.busy, id) }))
      }
    },

    async confirmRetryOverLimit() {
      const asked = get().retryLimit
      if (!asked) return null
      set({ retryLimit: null })
      return get().retry(asked.id, { confirmOverLimit: true })
    },

    cancelRetryOverLimit: () => set({ retryLimit: null }),

    async loadEstimates() {
      try {
        set({ estimates: await atelier.invoke('generation.estimates', {}) })
      } catch {
        // Without history the queue says "usually 1–3 min", which is still true.
      }
    },

    forget(ids) {
      if (ids.length === 0) return
      const gone = new Set(ids)
      const byId = { ...get().byId }
      for (const id of ids) delete byId[id]
      set({ byId, order: get().order.filter((id) => !gone.has(id)) })
    },

    clearFinished() {
      const { byId, dismissed } = get()
      const next = { ...dismissed }
      for (const g of Object.values(byId)) if (isFinalStatus(g.status)) next[g.id] = true
      set({ dismissed: next })
    },
  }))
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record
  const { [key]: _removed, ...rest } = record
  return rest
}

export const tasksStore = createTasksStore({
  onRetried: (generations) => libraryStore.getState().apply(generations),
})

export function useTasks<T>(selector: (state: TasksStore) => T): T {
  return useStore(tasksStore, selector)
}

/** Called once at startup, before the snapshot, so no event is missed. */
export function bindTasksEvents(api: AtelierApi, store = tasksStore): () => void {
  return api.on('generation.updated', ({ items }) => store.getState().apply(items))
}
