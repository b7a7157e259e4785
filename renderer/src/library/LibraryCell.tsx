import { memo } from 'react'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { libraryStore } from '../stores/library/store'
import { AlertIcon, Spinner, StarIcon } from '../ui/icons'
import { statusLabel } from '../ui/statusText'
import { isActive } from '../stores/tasks/reducer'

interface Props {
  generation: Generation
  /** 1-based, for assistive tech; total -1 while more pages exist. */
  position: number
  total: number
  onOpen: (id: string) => void
}

export const LibraryCell = memo(function LibraryCell({ generation: g, position, total, onOpen }: Props) {
  const thumb = g.status === 'completed' && g.image ? atelier.mediaUrl(g.image.thumbPath) : null

  return (
    <div role="listitem" className="library-cell" aria-posinset={position} aria-setsize={total} data-status={g.status}>
      <button type="button" className="library-open" onClick={() => onOpen(g.id)}>
        {thumb ? (
          <img src={thumb} alt={g.prompt} loading="lazy" decoding="async" draggable={false} />
        ) : (
          <span className="library-no-thumb">
            {isActive(g) ? <Spinner size={20} /> : <AlertIcon size={20} />}
            <span className="visually-hidden">{g.prompt}</span>
          </span>
        )}
      </button>
      {g.status !== 'completed' && (
        <span className="library-badge" data-status={g.status}>
          {statusLabel(g.status)}
        </span>
      )}
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
      <p className="library-caption" title={g.prompt} aria-hidden="true">
        <span>{g.prompt}</span>
      </p>
    </div>
  )
})
