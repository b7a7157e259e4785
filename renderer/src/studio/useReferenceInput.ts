/**
 * Drag-and-drop over the whole studio, and paste of image data, both feeding the
 * reference tray.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react'
import { isTextEditingTarget } from '../app/platform'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { carriesExternalDrop, fileRequest, INTERNAL_DRAG_TYPE, requestsFromDataTransfer } from './referenceSources'

export function useReferenceDrop() {
  const [dragging, setDragging] = useState(false)
  const depth = useRef(0)

  const onDragEnter = (event: DragEvent) => {
    if (!carriesExternalDrop(event.dataTransfer)) return
    depth.current++
    setDragging(true)
  }
  const onDragLeave = (event: DragEvent) => {
    if (!carriesExternalDrop(event.dataTransfer)) return
    depth.current = Math.max(0, depth.current - 1)
    if (depth.current === 0) setDragging(false)
  }
  const onDragOver = (event: DragEvent) => {
    const types = Array.from(event.dataTransfer.types)
    const plainTextOutsideFields =
      types.includes('text/plain') && !types.includes(INTERNAL_DRAG_TYPE) && !isTextEditingTarget(event.target)
    if (!carriesExternalDrop(event.dataTransfer) && !plainTextOutsideFields) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }
  const onDrop = (event: DragEvent) => {
    depth.current = 0
    setDragging(false)
    const data = event.dataTransfer
    const types = Array.from(data.types)
    if (types.includes(INTERNAL_DRAG_TYPE)) return
    // Plain text dropped into the prompt stays text; files and links become references.
    const requests =
      types.includes('Files') || types.includes('text/uri-list') || !isTextEditingTarget(event.target)
        ? requestsFromDataTransfer(data)
        : []
    if (requests.length === 0) return
    event.preventDefault()
    void studioStore.getState().addReferences(requests)
  }

  return { dragging, handlers: { onDragEnter, onDragLeave, onDragOver, onDrop } }
}

/** Ctrl/Cmd+V of image data anywhere in the studio (text pastes into fields stay text). */
export function usePasteReferences(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onPaste = (event: ClipboardEvent) => {
      const data = event.clipboardData
      if (!data) return
      const { settingsOpen, viewer } = uiStore.getState()
      if (settingsOpen || viewer) return
      const images = Array.from(data.files).filter((file) => file.type.startsWith('image/'))
      if (images.length === 0) return
      if (isTextEditingTarget(event.target) && data.types.includes('text/plain')) return
      event.preventDefault()
      void studioStore.getState().addReferences(images.map(fileRequest))
    }
    document.addEventListener('paste', onPaste)
    return () => document.removeEventListener('paste', onPaste)
  }, [active])
}
