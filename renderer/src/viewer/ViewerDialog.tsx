/**
 * The viewer: one generation, full size, with everything known about it.
 * Left/Right move through the list it was opened from; Esc closes; F favourites.
 */
import { Dialog } from 'radix-ui'
import { useEffect, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { isTextEditingTarget } from '../app/platform'
import { libraryStore, useLibrary } from '../stores/library/store'
import { selectLibraryIds } from '../stores/library/selectors'
import { useTasks } from '../stores/tasks/store'
import { selectCompletedQueueIds } from '../stores/tasks/selectors'
import { uiStore, useUi, type ViewerTarget } from '../stores/ui/store'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../ui/icons'
import { ViewerDetails } from './ViewerDetails'
import './viewer.css'

export function ViewerDialog() {
  const target = useUi((s) => s.viewer)
  const close = useUi((s) => s.closeViewer)

  return (
    <Dialog.Root open={target !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay viewer-overlay" />
        {target && <ViewerContent target={target} />}
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** The freshest copy of a generation either store holds (the highest version wins). */
function useHeldGeneration(id: string): Generation | undefined {
  const fromLibrary = useLibrary((s) => s.items.find((g) => g.id === id))
  const fromTasks = useTasks((s) => s.byId[id])
  if (fromLibrary && fromTasks) return fromLibrary.version >= fromTasks.version ? fromLibrary : fromTasks
  return fromLibrary ?? fromTasks
}

function ViewerContent({ target }: { target: ViewerTarget }) {
  const libraryIds = useLibrary(useShallow(selectLibraryIds))
  const queueIds = useTasks(useShallow(selectCompletedQueueIds))
  const moreInLibrary = useLibrary((s) => s.nextCursor !== null)
  const held = useHeldGeneration(target.id)
  const [fetched, setFetched] = useState<Generation | null>(null)
  const generation = held ?? (fetched?.id === target.id ? fetched : undefined)

  // Not in any loaded list (e.g. filtered away meanwhile): ask the library directly.
  useEffect(() => {
    if (held) return
    let cancelled = false
    atelier
      .invoke('generation.get', { id: target.id })
      .then((g) => !cancelled && setFetched(g))
      .catch(() => !cancelled && uiStore.getState().closeViewer())
    return () => {
      cancelled = true
    }
  }, [held, target.id])

  const ids = target.source === 'library' ? libraryIds : queueIds
  const index = ids.indexOf(target.id)
  const total = ids.length

  const go = (delta: number) => {
    const next = ids[index + delta]
    if (next) uiStore.getState().openViewer({ source: target.source, id: next })
    if (target.source === 'library' && delta > 0 && index + delta >= total - 3 && moreInLibrary) {
      void libraryStore.getState().loadMore()
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEditingTarget(event.target) || event.altKey || event.ctrlKey || event.metaKey) return
    if (event.key === 'ArrowLeft') {
      event.preventDefault()
      go(-1)
    } else if (event.key === 'ArrowRight') {
      event.preventDefault()
      go(1)
    } else if ((event.key === 'f' || event.key === 'F') && generation) {
      event.preventDefault()
      void libraryStore.getState().setFavorite(generation.id, !generation.favorite)
    }
  }

  const position = index >= 0 ? `Image ${index + 1} of ${total}${target.source === 'library' && moreInLibrary ? '+' : ''}` : 'Image'

  return (
    <Dialog.Content className="dialog-content viewer" aria-describedby={undefined} onKeyDown={onKeyDown}>
      <div className="viewer-stage">
        <button
          type="button"
          className="viewer-nav prev"
          aria-label="Previous image"
          disabled={index <= 0}
          onClick={() => go(-1)}
        >
          <ChevronLeftIcon size={22} />
        </button>
        {generation ? <ViewerImage generation={generation} /> : <div className="viewer-image-box" />}
        <button
          type="button"
          className="viewer-nav next"
          aria-label="Next image"
          disabled={index < 0 || index >= total - 1}
          onClick={() => go(1)}
        >
          <ChevronRightIcon size={22} />
        </button>
      </div>
      <aside className="viewer-side">
        <div className="viewer-head">
          <Dialog.Title className="viewer-title">{position}</Dialog.Title>
          <Dialog.Close className="btn ghost icon" aria-label="Close">
            <CloseIcon />
          </Dialog.Close>
        </div>
        {generation && <ViewerDetails generation={generation} />}
      </aside>
    </Dialog.Content>
  )
}

function ViewerImage({ generation: g }: { generation: Generation }) {
  if (!g.image) {
    return (
      <div className="viewer-image-box empty">
        <p>No image — this generation {g.status === 'failed' || g.status === 'rejected' ? 'did not finish' : 'is not ready yet'}.</p>
      </div>
    )
  }
  const thumb = atelier.mediaUrl(g.image.thumbPath)
  return (
    <div className="viewer-image-box">
      <img
        key={g.id}
        className="viewer-image"
        src={atelier.mediaUrl(g.image.path)}
        width={g.image.width}
        height={g.image.height}
        alt={g.prompt}
        decoding="async"
        // The thumbnail shows at once, underneath, while the full image loads.
        style={{ backgroundImage: `url("${thumb}")` }}
      />
    </div>
  )
}
