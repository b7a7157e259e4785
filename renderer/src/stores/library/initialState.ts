/**
 * The library store's whole state, and its initial value: `store.setState(initialLibraryState())`
 * resets everything, bookkeeping included (nothing lives outside the store).
 */
import type { Generation } from '../../../../shared/domain'
import type { ErrorView } from '../../api/errors'
import { emptyPageCache, type PageCache } from './pageCache'
import { defaultView, type LibraryView } from './view'

/** The last delete, for the toast's Undo. */
export interface UndoableDelete {
  ids: string[]
  /** Rows still being made, which were kept. */
  kept: number
  /** Bumped per delete so a new toast replaces the old one. */
  serial: number
}

type Timer = ReturnType<typeof setTimeout>

/** The view slice: search, filters, sort, trash, kept by the core so they survive a restart. */
export interface ViewState {
  view: LibraryView
  /** The saved view has been read (the first query waits for it). */
  hydrated: boolean
  /** The read of the saved view, once started (asked once per store). */
  hydration: Promise<void> | null
}

/** The pages slice: the page cache (pageCache.ts) and the asking around it. */
export interface PagesState extends PageCache {
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: ErrorView | null
  /** Requests per page, so a page is asked once at a time. */
  inFlight: Readonly<Record<number, Promise<void>>>
  /** Pages answered while scrolling, stored together on the next animation frame. */
  arrived: Readonly<Record<number, Generation[]>>
  frameRequested: boolean
  /** After a long jump, loading waits for the view to settle. */
  settleTimer: Timer | null
  /** Bursts of structural events become one refresh. */
  refreshTimer: Timer | null
  /** The latest refresh, which an older one still running waits for. */
  refreshing: { freshness: number; done: Promise<void> } | null
}

export interface SelectionState {
  selection: ReadonlySet<string>
  /** Where the last click without Shift landed (the start of a Shift range). */
  anchor: number | null
}

/** The edits slice: favourites, trash and the last delete's undo. */
export interface EditsState {
  /** An action (favourite, delete, restore, empty) that failed. */
  actionError: ErrorView | null
  lastDelete: UndoableDelete | null
  deleteSerial: number
}

/** The file checks slice: thumbnails that failed to load, checked by the core in batches. */
export interface FileChecksState {
  pendingChecks: Readonly<Record<string, ReadonlyArray<(g: Generation | undefined) => void>>>
  checkTimer: Timer | null
}

export type LibraryState = ViewState & PagesState & SelectionState & EditsState & FileChecksState

export const initialLibraryState = (): LibraryState => ({
  view: defaultView(),
  hydrated: false,
  hydration: null,
  ...emptyPageCache(),
  status: 'idle',
  error: null,
  inFlight: {},
  arrived: {},
  frameRequested: false,
  settleTimer: null,
  refreshTimer: null,
  refreshing: null,
  selection: new Set(),
  anchor: null,
  actionError: null,
  lastDelete: null,
  deleteSerial: 0,
  pendingChecks: {},
  checkTimer: null,
})
