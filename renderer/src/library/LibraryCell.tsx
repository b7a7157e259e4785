/**
 * One cell of the grid: the thumbnail (decoded off the main thread, in a box of
 * fixed size so nothing ever jumps), a badge for anything not completed, the
 * favourite star, a selection tick, and a missing-file placeholder. A thumbnail
 * that fails to load has the core look at the files (it rebuilds a missing
 * thumbnail, or flags a missing image) before it is tried once more.
 */
import { memo, useLayoutEffect, useRef, useState, type MouseEvent } from 'react'
import type { Generation } from '../../../shared/domain'
import { generationActions } from '../../../shared/generationActions'
import { isMac } from '../app/platform'
import { libraryStore } from '../stores/library/store'
import { AlertIcon, CheckIcon, Spinner, StarIcon } from '../ui/icons'
import { statusLabel } from '../ui/statusText'
import { isActive } from '../stores/tasks/reducer'
import { startDragOut } from './fileActions'
import { showThumbnail, thumbnailUrl, type ThumbSize } from './thumbnailPrefetch'
import { openGenerationMenu } from '../commands/generationMenu'

interface Props {
  generation: Generation
  /** 0-based position in the current view. */
  position: number
  total: number
  selected: boolean
  /** Some cell is selected: a plain click then toggles instead of opening. */
  selecting: boolean
  /** Which of its thumbnails the cell shows (the grid picks by cell size and screen density). */
  thumbSize: ThumbSize
  onOpen: (id: string) => void
}

type ThumbState = 'ok' | 'checking' | 'retry' | 'missing'

export const LibraryCell = memo(function LibraryCell({
  generation: g,
  position,
  total,
  selected,
  selecting,
  thumbSize,
  onOpen,
}: Props) {
  const [thumbState, setThumbState] = useState<{ id: string; version: number; state: ThumbState }>({
    id: g.id,
    version: g.version,
    state: 'ok',
  })
  const state = thumbState.id === g.id && thumbState.version === g.version ? thumbState.state : 'ok'
  const missing = g.image?.missing === true || state === 'missing'
  const url = missing || state === 'checking' ? null : thumbnailUrl(g, thumbSize)
  const thumb = url ? `${url}${state === 'retry' ? `?retry=${g.version}` : ''}` : null
  // The image's source is set by thumbnailPrefetch.ts, which spreads new loads over frames.
  const image = useRef<HTMLImageElement>(null)
  useLayoutEffect(() => (thumb && image.current ? showThumbnail(image.current, thumb) : undefined), [thumb])

  const onThumbError = () => {
    if (state !== 'ok') {
      setThumbState({ id: g.id, version: g.version, state: 'missing' })
      return
    }
    setThumbState({ id: g.id, version: g.version, state: 'checking' })
    void libraryStore
      .getState()
      .checkFiles(g.id)
      .then((checked) =>
        setThumbState({
          id: g.id,
          version: g.version,
          state: checked?.image && !checked.image.missing ? 'retry' : 'missing',
        }),
      )
  }

  const onClick = (event: MouseEvent) => {
    const store = libraryStore.getState()
    if (event.shiftKey) void store.select(g.id, position, 'range')
    else if ((isMac ? event.metaKey : event.ctrlKey) || selecting) void store.select(g.id, position, 'toggle')
    else onOpen(g.id)
  }

  const label = missing ? `${g.prompt} (image file missing)` : g.prompt
  // The star, the tick and the caption exist only where they can be seen (pointer or focus on the
  // cell, a favourite, a selection): a cell scrolled past costs three elements, not a dozen.
  const [engaged, setEngaged] = useState(false)
  const showStar = engaged || g.favorite
  const showTick = engaged || selecting

  return (
    <div
      role="listitem"
      className="library-cell"
      aria-posinset={position + 1}
      aria-setsize={total}
      data-status={g.status}
      data-selected={selected || undefined}
      data-id={g.id}
      onContextMenu={(event) => openGenerationMenu(event, g.id)}
      // Not while the grid moves (useGridWindow's data-scrolling): cells passing under a resting
      // pointer would each render; the first move once it stops engages the cell under it.
      onPointerEnter={(event) => {
        if (!gridMoving(event.currentTarget)) setEngaged(true)
      }}
      onPointerMove={(event) => {
        if (!engaged && !gridMoving(event.currentTarget)) setEngaged(true)
      }}
      onPointerLeave={() => setEngaged(false)}
      onFocus={() => setEngaged(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setEngaged(false)
      }}
    >
      <button
        type="button"
        className="library-open thumb-button"
        onClick={onClick}
        draggable={Boolean(thumb)}
        onDragStart={(event) => startDragOut(event, [g])}
        aria-label={selecting ? `${selected ? 'Deselect' : 'Select'}: ${g.prompt}` : undefined}
      >
        {thumb ? (
          <img ref={image} alt={label} decoding="async" draggable={false} onError={onThumbError} />
        ) : (
          <span className="library-no-thumb" data-missing={missing || undefined}>
            {missing ? (
              <>
                <AlertIcon size={20} />
                <span className="library-missing-text">Image file missing</span>
              </>
            ) : isActive(g) || state === 'checking' ? (
              <Spinner size={20} />
            ) : (
              <AlertIcon size={20} />
            )}
            <span className="visually-hidden">{label}</span>
          </span>
        )}
      </button>
      {showTick && (
        <button
          type="button"
          role="checkbox"
          className="library-tick"
          aria-checked={selected}
          aria-label="Select"
          title={selected ? 'Deselect' : 'Select (Ctrl/⌘-click a cell, Shift-click for a range)'}
          onClick={(event) => void libraryStore.getState().select(g.id, position, event.shiftKey ? 'range' : 'toggle')}
        >
          {selected && <CheckIcon size={14} />}
        </button>
      )}
      {g.status !== 'completed' && (
        <span className="library-badge status-word" data-status={g.status}>
          {statusLabel(g.status)}
        </span>
      )}
      {showStar && generationActions(g).favorite && (
        <button
          type="button"
          className="library-star"
          aria-label="Favourite"
          aria-pressed={g.favorite}
          title={g.favorite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={() => void libraryStore.getState().setFavorite(g.id, !g.favorite)}
        >
          <StarIcon size={16} filled={g.favorite} />
        </button>
      )}
      {engaged && (
        <p className="library-caption" aria-hidden="true">
          <span>{g.prompt}</span>
        </p>
      )}
    </div>
  )
})

const gridMoving = (cell: Element) => cell.closest('[data-scrolling]') !== null

/** A position whose page is not loaded yet: the same box, so nothing moves when it arrives. */
export function PlaceholderCell({ position, total }: { position: number; total: number }) {
  return (
    <div
      role="listitem"
      className="library-cell placeholder"
      aria-posinset={position + 1}
      aria-setsize={total}
      aria-busy="true"
    />
  )
}
