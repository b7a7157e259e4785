/** What to do with the selected images: compare (2–4), favourite, export, delete (or, in the trash, restore). */
import { MAX_PANES } from '../compare/panes'
import { collectionsStore } from '../stores/collections/store'
import { useLibrary } from '../stores/library/store'
import { selectCount } from '../stores/library/selectors'
import { uiStore } from '../stores/ui/store'
import { CompareIcon } from '../ui/icons'
import { StarIcon } from '../ui/icons'
import { DownloadIcon, TrashIcon, UndoIcon } from './libraryIcons'

export function SelectionBar({ onExport }: { onExport: (ids: string[]) => void }) {
  const selection = useLibrary((s) => s.selection)
  const trash = useLibrary((s) => s.view.trash)
  const collectionId = useLibrary((s) => s.view.collectionId)
  const total = useLibrary(selectCount) ?? 0
  const store = {
    setFavoriteMany: useLibrary((s) => s.setFavoriteMany),
    remove: useLibrary((s) => s.remove),
    restore: useLibrary((s) => s.restore),
    selectAll: useLibrary((s) => s.selectAll),
    clear: useLibrary((s) => s.clearSelection),
  }
  if (selection.size === 0) return null
  const ids = [...selection]

  return (
    <div className="selection-bar" role="toolbar" aria-label="Selection">
      <span className="selection-count" aria-live="polite">
        {selection.size.toLocaleString()} selected
      </span>
      {trash ? (
        <button type="button" className="btn small" onClick={() => void store.restore(ids)}>
          <UndoIcon size={14} />
          Restore
        </button>
      ) : (
        <>
          {ids.length >= 2 && ids.length <= MAX_PANES && (
            <button
              type="button"
              className="btn small"
              onClick={() => uiStore.getState().openCompare({ kind: 'generations', ids })}
            >
              <CompareIcon size={14} />
              Compare
            </button>
          )}
          <button type="button" className="btn small" onClick={() => void store.setFavoriteMany(ids, true)}>
            <StarIcon size={14} filled />
            Favourite
          </button>
          <button type="button" className="btn small" onClick={() => void store.setFavoriteMany(ids, false)}>
            <StarIcon size={14} />
            Unfavourite
          </button>
          <button
            type="button"
            className="btn small"
            aria-keyshortcuts="Shift+C"
            title="Add to collection (Shift+C)"
            onClick={() => collectionsStore.getState().openPicker(ids)}
          >
            Add to collection…
          </button>
          {collectionId !== null && (
            <button
              type="button"
              className="btn small"
              onClick={() => void collectionsStore.getState().take(collectionId, ids)}
            >
              Remove from collection
            </button>
          )}
          <button type="button" className="btn small" onClick={() => onExport(ids)}>
            <DownloadIcon size={14} />
            Export…
          </button>
          <button type="button" className="btn small danger" onClick={() => void store.remove(ids)}>
            <TrashIcon size={14} />
            Delete
          </button>
        </>
      )}
      <span className="selection-spacer" />
      {selection.size < total && (
        <button type="button" className="btn small ghost" onClick={() => void store.selectAll()}>
          Select all {total.toLocaleString()}
        </button>
      )}
      <button type="button" className="btn small ghost" onClick={store.clear}>
        Clear selection
      </button>
    </div>
  )
}
