/**
 * The library as a virtualized grid: only the visible rows exist in the DOM,
 * so ten thousand images scroll like ten. Pages load as the end comes near.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { selectIsFiltered } from '../stores/library/selectors'
import { libraryStore, useLibrary } from '../stores/library/store'
import { uiStore } from '../stores/ui/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { GridIcon, Spinner, StarIcon } from '../ui/icons'
import { useElementWidth } from '../ui/useElementWidth'
import { LibraryCell } from './LibraryCell'

const MIN_CELL = 180
const GAP = 12
const PADDING = 24

export function LibraryGrid() {
  const items = useLibrary((s) => s.items)
  const status = useLibrary((s) => s.status)
  const error = useLibrary((s) => s.error)
  const actionError = useLibrary((s) => s.actionError)
  const nextCursor = useLibrary((s) => s.nextCursor)
  const loadingMore = useLibrary((s) => s.loadingMore)
  const loadMore = useLibrary((s) => s.loadMore)
  const reload = useLibrary((s) => s.reload)
  const filtered = useLibrary(selectIsFiltered)
  const favoritesOnly = useLibrary((s) => s.query.favoritesOnly)
  const search = useLibrary((s) => s.query.search)

  const scroller = useRef<HTMLDivElement>(null)
  const width = Math.max(0, useElementWidth(scroller) - PADDING * 2)
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_CELL + GAP)))
  const cellSize = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_CELL
  const rowCount = Math.ceil(items.length / columns)

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => cellSize + GAP,
    overscan: 3,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  })

  useEffect(() => {
    virtualizer.measure()
  }, [virtualizer, cellSize])

  const rows = virtualizer.getVirtualItems()
  const lastVisibleRow = rows[rows.length - 1]?.index ?? -1
  useEffect(() => {
    if (nextCursor && lastVisibleRow >= rowCount - 3) void loadMore()
  }, [lastVisibleRow, rowCount, nextCursor, loadMore])

  const open = (id: string) => uiStore.getState().openViewer({ source: 'library', id })

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
      {status === 'loading' && items.length === 0 && (
        <div className="library-state muted">
          <Spinner /> Loading the library…
        </div>
      )}
      {status === 'ready' && items.length === 0 && (
        <div className="library-state empty">
          {favoritesOnly ? <StarIcon size={32} /> : <GridIcon size={32} />}
          {!filtered && (
            <>
              <p className="empty-title">No images yet — write a prompt in the Studio and press Generate</p>
              <p className="muted">Every result is kept here, on this computer, and stays browsable offline.</p>
              <button type="button" className="btn primary" onClick={() => {
                  uiStore.getState().showView('studio')
                  requestAnimationFrame(() => document.getElementById('prompt')?.focus())
                }}>
                Write a prompt
              </button>
            </>
          )}
          {filtered && favoritesOnly && search.trim() === '' && (
            <>
              <p className="empty-title">No favourites yet</p>
              <p className="muted">Star an image (or press F in the viewer) to keep it here.</p>
            </>
          )}
          {filtered && search.trim() !== '' && (
            <>
              <p className="empty-title">Nothing matches “{search.trim()}”</p>
              <p className="muted">Search looks at the start of words in prompts. Try fewer or shorter words.</p>
            </>
          )}
        </div>
      )}
      {items.length > 0 && (
        <div
          className="library-grid"
          role="list"
          aria-label="Images"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {rows.map((row) => {
            const start = row.index * columns
            return (
              <div
                key={row.key}
                className="library-row"
                style={{
                  transform: `translateY(${row.start}px)`,
                  gridTemplateColumns: `repeat(${columns}, ${cellSize}px)`,
                  left: PADDING,
                  gap: GAP,
                }}
              >
                {items.slice(start, start + columns).map((generation, offset) => (
                  <LibraryCell
                    key={generation.id}
                    generation={generation}
                    position={start + offset + 1}
                    total={nextCursor ? -1 : items.length}
                    onOpen={open}
                  />
                ))}
              </div>
            )
          })}
        </div>
      )}
      {loadingMore && (
        <div className="library-more muted">
          <Spinner /> Loading more…
        </div>
      )}
    </div>
  )
}
