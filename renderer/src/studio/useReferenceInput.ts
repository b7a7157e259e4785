/**
 * Drag-and-drop over the whole studio, and paste, both feeding the reference
 * tray: files from the OS, pictures and links dragged from a web browser,
 * image data from the clipboard.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react'
import { isTextEditingTarget } from '../app/platform'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import {
  carriesExternalDrop,
  fileRequest,
  imageFilesOf,
  INTERNAL_DRAG_TYPE,
  requestsFromDataTransfer,
} from './referenceSources'

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
    if (Array.from(data.types).includes(INTERNAL_DRAG_TYPE)) return
    // Plain text dropped into the prompt stays text; files, pictures and links become references.
    const requests = requestsFromDataTransfer(data, { includePlainText: !isTextEditingTarget(event.target) })
    if (requests.length === 0) return
    event.preventDefault()
    void studioStore.getState().addReferences(requests)
  }

  return { dragging, handlers: { onDragEnter, onDragLeave, onDragOver, onDrop } }
}

/**
 * Ctrl/Cmd+V anywhere in the studio: image data becomes a reference; outside
 * text fields, so does a copied picture or image link. Text pasted into a field
 * stays text.
 */
export function usePasteReferences(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onPaste = (event: ClipboardEvent) => {
      const data = event.clipboardData
      if (!data) return
      const { settingsOpen, viewer } = uiStore.getState()
      if (settingsOpen || viewer || document.querySelector('[role="dialog"], [role="alertdialog"]')) return
      const inField = isTextEditingTarget(event.target)
      const images = imageFilesOf(data)
      if (images.length > 0) {
        if (inField && data.types.includes('text/plain')) return
        event.preventDefault()
        void studioStore.getState().addReferences(images.map(fileRequest))
        return
      }
      if (inField) return
      const requests = requestsFromDataTransfer(data)
      if (requests.length === 0) return
      event.preventDefault()
      void studioStore.getState().addReferences(requests)
    }
    document.addEventListener('paste', onPaste)
    return () => document.removeEventListener('paste', onPaste)
  }, [active])
}
