import { useEffect } from 'react'

/**
 * A file dropped where nothing handles it would make the window navigate to it
 * (leaving the app). Drop zones handle their own drops first; this catches the rest.
 */
export function usePreventFileNavigation(): void {
  useEffect(() => {
    const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files')
    const onDragOver = (event: DragEvent) => {
      if (carriesFiles(event) && !event.defaultPrevented) {
        event.preventDefault()
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none'
      }
    }
    const onDrop = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault()
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [])
}
