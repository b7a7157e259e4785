/**
 * The library as a windowed grid (useGridWindow over rows of cells): only the
 * rows on screen exist in the DOM, and only the pages of data around them are
 * held, so a million images scroll like a hundred. Pages (the store's page
 * ahead) and thumbnails are fetched ahead in the direction of travel. Rows are
 * memoized: when one enters the window, only it renders. The scroll height
 * comes from the total; a position whose page has not arrived shows a
 * placeholder of the same size, so nothing jumps when it does.
 */
import { memo, useEffect, useRef } from 'react'
import type { Generation } from '../../../shared/domain'
import { selectIsFiltered } from '../stores/library/selectors'
import { libraryStore, PAGE_SIZE, useLibrary } from '../stores/library/store'
import { uiStore } from '../stores/ui/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { GridIcon, Spinner, StarIcon } from '../ui/icons'
import { TrashIcon } from './libraryIcons'
import { LibraryCell, PlaceholderCell } from './LibraryCell'
import { prefetchThumbnail, thumbnailUrl, thumbSizeFor, type ThumbSize } from './thumbnailPrefetch'
import { useDevicePixelRatio } from '../ui/useDevicePixelRatio'
import { useGridWidth } from './useGridWidth'
import { useGridWindow } from './useGridWindow'

/** One function for every cell, so memoized cells do not re-render when the grid does. */
const open = (id: string) => uiStore.getState().openViewer({ source: 'library', id })

/** Rows past the rendered ones, in the direction of travel, whose thumbnails are fetched and decoded ahead. */
const THUMBS_AHEAD_ROWS = 4
/** Rows rendered above and below the screen. */
const OVERSCAN_ROWS = 2
/** Cells are at least this wide (CSS px); as many columns as fit. */
export const GRID_MIN_CELL = 180
const GAP = 12
const PADDING = 24

export function LibraryGrid({ active }: { active: boolean }) {
  const pages = useLibrary((s) => s.pages)
  const total = useLibrary((s) => s.total) ?? 0
  const status = useLibrary((s) => s.status)
  const error = useLibrary((s) => s.error)
  const actionError = useLibrary((s) => s.actionError)
  const selection = useLibrary((s) => s.selection)
  const reload = useLibrary((s) => s.reload)
  const filtered = useLibrary(selectIsFiltered)
  const view = useLibrary((s) => s.view)

  const scroller = useRef<HTMLDivElement>(null)
  const width = Math.max(0, useGridWidth(scroller, active) - PADDING * 2)
  const columns = Math.max(1, Math.floor((width + GAP) / (GRID_MIN_CELL + GAP)))
  const cellSize = width > 0 ? (width - GAP * (columns - 1)) / columns : GRID_MIN_CELL
  // Nothing is laid out while the view is hidden (width 0): no rows, no measurements to keep.
  const rowCount = width > 0 ? Math.ceil(total / columns) : 0

  const rowHeight = cellSize + GAP
  const pixelRatio = useDevicePixelRatio()
  const thumbSize = thumbSizeFor(cellSize, pixelRatio)
  const layer = useRef<HTMLDivElement>(null)
  const grid = useGridWindow(scroller, layer, { rowCount, rowHeight, padding: PADDING, overscan: OVERSCAN_ROWS })
  const { firstRow, lastRow, forward } = grid

  // A new view starts at the top.
  const viewKey = JSON.stringify(view)
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 })
  }, [viewKey])

  useEffect(() => {
    if (width === 0 || lastRow < firstRow) return
    // The store also asks the page ahead in the direction of travel, so it has arrived by the time its rows show.
    libraryStore.getState().showRange(firstRow * columns, Math.min(total - 1, (lastRow + 1) * columns - 1), forward)
  }, [firstRow, lastRow, columns, total, width, forward])

  // The next rows' thumbnails, fetched and decoded before their cells exist.
  useEffect(() => {
    if (width === 0 || lastRow < firstRow) return
    const from = forward ? (lastRow + 1) * columns : Math.max(0, firstRow - THUMBS_AHEAD_ROWS) * columns
    const to = Math.min(total, forward ? (lastRow + 1 + THUMBS_AHEAD_ROWS) * columns : firstRow * columns)
    for (let position = from; position < to; position++) {
      const generation = pages[Math.floor(position / PAGE_SIZE)]?.[position % PAGE_SIZE]
      const url = generation && thumbnailUrl(generation, thumbSize)
      if (url) prefetchThumbnail(url)
    }
  }, [pages, firstRow, lastRow, columns, total, width, forward, thumbSize])

  const rows: number[] = []
  for (let row = firstRow; row <= lastRow; row++) rows.push(row)
  const selecting = selection.size > 0

  return (
    <div className="library-scroll" ref={scroller}>
      {actionError && (
        <div className="library-notice">
          <ErrorNotice error={actionError} onDismiss={() => libraryStore.setState({ actionError: null })} />
        </div>
      )}
      {status === 'error' && error && (
        <div className="library-state">
          <ErrorNotice error={error} alert={false} />
          <button type="button" className="btn" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {(status === 'loading' || status === 'idle') && total === 0 && (
        <div className="library-state muted">
          <Spinner /> Loading the library…
        </div>
      )}
      {status === 'ready' && total === 0 && (
        <EmptyState filtered={filtered} trash={view.trash} favoritesOnly={view.favoritesOnly} search={view.search} />
      )}
      {total > 0 && (
        <div
          className="library-grid"
          role="list"
          aria-label="Images"
          data-selecting={selecting || undefined}
          style={{ height: grid.height, position: 'relative' }}
        >
          <div className="library-rows" ref={layer}>
            {rows.map((row) => {
              const start = row * columns
              const end = Math.min(start + columns, total)
              return (
                <LibraryRow
                  key={row}
                  start={start}
                  end={end}
                  // A row spans at most two pages: it renders again only when one of them changes.
                  page={pages[Math.floor(start / PAGE_SIZE)]}
                  nextPage={pages[Math.floor((end - 1) / PAGE_SIZE)]}
                  total={total}
                  top={PADDING + row * rowHeight - grid.shift}
                  columns={columns}
                  cellSize={cellSize}
                  thumbSize={thumbSize}
                  selection={selection}
                  selecting={selecting}
                />
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
}

interface RowProps {
  /** Positions start..end-1. */
  start: number
  end: number
  /** The pages holding `start` and `end - 1` (the same one, mostly). */
  page: Generation[] | undefined
  nextPage: Generation[] | undefined
  total: number
  top: number
  columns: number
  cellSize: number
  thumbSize: ThumbSize
  selection: ReadonlySet<string>
  selecting: boolean
}

const LibraryRow = memo(function LibraryRow({
  start,
  end,
  page,
  nextPage,
  total,
  top,
  columns,
  cellSize,
  thumbSize,
  selection,
  selecting,
}: RowProps) {
  const firstPage = Math.floor(start / PAGE_SIZE)
  const cells = []
  for (let position = start; position < end; position++) {
    const generation = (Math.floor(position / PAGE_SIZE) === firstPage ? page : nextPage)?.[position % PAGE_SIZE]
    cells.push(
      generation ? (
        <LibraryCell
          key={generation.id}
          generation={generation}
          position={position}
          total={total}
          selected={selection.has(generation.id)}
          selecting={selecting}
          thumbSize={thumbSize}
          onOpen={open}
        />
      ) : (
        <PlaceholderCell key={`at-${position}`} position={position} total={total} />
      ),
    )
  }
  return (
    <div
      className="library-row"
      style={{
        transform: `translateY(${top}px)`,
        gridTemplateColumns: `repeat(${columns}, ${cellSize}px)`,
        gridAutoRows: `${cellSize}px`,
        left: PADDING,
        gap: GAP,
      }}
    >
      {cells}
    </div>
  )
})

function EmptyState({
  filtered,
  trash,
  favoritesOnly,
  search,
}: {
  filtered: boolean
  trash: boolean
  favoritesOnly: boolean
  search: string
}) {
  if (trash && !filtered) {
    return (
      <div className="library-state empty">
        <TrashIcon size={32} />
        <p className="empty-title">The trash is empty</p>
        <p className="muted">Deleted images wait here until the trash is emptied; until then, they can be restored.</p>
      </div>
    )
  }
  return (
    <div className="library-state empty">
      {favoritesOnly ? <StarIcon size={32} /> : <GridIcon size={32} />}
      {!filtered && (
        <>
          <p className="empty-title">No images yet — write a prompt in the Studio and press Generate</p>
          <p className="muted">Every result is kept here, on this computer, and stays browsable offline.</p>
          <button
            type="button"
            className="btn primary"
            onClick={() => {
              uiStore.getState().showView('studio')
              requestAnimationFrame(() => document.getElementById('prompt')?.focus())
            }}
          >
            Write a prompt
          </button>
        </>
      )}
      {filtered && search.trim() !== '' && (
        <>
          <p className="empty-title">Nothing matches “{search.trim()}”</p>
          <p className="muted">
            Search looks at the start of words in prompts. Try fewer or shorter words, or clear the filters.
          </p>
        </>
      )}
      {filtered && search.trim() === '' && (
        <>
          <p className="empty-title">{favoritesOnly ? 'No favourites match' : 'Nothing matches these filters'}</p>
          <p className="muted">
            {favoritesOnly
              ? 'Star an image (or press F in the viewer) to keep it here.'
              : 'Clear a filter to see more.'}
          </p>
        </>
      )}
    </div>
  )
}
