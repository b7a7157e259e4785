/**
 * The command palette (Ctrl/⌘+K): every command of the app, fuzzy-searchable,
 * keyboard-only — an ARIA combobox (the search box) over a listbox of
 * commands; ↑/↓ move, Enter runs, Esc closes. Sources are joined when it opens
 * (see commands.ts), so styles and the history are always current.
 */
import { Dialog } from 'radix-ui'
import { useEffect, useMemo, useState } from 'react'
import type { HistoryEntry } from '../../../shared/contract'
import { atelier } from '../api/client'
import { useStyles } from '../stores/styles/store'
import { useUi } from '../stores/ui/store'
import { useStudio } from '../stores/studio/store'
import { ComboboxList } from '../ui/ComboboxList'
import {
  extraPaletteCommands,
  historyPaletteCommands,
  stylePaletteCommands,
  tablePaletteCommands,
  type PaletteCommand,
} from './commands'
import { fuzzyMatch } from './fuzzy'
import './palette.css'

/** Recent prompts the palette offers (the picker in the studio searches them all). */
const HISTORY_IN_PALETTE = 20
const MAX_SHOWN = 50

/** Label first; the keywords count too, a little less. */
function score(query: string, command: PaletteCommand): number | null {
  const label = fuzzyMatch(query, command.label)
  if (label) return label.score
  const keywords = command.keywords ? fuzzyMatch(query, command.keywords) : null
  return keywords ? keywords.score - 10 : null
}

export function rankCommands(query: string, commands: readonly PaletteCommand[]): PaletteCommand[] {
  if (query.trim() === '') return [...commands]
  return commands
    .map((command, order) => ({ command, order, score: score(query, command) }))
    .filter((entry): entry is { command: PaletteCommand; order: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.command)
}

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen)
  const setOpen = useUi((s) => s.setPaletteOpen)
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay palette-overlay" />
        <Dialog.Content className="dialog-content palette" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          {open && <PaletteBody onDone={() => setOpen(false)} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function PaletteBody({ onDone }: { onDone(): void }) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [history, setHistory] = useState<HistoryEntry[]>([])
  const styles = useStyles((s) => s.styles)
  const applied = useStudio((s) => s.draft.styleIds)

  useEffect(() => {
    let current = true
    atelier
      .invoke('history.list', { query: '', limit: HISTORY_IN_PALETTE })
      .then(({ items }) => current && setHistory(items))
      .catch(() => {
        // The palette works without the history.
      })
    return () => {
      current = false
    }
  }, [])

  const commands = useMemo(
    () => [
      ...tablePaletteCommands(),
      ...extraPaletteCommands(),
      ...stylePaletteCommands(styles),
      ...historyPaletteCommands(history),
    ],
    // `applied` changes the styles' labels (Apply / Remove).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [styles, history, applied],
  )
  const shown = useMemo(() => rankCommands(query, commands).slice(0, MAX_SHOWN), [query, commands])

  const run = (command: PaletteCommand) => {
    onDone()
    // After the dialog has closed and handed the focus back, so the command can move it.
    setTimeout(() => command.run(), 0)
  }

  return (
    <div className="palette-body">
      <ComboboxList
        name="palette"
        label="Search commands"
        listLabel="Commands"
        placeholder="Type a command, a style or an earlier prompt…"
        autoFocus
        query={query}
        onQuery={(next) => {
          setQuery(next)
          setActive(0)
        }}
        items={shown}
        itemKey={(command) => command.id}
        active={active}
        setActive={setActive}
        onChoose={run}
        wrap
        renderItem={(command) => (
          <>
            <span className="palette-group">{command.group}</span>
            <span className="palette-label">{command.label}</span>
            {command.shortcut && <kbd className="palette-shortcut">{command.shortcut}</kbd>}
          </>
        )}
      />
      {shown.length === 0 && (
        <p className="palette-empty" role="status">
          No command matches “{query}”.
        </p>
      )}
    </div>
  )
}
