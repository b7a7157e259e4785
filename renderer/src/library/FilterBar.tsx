/**
 * The filters under the search box: favourites, status, ratio, dates, whether
 * references were used, and the sort. Each change is one new query; the view
 * is kept by the core and comes back after a restart.
 */
import { Popover } from 'radix-ui'
import type { ReactNode } from 'react'
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

/** A filter button that opens a popover of its choices; `pressed` while the filter narrows the list. */
function FilterPopover({
  label,
  pressed,
  trigger,
  className,
  children,
}: {
  label: string
  pressed: boolean
  trigger: ReactNode
  className?: string
  children: ReactNode
}) {
  return (
    <Popover.Root>
      <Popover.Trigger className="btn small" aria-pressed={pressed}>
        {trigger}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className={className ? `filter-popover ${className}` : 'filter-popover'}
          align="start"
          sideOffset={6}
          aria-label={label}
        >
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}

/** One end of the date range: a local day (YYYY-MM-DD), null when open. */
function DayField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string
  value: string | null
  min?: string | null
  max?: string | null
  onChange(day: string | null): void
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="date"
        className="input"
        value={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => onChange(e.target.value || null)}
      />
    </label>
  )
}

/** A compact select in the bar, named for screen readers only. */
function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string
  value: string
  onChange(value: string): void
  children: ReactNode
}) {
  return (
    <label className="select-field">
      <span className="visually-hidden">{label}</span>
      <select className="select small" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  )
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

      <FilterPopover label="Status" pressed={statusGroups.length > 0} trigger={statusText}>
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
      </FilterPopover>

      <FilterPopover
        label="Aspect ratio"
        pressed={view.aspectRatios.length > 0}
        trigger={
          view.aspectRatios.length > 0 ? `Ratio: ${view.aspectRatios.map((r) => RATIO_LABELS[r]).join(', ')}` : 'Ratio'
        }
      >
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
      </FilterPopover>

      <FilterPopover label="Date range" className="dates" pressed={Boolean(view.from || view.to)} trigger={dateText}>
        <DayField label="From" value={view.from} max={view.to} onChange={(from) => set({ from })} />
        <DayField label="To" value={view.to} min={view.from} onChange={(to) => set({ to })} />
        {(view.from || view.to) && (
          <button type="button" className="btn small ghost" onClick={() => set({ from: null, to: null })}>
            Any date
          </button>
        )}
      </FilterPopover>

      <FilterSelect
        label="Collection"
        value={view.collectionId ?? ''}
        onChange={(value) => set({ collectionId: value === '' ? null : value })}
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
      </FilterSelect>

      <FilterSelect
        label="References"
        value={view.usedReferences === null ? 'any' : view.usedReferences ? 'with' : 'without'}
        onChange={(value) => set({ usedReferences: value === 'any' ? null : value === 'with' })}
      >
        <option value="any">With or without references</option>
        <option value="with">Made with references</option>
        <option value="without">Made without references</option>
      </FilterSelect>

      <FilterSelect label="Sort" value={view.sort} onChange={(value) => set({ sort: value as LibrarySort })}>
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </FilterSelect>

      {filtered && (
        <button type="button" className="btn small ghost" onClick={() => void resetFilters()}>
          <FilterIcon size={14} />
          Clear filters
        </button>
      )}
    </div>
  )
}
