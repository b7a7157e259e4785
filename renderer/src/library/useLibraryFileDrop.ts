/**
 * Image files dropped on the library become generations from the recipes they
 * carry (library.importFiles). Files go to the core in batches that fit one
 * message; what happened to each comes back for the result toast.
 */
import { useCallback, useRef, useState, type DragEvent } from 'react'
import type { FileImportOutcome } from '../../../shared/contract'
import { atelier } from '../api/client'
import { describeError } from '../api/errors'
import { GENERATION_DRAG_TYPE } from '../dragTypes'
import { formatBytes } from '../format/bytes'
import { MAX_FILE_BYTES } from '../studio/referenceSources'

/** Files per call, and bytes per call: one message carries at most one file of the largest size the core takes. */
const BATCH_FILES = 20

export interface FileDropResult {
  serial: number
  outcomes: FileImportOutcome[]
}

/** Files from the OS only: a cell dragged inside the library is not an import. */
const carriesOutsideFiles = (data: DataTransfer | null): boolean => {
  const types = Array.from(data?.types ?? [])
  return types.includes('Files') && !types.includes(GENERATION_DRAG_TYPE)
}

function batches(files: File[]): File[][] {
  const out: File[][] = []
  let current: File[] = []
  let size = 0
  for (const file of files) {
    if (current.length > 0 && (current.length >= BATCH_FILES || size + file.size > MAX_FILE_BYTES)) {
      out.push(current)
      current = []
      size = 0
    }
    current.push(file)
    size += file.size
  }
  if (current.length > 0) out.push(current)
  return out
}

let serial = 0

export async function importDroppedFiles(files: File[]): Promise<FileImportOutcome[]> {
  const outcomes: FileImportOutcome[] = []
  const refuse = (file: File, message: string) =>
    outcomes.push({ name: file.name, status: 'refused', generationId: null, message })
  const fitting = files.filter((file) => {
    if (file.size <= MAX_FILE_BYTES) return true
    refuse(
      file,
      `“${file.name}” is ${formatBytes(file.size)}; images up to ${formatBytes(MAX_FILE_BYTES)} can be imported.`,
    )
    return false
  })
  for (const batch of batches(fitting)) {
    try {
      const payload = await Promise.all(
        batch.map(async (file) => ({ name: file.name.slice(-200), bytes: new Uint8Array(await file.arrayBuffer()) })),
      )
      outcomes.push(...(await atelier.invoke('library.importFiles', { files: payload })).files)
    } catch (error) {
      const { message } = describeError(error)
      for (const file of batch) refuse(file, `“${file.name}”: ${message}`)
    }
  }
  return outcomes
}

export function useLibraryFileDrop() {
  const [dragging, setDragging] = useState(false)
  const [importing, setImporting] = useState(false)
  const [result, setResult] = useState<FileDropResult | null>(null)
  const depth = useRef(0)
  const dismissResult = useCallback(() => setResult(null), [])

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!carriesOutsideFiles(event.dataTransfer)) return
      depth.current++
      setDragging(true)
    },
    onDragLeave(event: DragEvent) {
      if (!carriesOutsideFiles(event.dataTransfer)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragging(false)
    },
    onDragOver(event: DragEvent) {
      if (!carriesOutsideFiles(event.dataTransfer)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDrop(event: DragEvent) {
      depth.current = 0
      setDragging(false)
      if (!carriesOutsideFiles(event.dataTransfer)) return
      event.preventDefault()
      const files = Array.from(event.dataTransfer.files)
      if (files.length === 0) return
      setImporting(true)
      void importDroppedFiles(files)
        .then((outcomes) => setResult({ serial: ++serial, outcomes }))
        .finally(() => setImporting(false))
    },
  }

  return { dragging, importing, result, dismissResult, handlers }
}
