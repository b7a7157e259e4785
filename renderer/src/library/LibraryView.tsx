/**
 * The library: search and filters on top, the virtualized grid below, a bar for
 * the selection (or the trash), export/import and the spend panel (the undo
 * toast after a delete is app-wide, in App). Ctrl/⌘+A selects everything the
 * view matches, Delete moves the selection to the trash, Esc clears it.
 */
import { DropdownMenu, Popover } from 'radix-ui'
import { useEffect, useRef, useState } from 'react'
import { hasModifier, isTextEditingTarget, MOD_LABEL } from '../app/platform'
import { collectionsStore } from '../stores/collections/store'
import { useLibrary, libraryStore } from '../stores/library/store'
import { selectCount } from '../stores/library/selectors'
import { uiStore, useUi } from '../stores/ui/store'
import { ImagePlusIcon, SearchIcon } from '../ui/icons'
import { useSettings } from '../stores/settings/store'
import { SpendPanel } from '../spend/SpendPanel'
import { FilterBar } from './FilterBar'
import { ImportFilesToast } from './ImportFilesToast'
import { LibraryGrid } from './LibraryGrid'
import { CoinIcon, DownloadIcon, FolderIcon, MoreIcon, TrashIcon } from './libraryIcons'
import { SelectionBar } from './SelectionBar'
import { TransferDialog, type Transfer } from './TransferDialog'
import { TrashBar } from './TrashBar'
import { useLibraryFileDrop } from './useLibraryFileDrop'
import { usePrefetchFirstScreen } from './usePrefetchFirstScreen'
import './library.css'

const SEARCH_DEBOUNCE_MS = 100

export function LibraryView({ active }: { active: boolean }) {
  const trash = useLibrary((s) => s.view.trash)
  const selecting = useLibrary((s) => s.selection.size > 0)
  const [transfer, setTransfer] = useState<Transfer | null>(null)
  const drop = useLibraryFileDrop()
  useLibraryKeys(active)
  usePrefetchFirstScreen(active)

  return (
    <div className="library" {...drop.handlers}>
      <LibraryToolbar active={active} onTransfer={setTransfer} />
      {/* The selection's actions take the filters' place, so the grid never moves when a selection starts. */}
      {selecting ? <SelectionBar onExport={(ids) => setTransfer({ kind: 'export', ids })} /> : <FilterBar />}
      {trash && <TrashBar />}
      <LibraryGrid active={active} />
      <TransferDialog transfer={transfer} onClose={() => setTransfer(null)} />
      {drop.dragging && (
        <div
          className="drop-overlay"
          role="status"
          aria-label="Drop images made by Atelier to import them into the library"
        >
          <div className="drop-overlay-card">
            <ImagePlusIcon size={28} />
            <span>Drop to import into the library</span>
          </div>
        </div>
      )}
      {active && <ImportFilesToast result={drop.result} importing={drop.importing} onDismiss={drop.dismissResult} />}
    </div>
  )
}

function LibraryToolbar({ active, onTransfer }: { active: boolean; onTransfer: (transfer: Transfer) => void }) {
  const search = useLibrary((s) => s.view.search)
  const trash = useLibrary((s) => s.view.trash)
  const total = useLibrary(selectCount)
  const setSearch = useLibrary((s) => s.setSearch)
  const setView = useLibrary((s) => s.setView)
  const focusRequest = useUi((s) => s.searchFocusRequest)
  const [text, setText] = useState(search)
  const [followed, setFollowed] = useState(search)
  const input = useRef<HTMLInputElement>(null)
  const basicSearch = useSettings((s) => s.app?.search === 'basic')

  // The store's search can change without typing (a restored view, "Clear filters"):
  // the box follows it unless the person has typed since.
  if (search !== followed) {
    setFollowed(search)
    if (text === followed) setText(search)
  }

  useEffect(() => {
    if (text === search) return
    const timer = setTimeout(() => void setSearch(text), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, search, setSearch])

  useEffect(() => {
    if (focusRequest === 0 || !active) return
    input.current?.focus()
    input.current?.select()
  }, [focusRequest, active])

  return (
    <div className="library-toolbar">
      <div className="search-box">
        <SearchIcon className="search-icon" />
        <input
          ref={input}
          type="search"
          className="input search-input"
          aria-label="Search prompts"
          placeholder={`Search prompts  (${MOD_LABEL}+F)`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void setSearch(text)
          }}
          spellCheck={false}
          aria-describedby={basicSearch ? 'basic-search-hint' : undefined}
        />
        {basicSearch && (
          <span
            id="basic-search-hint"
            className="search-basic-hint muted"
            title="This build of SQLite has no full-text index, so search reads every prompt: the same results, more slowly in a large library."
          >
            Basic search
          </span>
        )}
      </div>
      <span className="library-count" aria-live="polite" data-testid="library-count">
        {total === null
          ? ''
          : `${total.toLocaleString()} image${total === 1 ? '' : 's'}${trash ? ' in the trash' : ''}`}
      </span>
      <Popover.Root>
        <Popover.Trigger className="btn small">
          <CoinIcon size={14} />
          Spending
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="filter-popover spend-popover" align="end" sideOffset={6}>
            <SpendPanel />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <button type="button" className="btn small" aria-pressed={trash} onClick={() => void setView({ trash: !trash })}>
        <TrashIcon size={14} />
        Trash
      </button>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className="btn small icon" aria-label="More library actions">
          <MoreIcon size={16} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
            <DropdownMenu.Item className="menu-item" onSelect={() => onTransfer({ kind: 'export', ids: null })}>
              <DownloadIcon size={14} />
              Export the library…
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => onTransfer({ kind: 'import' })}>
              <FolderIcon size={14} />
              Import a folder…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </div>
  )
}

/** Selection keys, while the library is shown and no dialog is open. */
function useLibraryKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextEditingTarget(event.target) || uiStore.getState().viewer !== null) return
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return
      const store = libraryStore.getState()
      if (hasModifier(event) && (event.key === 'a' || event.key === 'A')) {
        event.preventDefault()
        void store.selectAll()
      } else if (
        event.key === 'C' &&
        event.shiftKey &&
        !hasModifier(event) &&
        store.selection.size > 0 &&
        !store.view.trash
      ) {
        event.preventDefault()
        collectionsStore.getState().openPicker([...store.selection])
      } else if (event.key === 'Escape' && store.selection.size > 0) {
        store.clearSelection()
      } else if (
        (event.key === 'Delete' || event.key === 'Backspace') &&
        store.selection.size > 0 &&
        !store.view.trash
      ) {
        event.preventDefault()
        void store.remove([...store.selection])
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [active])
}
