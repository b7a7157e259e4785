/**
 * The viewer: one generation, full size with zoom and pan, with everything known
 * about it. Left/Right move through the list it was opened from (the library's
 * current result set, loading pages as needed, or the queue); Esc closes; F
 * favourites; +/−/0 zoom; Delete moves it to the trash and shows the next one.
 */
import { Dialog } from 'radix-ui'
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Generation } from '../../../shared/domain'
import { generationActions } from '../../../shared/generationActions'
import { atelier } from '../api/client'
import { isTextEditingTarget } from '../app/platform'
import { findLoaded, libraryStore, positionOf, useLibrary } from '../stores/library/store'
import { useTasks } from '../stores/tasks/store'
import { selectCompletedQueueIds } from '../stores/tasks/selectors'
import { uiStore, useUi, type ViewerTarget } from '../stores/ui/store'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../ui/icons'
import { openGenerationMenu } from '../commands/generationMenu'
import { ViewerDetails } from './ViewerDetails'
import { ZoomControls } from '../ui/ZoomControls'
import { FIT, zoomForKey, type Zoom } from '../ui/zoomPan'
import { ZoomableImage } from './ZoomableImage'
import './viewer.css'

export function ViewerDialog() {
  const target = useUi((s) => s.viewer)
  const close = useUi((s) => s.closeViewer)

  return (
    <Dialog.Root open={target !== null} onOpenChange={(open) => (open ? undefined : close())}>
      {/* One child: the portal keeps the overlay and the content together, in this order. */}
      <Dialog.Portal>{target && <ViewerContent target={target} />}</Dialog.Portal>
    </Dialog.Root>
  )
}

/** The freshest copy of a generation either store holds (the highest version wins). */
function useHeldGeneration(id: string): Generation | undefined {
  const fromLibrary = useLibrary((s) => findLoaded(s, id))
  const fromTasks = useTasks((s) => s.byId[id])
  if (fromLibrary && fromTasks) return fromLibrary.version >= fromTasks.version ? fromLibrary : fromTasks
  return fromLibrary ?? fromTasks
}

/** Where the viewer is in the list it walks, and how long that list is. */
function usePlace(target: ViewerTarget): { index: number; total: number } {
  const libraryIndex = useLibrary((s) => positionOf(s, target.id))
  const libraryTotal = useLibrary((s) => s.total ?? 0)
  const queueIds = useTasks(useShallow(selectCompletedQueueIds))
  if (target.source === 'library') return { index: libraryIndex, total: libraryTotal }
  return { index: queueIds.indexOf(target.id), total: queueIds.length }
}

function ViewerContent({ target }: { target: ViewerTarget }) {
  const held = useHeldGeneration(target.id)
  const queueIds = useTasks(useShallow(selectCompletedQueueIds))
  const [fetched, setFetched] = useState<Generation | null>(null)
  const generation = held ?? (fetched?.id === target.id ? fetched : undefined)
  const { index, total } = usePlace(target)
  const [zoomState, setZoomState] = useState<{ id: string; zoom: Zoom }>({ id: target.id, zoom: FIT })
  const zoom = zoomState.id === target.id ? zoomState.zoom : FIT
  const setZoom = useCallback((next: Zoom) => setZoomState({ id: target.id, zoom: next }), [target.id])

  // Not in any loaded list (a parent in the lineage, a row filtered away meanwhile): ask the library directly.
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

  const go = async (delta: number) => {
    if (index < 0) return
    if (target.source === 'queue') {
      const next = queueIds[index + delta]
      if (next) uiStore.getState().openViewer({ source: 'queue', id: next })
      return
    }
    const next = await libraryStore.getState().fetchAt(index + delta)
    // Only if the viewer still shows what it showed when the key was pressed.
    if (next && uiStore.getState().viewer?.id === target.id)
      uiStore.getState().openViewer({ source: 'library', id: next.id })
  }

  /** After a delete from the viewer: show the next image (or the previous, at the end), or close. */
  const afterDelete = () => {
    if (target.source !== 'library' || index < 0) {
      uiStore.getState().closeViewer()
      return
    }
    void libraryStore
      .getState()
      .fetchAt(Math.min(index, Math.max(0, (libraryStore.getState().total ?? 0) - 1)))
      .then((next) => {
        if (next && next.id !== target.id) uiStore.getState().openViewer({ source: 'library', id: next.id })
        else uiStore.getState().closeViewer()
      })
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEditingTarget(event.target) || event.altKey || event.ctrlKey || event.metaKey) return
    const zoomed = zoomForKey(zoom, event.key)
    if (zoomed) {
      event.preventDefault()
      setZoom(zoomed)
      return
    }
    switch (event.key) {
      case 'ArrowLeft':
        event.preventDefault()
        void go(-1)
        return
      case 'ArrowRight':
        event.preventDefault()
        void go(1)
        return
      case 'f':
      case 'F':
        if (!generation || !generationActions(generation).favorite) return
        event.preventDefault()
        void libraryStore.getState().setFavorite(generation.id, !generation.favorite)
        return
      case 'Delete':
        if (!generation || !generationActions(generation).trash) return
        event.preventDefault()
        void libraryStore.getState().remove([generation.id]).then(afterDelete)
        return
    }
  }

  const position = index >= 0 ? `Image ${(index + 1).toLocaleString()} of ${total.toLocaleString()}` : 'Image'

  return (
    <>
      <Dialog.Overlay className="dialog-overlay viewer-overlay" />
      <Dialog.Content className="dialog-content viewer" aria-describedby={undefined} onKeyDown={onKeyDown}>
        <div className="viewer-stage" onContextMenu={(event) => openGenerationMenu(event, target.id)}>
          <button
            type="button"
            className="viewer-nav prev"
            aria-label="Previous image"
            disabled={index <= 0}
            onClick={() => void go(-1)}
          >
            <ChevronLeftIcon size={22} />
          </button>
          {generation ? (
            <ZoomableImage generation={generation} zoom={zoom} onZoom={setZoom} />
          ) : (
            <div className="viewer-image-box" />
          )}
          <button
            type="button"
            className="viewer-nav next"
            aria-label="Next image"
            disabled={index < 0 || index >= total - 1}
            onClick={() => void go(1)}
          >
            <ChevronRightIcon size={22} />
          </button>
          {generation?.image && !generation.image.missing && <ZoomControls zoom={zoom} onZoom={setZoom} />}
        </div>
        <aside className="viewer-side">
          <div className="viewer-head">
            <Dialog.Title className="viewer-title">{position}</Dialog.Title>
            <Dialog.Close className="btn ghost icon" aria-label="Close">
              <CloseIcon />
            </Dialog.Close>
          </div>
          {generation && <ViewerDetails generation={generation} onDeleted={afterDelete} />}
        </aside>
      </Dialog.Content>
    </>
  )
}
