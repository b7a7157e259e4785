/**
 * Settings → Library: "Rebuild library from files". Asks first (the database
 * is set aside and made again from the images' recipes), then shows what came
 * back: recovered, without a recipe, skipped with reasons, what is marked as lacking.
 */
import { Dialog } from 'radix-ui'
import { useState } from 'react'
import type { RebuildReport } from '../../../shared/contract'
import { describeRestoredExtras, plural } from '../../../shared/restoredExtras'
import { atelier } from '../api/client'
import { describeError, type ErrorView } from '../api/errors'
import { DialogFrame } from '../ui/DialogFrame'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Spinner } from '../ui/icons'
import { describeGaps } from './recoveredGaps'

/** The report lists at most this many files per kind; the rest are counted. */
const LISTED = 20

/** The app command (menu: Rebuild Library from Files…) opens Settings with the dialog already open. */
let requested = false
export function requestRebuildDialog(): void {
  requested = true
}

export function RebuildSection() {
  const [open, setOpen] = useState(() => {
    const now = requested
    requested = false
    return now
  })
  return (
    <section className="settings-section">
      <h3 id="settings-rebuild">Library</h3>
      <p className="field-help">
        Every image carries its prompt, price, task id and lineage, and the library keeps a copy of your styles,
        collections and prompt history beside its database. If the database is damaged, Atelier rebuilds it from these
        by itself; you can also do it here. The old database is kept beside it, never deleted.
      </p>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Rebuild library from files…
      </button>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>{open && <RebuildDialog />}</Dialog.Portal>
      </Dialog.Root>
    </section>
  )
}

function RebuildDialog() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorView | null>(null)
  const [report, setReport] = useState<RebuildReport | null>(null)

  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      setReport(await atelier.invoke('library.rebuild', {}))
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <DialogFrame
      className="transfer-dialog"
      describedBy="rebuild-help"
      title={report ? 'Library rebuilt' : 'Rebuild library from files?'}
    >
      <div className="dialog-body transfer-body">
        {report ? (
          <RebuildResult report={report} />
        ) : (
          <p id="rebuild-help" className="muted">
            The current database is set aside (renamed, not deleted) and every generation is made again from the recipe
            inside its image; your styles, collections and prompt history come back from the library&apos;s copy.
            Favourites, the trash and failed generations are not in images, so they do not come back. Nothing in the
            library folder is deleted.
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="transfer-actions">
          <Dialog.Close className="btn">{report ? 'Close' : 'Cancel'}</Dialog.Close>
          {!report && (
            <button type="button" className="btn primary" disabled={busy} onClick={() => void run()}>
              {busy && <Spinner />}
              Rebuild
            </button>
          )}
        </div>
      </div>
    </DialogFrame>
  )
}

function RebuildResult({ report }: { report: RebuildReport }) {
  const extras = describeRestoredExtras(report.extras)
  return (
    <div id="rebuild-help" role="status">
      <p>
        Recovered {plural(report.recovered, 'generation')}
        {report.withoutRecipe.length > 0 && `; ${plural(report.withoutRecipe.length, 'image')} without a recipe`}
        {report.skipped.length > 0 && `; skipped ${report.skipped.length}`}.
      </p>
      {extras && <p>Restored {extras}.</p>}
      {report.extras.problems.map((problem) => (
        <p key={problem} className="muted">
          {problem}
        </p>
      ))}
      {report.setAside.length > 0 && <p className="muted">The old database was kept as {report.setAside[0]}.</p>}
      {report.lacking.length > 0 && (
        <details>
          <summary>{plural(report.lacking.length, 'generation')} came back without everything</summary>
          <ul>
            {report.lacking.slice(0, LISTED).map((item) => (
              <li key={item.id}>
                “{item.prompt.slice(0, 60)}”: without {describeGaps(item.lacking)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.skipped.length > 0 && (
        <details>
          <summary>Skipped files</summary>
          <ul>
            {report.skipped.slice(0, LISTED).map((item) => (
              <li key={item.file}>
                {item.file}: {item.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.withoutRecipe.length > 0 && (
        <details>
          <summary>Images without a recipe (kept in the folder, not listed)</summary>
          <ul>
            {report.withoutRecipe.slice(0, LISTED).map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
