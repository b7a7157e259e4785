/**
 * The library view — search, filters, sort, trash — and its URL-like form
 * (`q=fox&status=failed&ratio=4:3&sort=price`), which the core keeps so the view
 * survives a restart whatever the transport (browser mode's origin, and with it
 * localStorage, changes with its port). Read back field by field: a damaged or
 * older value falls back to the default for that field only.
 */
import { z } from 'zod'
import type { LibraryFilter, LibrarySort } from '../../../../shared/contract'
import { ACTIVE_STATUSES, AspectRatio, GenerationStatus } from '../../../../shared/domain'

export interface LibraryView {
  search: string
  statuses: GenerationStatus[]
  favoritesOnly: boolean
  aspectRatios: AspectRatio[]
  /** Local calendar days, YYYY-MM-DD, both included. */
  from: string | null
  to: string | null
  /** true: made with references; false: without; null: either. */
  usedReferences: boolean | null
  sort: LibrarySort
  trash: boolean
  /** Only this collection's images; null: the whole library. */
  collectionId: string | null
}

export const defaultView = (): LibraryView => ({
  search: '',
  statuses: [],
  favoritesOnly: false,
  aspectRatios: [],
  from: null,
  to: null,
  usedReferences: null,
  sort: 'newest',
  trash: false,
  collectionId: null,
})

/** The status groups the filter offers, each standing for the statuses it covers. */
export const STATUS_GROUPS = [
  { key: 'completed', label: 'Completed', statuses: ['completed'] },
  { key: 'failed', label: 'Failed', statuses: ['failed', 'rejected'] },
  { key: 'unknown', label: 'Unconfirmed', statuses: ['unknown'] },
  { key: 'active', label: 'In progress', statuses: ACTIVE_STATUSES },
] as const satisfies ReadonlyArray<{ key: string; label: string; statuses: readonly GenerationStatus[] }>

export type StatusGroupKey = (typeof STATUS_GROUPS)[number]['key']

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const commaList = z.string().transform((text) => text.split(',').filter(Boolean))

const StoredView = z.object({
  q: z.string().max(500).catch(''),
  status: commaList.pipe(z.array(GenerationStatus)).catch([]),
  fav: z.literal('1').optional().catch(undefined),
  ratio: commaList.pipe(z.array(AspectRatio)).catch([]),
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  refs: z.enum(['with', 'without']).optional().catch(undefined),
  sort: z.enum(['newest', 'oldest', 'price']).catch('newest'),
  trash: z.literal('1').optional().catch(undefined),
  board: z.string().min(1).max(64).optional().catch(undefined),
})

export function viewToQuery(view: LibraryView): string {
  const params = new URLSearchParams()
  if (view.search) params.set('q', view.search)
  if (view.statuses.length > 0) params.set('status', view.statuses.join(','))
  if (view.favoritesOnly) params.set('fav', '1')
  if (view.aspectRatios.length > 0) params.set('ratio', view.aspectRatios.join(','))
  if (view.from) params.set('from', view.from)
  if (view.to) params.set('to', view.to)
  if (view.usedReferences !== null) params.set('refs', view.usedReferences ? 'with' : 'without')
  if (view.sort !== 'newest') params.set('sort', view.sort)
  if (view.trash) params.set('trash', '1')
  if (view.collectionId) params.set('board', view.collectionId)
  return params.toString()
}

export function viewFromQuery(text: string | null): LibraryView {
  if (!text) return defaultView()
  const raw = Object.fromEntries(new URLSearchParams(text))
  const parsed = StoredView.safeParse({ q: '', status: '', ratio: '', sort: 'newest', ...raw })
  if (!parsed.success) return defaultView()
  const v = parsed.data
  return {
    search: v.q,
    statuses: [...new Set(v.status)],
    favoritesOnly: v.fav === '1',
    aspectRatios: [...new Set(v.ratio)],
    from: v.from ?? null,
    to: v.to ?? null,
    usedReferences: v.refs === undefined ? null : v.refs === 'with',
    sort: v.sort,
    trash: v.trash === '1',
    collectionId: v.board ?? null,
  }
}

/** Start of a local calendar day as an ISO instant; `plusDays` moves it (the day after the last one chosen). */
export function localDayStart(day: string, plusDays = 0): string | null {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return null
  const date = new Date(y, m - 1, d + plusDays)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** What the core is asked: the view with its days turned into instants. */
export function viewToFilter(view: LibraryView): LibraryFilter {
  return {
    // Not trimmed: a trailing space tells the search the last word is finished.
    search: view.search,
    statuses: view.statuses,
    favoritesOnly: view.favoritesOnly,
    aspectRatios: view.aspectRatios,
    createdFrom: view.from ? localDayStart(view.from) : null,
    createdBefore: view.to ? localDayStart(view.to, 1) : null,
    usedReferences: view.usedReferences,
    sort: view.sort,
    trash: view.trash,
    collectionId: view.collectionId,
  }
}

/** True when anything narrows the library (the empty state says "nothing matches" instead of "no images yet"). */
export function isFiltered(view: LibraryView): boolean {
  return (
    view.search.trim() !== '' ||
    view.statuses.length > 0 ||
    view.favoritesOnly ||
    view.aspectRatios.length > 0 ||
    view.from !== null ||
    view.to !== null ||
    view.usedReferences !== null ||
    view.collectionId !== null
  )
}
