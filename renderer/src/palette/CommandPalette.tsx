/**
 * The command palette (Ctrl/⌘+K): every command of the app, fuzzy-searchable,
 * keyboard-only — an ARIA combobox (the search box) over a listbox of
 * commands; ↑/↓ move, Enter runs, Esc closes. Sources are joined when it opens
 * (see commands.ts), so styles and the history are always current.
 */
import { Dialog } from 'radix-ui'
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react'
import type { HistoryEntry } from '../../../shared/contract'
import { atelier } from '../api/client'
import { useStyles } from '../stores/styles/store'
import { useUi } from '../stores/ui/store'
import { useStudio } from '../stores/studio/store'
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
  const id = useId()

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
  const optionId = (index: number) => `${id}-option-${index}`

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  })

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return
    onDone()
    // After the dialog has closed and handed the focus back, so the command can move it.
    setTimeout(() => command.run(), 0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        setActive((i) => (i >= last ? 0 : i + 1))
        return
      case 'ArrowUp':
        event.preventDefault()
        setActive((i) => (i <= 0 ? Math.max(0, last) : i - 1))
        return
      case 'Home':
        event.preventDefault()
        setActive(0)
        return
      case 'End':
        event.preventDefault()
        setActive(Math.max(0, last))
        return
      case 'Enter':
        event.preventDefault()
        run(shown[active])
        return
    }
  }

  return (
    <div className="palette-body">
      <input
        className="input palette-search"
        role="combobox"
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown[active] ? optionId(active) : undefined}
        placeholder="Type a command, a style or an earlier prompt…"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Commands" className="palette-list">
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="palette-option"
            onMouseDown={(event) => {
              event.preventDefault()
              run(command)
            }}
            onMouseMove={() => setActive(index)}
          >
            <span className="palette-group">{command.group}</span>
            <span className="palette-label">{command.label}</span>
            {command.shortcut && <kbd className="palette-shortcut">{command.shortcut}</kbd>}
          </li>
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="palette-empty" role="status">
          No command matches “{query}”.
        </p>
      )}
    </div>
  )
}
