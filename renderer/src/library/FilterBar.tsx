/**
 * The filters under the search box: favourites, status, ratio, dates, whether
 * references were used, and the sort. Each change is one new query; the view
 * is kept by the core and comes back after a restart.
 */
import { Popover } from 'radix-ui'
import type { AspectRatio, GenerationStatus } from '../../../shared/domain'
import type { LibrarySort } from '../../../shared/contract'
import { useCollections } from '../stores/collections/store'
import { useLibrary } from '../stores/library/store'
import { selectIsFiltered } from '../stores/library/selectors'
import { STATUS_GROUPS, type LibraryView } from '../stores/library/view'
import { StarIcon } from '../ui/icons'
import { RATIO_LABELS } from '../ui/statusText'
import { FilterIcon } from './libraryIcons'

const RATIOS: AspectRatio[] = ['1:1', '4:3', '3:4', 'auto']
const SORTS: Array<{ value: LibrarySort; label: string }> = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'price', label: 'Most expensive first' },
]

/** "5 Nov 2026" for a YYYY-MM-DD local day. */
function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString([], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
}

function toggle<T>(list: readonly T[], values: readonly T[], on: boolean): T[] {
  const rest = list.filter((item) => !values.includes(item))
  return on ? [...rest, ...values] : rest
}

export function FilterBar() {
  const view = useLibrary((s) => s.view)
  const setView = useLibrary((s) => s.setView)
  const resetFilters = useLibrary((s) => s.resetFilters)
  const filtered = useLibrary(selectIsFiltered)
  const collections = useCollections((s) => s.collections)
  const set = (patch: Partial<LibraryView>) => void setView(patch)

  const statusGroups = STATUS_GROUPS.filter((group) => group.statuses.some((s) => view.statuses.includes(s)))
  const statusText =
    statusGroups.length === 0
      ? 'Status'
      : `Status: ${statusGroups.length <= 2 ? statusGroups.map((g) => g.label).join(', ') : statusGroups.length}`
  const dateText =
    view.from && view.to
      ? `${dayText(view.from)} – ${dayText(view.to)}`
      : view.from
        ? `From ${dayText(view.from)}`
        : view.to
          ? `Until ${dayText(view.to)}`
          : 'Any date'

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <button
        type="button"
        className="btn small"
        aria-pressed={view.favoritesOnly}
        onClick={() => set({ favoritesOnly: !view.favoritesOnly })}
      >
        <StarIcon size={14} filled={view.favoritesOnly} />
        Favourites
      </button>

      <Popover.Root>
        <Popover.Trigger className="btn small" aria-pressed={statusGroups.length > 0}>
          {statusText}
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="filter-popover" align="start" sideOffset={6} aria-label="Status">
            {STATUS_GROUPS.map((group) => {
              const statuses = group.statuses as readonly GenerationStatus[]
              const checked = statuses.every((s) => view.statuses.includes(s))
              return (
                <label key={group.key} className="check-row">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(event) => set({ statuses: toggle(view.statuses, statuses, event.target.checked) })}
                  />
                  {group.label}
                </label>
              )
            })}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>

      <Popover.Root>
        <Popover.Trigger className="btn small" aria-pressed={view.aspectRatios.length > 0}>
          {view.aspectRatios.length > 0
            ? `Ratio: ${view.aspectRatios.map((r) => RATIO_LABELS[r]).join(', ')}`
            : 'Ratio'}
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="filter-popover" align="start" sideOffset={6} aria-label="Aspect ratio">
            {RATIOS.map((ratio) => (
              <label key={ratio} className="check-row">
                <input
                  type="checkbox"
                  checked={view.aspectRatios.includes(ratio)}
                  onChange={(event) => set({ aspectRatios: toggle(view.aspectRatios, [ratio], event.target.checked) })}
                />
                {ratio === 'auto' ? 'Auto (model chose)' : RATIO_LABELS[ratio]}
              </label>
            ))}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>

      <Popover.Root>
        <Popover.Trigger className="btn small" aria-pressed={Boolean(view.from || view.to)}>
          {dateText}
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="filter-popover dates" align="start" sideOffset={6} aria-label="Date range">
            <label className="field">
              <span className="field-label">From</span>
              <input
                type="date"
                className="input"
                value={view.from ?? ''}
                max={view.to ?? undefined}
                onChange={(e) => set({ from: e.target.value || null })}
              />
            </label>
            <label className="field">
              <span className="field-label">To</span>
              <input
                type="date"
                className="input"
                value={view.to ?? ''}
                min={view.from ?? undefined}
                onChange={(e) => set({ to: e.target.value || null })}
              />
            </label>
            {(view.from || view.to) && (
              <button type="button" className="btn small ghost" onClick={() => set({ from: null, to: null })}>
                Any date
              </button>
            )}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>

      <label className="select-field">
        <span className="visually-hidden">Collection</span>
        <select
          className="select small"
          aria-label="Collection"
          value={view.collectionId ?? ''}
          onChange={(e) => set({ collectionId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">Every collection</option>
          {/* A saved view may name a board deleted since: it stays choosable until the view changes. */}
          {view.collectionId !== null && !collections.some((c) => c.id === view.collectionId) && (
            <option value={view.collectionId}>A deleted collection</option>
          )}
          {collections.map((collection) => (
            <option key={collection.id} value={collection.id}>
              {collection.name} ({collection.count.toLocaleString()})
            </option>
          ))}
        </select>
      </label>

      <label className="select-field">
        <span className="visually-hidden">References</span>
        <select
          className="select small"
          aria-label="References"
          value={view.usedReferences === null ? 'any' : view.usedReferences ? 'with' : 'without'}
          onChange={(e) => set({ usedReferences: e.target.value === 'any' ? null : e.target.value === 'with' })}
        >
          <option value="any">With or without references</option>
          <option value="with">Made with references</option>
          <option value="without">Made without references</option>
        </select>
      </label>

      <label className="select-field">
        <span className="visually-hidden">Sort</span>
        <select
          className="select small"
          aria-label="Sort"
          value={view.sort}
          onChange={(e) => set({ sort: e.target.value as LibrarySort })}
        >
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
      </label>

      {filtered && (
        <button type="button" className="btn small ghost" onClick={() => void resetFilters()}>
          <FilterIcon size={14} />
          Clear filters
        </button>
      )}
    </div>
  )
}
