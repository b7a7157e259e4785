/**
 * Export (a selection or everything) to a folder of images with JSON sidecars,
 * or import such a folder. The core takes no path from the page: the desktop
 * app picks the folder with the system's dialog and sends the one-use grant the
 * core gave for it; browser mode has no picker, so it names a folder inside the
 * library's own transfers/ folder (docs/security.md, finding 5).
 */
import { Dialog } from 'radix-ui'
import { useState, type FormEvent } from 'react'
import type { ExportResult, FolderChoice, ImportResult } from '../../../shared/contract'
import { atelier } from '../api/client'
import { useSettings } from '../stores/settings/store'
import { describeError, type ErrorView } from '../api/errors'
import { DialogFrame } from '../ui/DialogFrame'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Spinner } from '../ui/icons'
import { capabilities } from './fileActions'
import { FolderIcon } from './libraryIcons'

export type Transfer = { kind: 'export'; ids: string[] | null } | { kind: 'import' }

interface Props {
  transfer: Transfer | null
  onClose: () => void
  /** After an import, the grid shows what came in. */
  onImported?: (result: ImportResult) => void
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`

export function TransferDialog({ transfer, onClose, onImported }: Props) {
  return (
    <Dialog.Root open={transfer !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {/* One child: the portal keeps the overlay and the content together, in this order. */}
      <Dialog.Portal>
        {transfer && <TransferForm key={transfer.kind} transfer={transfer} onImported={onImported} />}
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** What the dialog holds: a picked folder (shown, and its grant) or a typed transfers/ name. */
type Picked = { path: string; grant: string } | null

function TransferForm({ transfer, onImported }: { transfer: Transfer; onImported?: Props['onImported'] }) {
  const picker = capabilities().chooseFolder
  const dataDir = useSettings((s) => s.app?.dataDir ?? null)
  const [picked, setPicked] = useState<Picked>(null)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorView | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const exporting = transfer.kind === 'export'
  const title = exporting
    ? transfer.ids
      ? `Export ${plural(transfer.ids.length, 'image')}`
      : 'Export the library'
    : 'Import a folder'

  const choose = async () => {
    try {
      const { path, grant } = await atelier.invoke('file.chooseFolder', { purpose: transfer.kind })
      if (path && grant) setPicked({ path, grant })
    } catch (failure) {
      setError(describeError(failure))
    }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const folder: FolderChoice | null = picker
      ? picked && { kind: 'grant', grant: picked.grant }
      : name.trim() === ''
        ? null
        : { kind: 'transfers', name: name.trim() }
    if (!folder) return
    // A grant is good for one use: another run needs the folder chosen again.
    setPicked(null)
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      if (transfer.kind === 'export') {
        const result: ExportResult = await atelier.invoke('library.export', { ids: transfer.ids, folder })
        setDone(
          `Exported ${plural(result.generations, 'generation')} (${plural(result.images, 'image')}, ${plural(result.references, 'reference')}) to ${result.folder}.${result.problems.length > 0 ? ` Nothing was overwritten: ${result.problems.slice(0, 3).join(' · ')}` : ''}`,
        )
      } else {
        const result = await atelier.invoke('library.import', { folder })
        const skipped = [
          result.existing > 0 ? `${result.existing} already here` : '',
          result.duplicates > 0 ? `${plural(result.duplicates, 'duplicate image')}` : '',
          result.invalid > 0 ? `${result.invalid} unreadable` : '',
        ].filter(Boolean)
        setDone(
          `Imported ${plural(result.imported, 'generation')}${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}.${result.problems.length > 0 ? ` ${result.problems.slice(0, 3).join(' · ')}` : ''}`,
        )
        onImported?.(result)
      }
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <DialogFrame className="transfer-dialog" describedBy="transfer-help" title={title}>
      <form className="dialog-body transfer-body" onSubmit={(event) => void submit(event)}>
        <p id="transfer-help" className="muted">
          {exporting
            ? 'Each image is written with a JSON file beside it (prompt, ratio, price, times, references and lineage), so it can be imported into any Atelier library.'
            : 'A folder written by Export. Images already in this library are skipped, so importing twice adds nothing.'}
        </p>
        {picker ? (
          <div className="transfer-folder">
            <p className="field">
              <span className="field-label">Folder</span>
              <span className="transfer-path" aria-live="polite">
                {picked ? picked.path : 'No folder chosen yet.'}
              </span>
            </p>
            <button type="button" className="btn" onClick={() => void choose()} autoFocus>
              <FolderIcon size={14} />
              Choose…
            </button>
          </div>
        ) : (
          <div className="transfer-folder">
            <label className="field">
              <span className="field-label">Folder</span>
              <input
                className="input"
                value={name}
                onChange={(event) => setName(event.target.value)}
                placeholder="my-export"
                aria-describedby="transfer-where"
                spellCheck={false}
                autoFocus
              />
            </label>
            <p id="transfer-where" className="field-help">
              In the browser, Atelier {exporting ? 'exports to' : 'imports from'} a folder of this name inside{' '}
              {dataDir ? `${dataDir}/transfers` : 'the library’s transfers folder'}: a web page is not trusted with
              other paths. Move the folder there (or from there) yourself.
            </p>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <div className="transfer-actions">
          <Dialog.Close className="btn">{done ? 'Close' : 'Cancel'}</Dialog.Close>
          <button
            type="submit"
            className="btn primary"
            disabled={busy || (picker ? picked === null : name.trim() === '')}
          >
            {busy && <Spinner />}
            {exporting ? 'Export' : 'Import'}
          </button>
        </div>
      </form>
    </DialogFrame>
  )
}
