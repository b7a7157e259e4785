/**
 * Compare: two to four images side by side with one zoom and pan for all of
 * them, or — with exactly two — one over the other with a before/after slider.
 * Keys: 1–4 focus a position, Shift+1–4 move the focused image there, arrows
 * pan, +/−/0 zoom, S switches the slider, Esc closes. "Keep" favourites one
 * result and moves the other results to the trash (the undo toast follows).
 */
import { Dialog } from 'radix-ui'
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { describeError, type ErrorView } from '../api/errors'
import { isTextEditingTarget } from '../app/platform'
import { libraryStore } from '../stores/library/store'
import { uiStore, useUi, type CompareTarget } from '../stores/ui/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { CloseIcon } from '../ui/icons'
import { ZoomControls } from '../ui/ZoomControls'
import { FIT, panForKey, zoomForKey, type Zoom } from '../ui/zoomPan'
import { othersToTrash, positionForKey, swap } from './arrange'
import { ComparePaneView, PaneImage } from './ComparePane'
import { CompareSlider } from './CompareSlider'
import { loadPanes, type ComparePane } from './panes'
import './compare.css'

export function CompareDialog() {
  const target = useUi((s) => s.compare)
  const close = useUi((s) => s.closeCompare)
  return (
    <Dialog.Root open={target !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>{target && <CompareContent key={JSON.stringify(target)} target={target} />}</Dialog.Portal>
    </Dialog.Root>
  )
}

type Loaded = { status: 'loading' } | { status: 'ready'; notShown: number } | { status: 'error'; error: ErrorView }

function CompareContent({ target }: { target: CompareTarget }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [panes, setPanes] = useState<ComparePane[]>([])
  const [active, setActive] = useState(0)
  const [zoom, setZoom] = useState<Zoom>(FIT)
  const [sliderWanted, setSliderWanted] = useState(false)
  const [split, setSplit] = useState(50)
  const [said, setSaid] = useState('')
  const [actionError, setActionError] = useState<ErrorView | null>(null)
  const [busy, setBusy] = useState(false)
  const paneElements = useRef<Array<HTMLElement | null>>([])
  const onZoom = useCallback((next: Zoom) => setZoom(next), [])

  useEffect(() => {
    let cancelled = false
    loadPanes(target).then(
      (result) => {
        if (cancelled) return
        setPanes(result.panes)
        setLoaded({ status: 'ready', notShown: result.notShown })
        // The keys act on the focused position: start on the first.
        requestAnimationFrame(() => paneElements.current[0]?.focus())
      },
      (error: unknown) => !cancelled && setLoaded({ status: 'error', error: describeError(error) }),
    )
    return () => {
      cancelled = true
    }
  }, [target])

  const slider = sliderWanted && panes.length === 2
  const results = panes.filter((pane) => pane.generationId !== null && pane.path !== null).length
  const focusPane = (position: number) => {
    setActive(position)
    paneElements.current[position]?.focus()
  }

  const toggleSlider = () => {
    if (panes.length !== 2) {
      setSaid('The slider compares exactly two images: remove the others from the comparison first.')
      return
    }
    setSliderWanted(!slider)
    setSaid(slider ? 'Side by side.' : 'Slider: position 1 on the left, position 2 on the right.')
  }

  /** Moves the image at `from` to `to` (the two trade places); focus follows the image. */
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= panes.length) return
    setPanes(swap(panes, from, to))
    setSaid(`Moved to position ${to + 1}: ${panes[from]!.label}`)
    setActive(to)
    // After React has put the image in its new place.
    requestAnimationFrame(() => paneElements.current[to]?.focus())
  }

  const removeFromComparison = (position: number) => {
    if (panes.length <= 2) return
    const removed = panes[position]!
    setPanes(panes.filter((_, i) => i !== position))
    setSaid(`Removed from the comparison: ${removed.label}`)
    const next = Math.min(position, panes.length - 2)
    setActive(next)
    requestAnimationFrame(() => paneElements.current[next]?.focus())
  }

  const keep = async (pane: ComparePane) => {
    if (!pane.generationId || busy) return
    setBusy(true)
    setActionError(null)
    const library = libraryStore.getState()
    await library.setFavoriteMany([pane.generationId], true)
    let failed = libraryStore.getState().actionError
    const trash = othersToTrash(panes, pane)
    if (!failed && trash.length > 0) {
      await library.remove(trash)
      failed = libraryStore.getState().actionError
    }
    setBusy(false)
    if (failed) setActionError(failed)
    else uiStore.getState().closeCompare()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEditingTarget(event.target) || event.altKey || event.ctrlKey || event.metaKey) return
    const position = positionForKey(event.code, panes.length)
    if (position !== null) {
      event.preventDefault()
      if (event.shiftKey) move(active, position)
      else focusPane(position)
      return
    }
    const next = zoomForKey(zoom, event.key) ?? panForKey(zoom, event.key)
    if (next) {
      event.preventDefault()
      setZoom(next)
      return
    }
    if (event.key === 's' || event.key === 'S') {
      event.preventDefault()
      toggleSlider()
    }
  }

  const title =
    target.kind === 'references'
      ? 'Compare with references'
      : panes.length > 0
        ? `Compare ${panes.length} images`
        : 'Compare images'
  const panesShown = (
    <div className="compare-panes" data-count={panes.length} data-mode={slider ? 'slider' : 'side'}>
      {panes.map((pane, position) => (
        <ComparePaneView
          key={pane.key}
          ref={(element) => {
            paneElements.current[position] = element
          }}
          pane={pane}
          position={position}
          count={panes.length}
          active={position === active}
          canKeep={results >= 2 && pane.generationId !== null && pane.path !== null}
          busy={busy}
          onFocus={() => setActive(position)}
          onMove={(to) => move(position, to)}
          onRemove={() => removeFromComparison(position)}
          onKeep={() => void keep(pane)}
        >
          {!slider && <PaneImage pane={pane} zoom={zoom} onZoom={onZoom} />}
        </ComparePaneView>
      ))}
    </div>
  )

  return (
    <>
      <Dialog.Overlay className="dialog-overlay viewer-overlay" />
      <Dialog.Content className="dialog-content compare" aria-describedby="compare-keys" onKeyDown={onKeyDown}>
        <div className="compare-head">
          <Dialog.Title className="compare-title">{title}</Dialog.Title>
          <button
            type="button"
            className="btn small"
            aria-pressed={slider}
            aria-keyshortcuts="S"
            disabled={panes.length !== 2}
            title={
              panes.length === 2 ? 'Before and after, with a slider (S)' : 'The slider compares exactly two images'
            }
            onClick={toggleSlider}
          >
            Slider
          </button>
          <Dialog.Close className="btn ghost icon" aria-label="Close">
            <CloseIcon />
          </Dialog.Close>
        </div>
        <p className="compare-keys" id="compare-keys">
          <kbd>1</kbd>–<kbd>4</kbd> focus a position · <kbd>Shift</kbd>+<kbd>1</kbd>–<kbd>4</kbd> move the focused image
          there · arrows pan · <kbd>+</kbd> <kbd>−</kbd> zoom · <kbd>0</kbd> fit · <kbd>S</kbd> slider (two images) ·{' '}
          <kbd>Esc</kbd> close
        </p>
        {actionError && <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} className="compact" />}
        <div className="compare-stage">
          {loaded.status === 'loading' && <p className="compare-message">Loading…</p>}
          {loaded.status === 'error' && <ErrorNotice error={loaded.error} className="compact" />}
          {loaded.status === 'ready' && (
            <>
              {panesShown}
              {slider && (
                <CompareSlider
                  before={panes[0]!}
                  after={panes[1]!}
                  zoom={zoom}
                  onZoom={onZoom}
                  split={split}
                  onSplit={setSplit}
                />
              )}
              {loaded.notShown > 0 && (
                <p className="compare-message small">
                  {loaded.notShown} more {loaded.notShown === 1 ? 'image is' : 'images are'} not shown: compare takes
                  four at most.
                </p>
              )}
              <ZoomControls zoom={zoom} onZoom={setZoom} />
            </>
          )}
        </div>
        <div className="visually-hidden" role="status" aria-live="polite">
          {said}
        </div>
      </Dialog.Content>
    </>
  )
}
