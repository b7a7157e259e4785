/**
 * The prompt history as a keyboard-first picker (ARIA combobox + listbox):
 * opened from the prompt box, type to filter, ↑/↓ to move, Enter to recall
 * the prompt with its ratio, Esc to close. The search runs in the core
 * (history.list), so a long history never has to be held by the page.
 */
import { useEffect, useRef, useState } from 'react'
import type { HistoryEntry } from '../../../shared/contract'
import { atelier } from '../api/client'
import { formatDateTime } from '../format/time'
import { ComboboxList } from '../ui/ComboboxList'
import './history.css'

const PAGE = 50

export function HistoryPicker({
  onPick,
  onClose,
}: {
  onPick(entry: HistoryEntry): void
  /** `refocus`: closed with Esc, the prompt box takes the focus back; otherwise the focus already went elsewhere. */
  onClose(refocus: boolean): void
}) {
  const [query, setQuery] = useState('')
  const [items, setItems] = useState<HistoryEntry[] | null>(null)
  const [active, setActive] = useState(0)
  const [failed, setFailed] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => input.current?.focus(), [])

  useEffect(() => {
    let current = true
    atelier
      .invoke('history.list', { query, limit: PAGE })
      .then(({ items }) => {
        if (!current) return
        setItems(items)
        setActive(0)
        setFailed(false)
      })
      .catch(() => current && setFailed(true))
    return () => {
      current = false
    }
  }, [query])

  const list = items ?? []

  return (
    <div
      className="history-picker"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false)
      }}
    >
      <ComboboxList
        name="history"
        label="Search prompt history"
        listLabel="Prompt history"
        placeholder="Search earlier prompts…"
        inputRef={input}
        query={query}
        onQuery={setQuery}
        items={list}
        itemKey={(entry) => `${entry.lastUsedAt}-${entry.prompt}`}
        active={active}
        setActive={setActive}
        onChoose={onPick}
        onOtherKey={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            onClose(true)
          } else if (event.key === 'Tab') onClose(false)
        }}
        renderItem={(entry) => (
          <>
            <span className="history-prompt">{entry.prompt}</span>
            <span className="history-meta">
              {entry.aspectRatio === 'auto' ? 'Auto' : entry.aspectRatio} · {formatDateTime(entry.lastUsedAt)}
              {entry.uses > 1 ? ` · ${entry.uses}×` : ''}
            </span>
          </>
        )}
      />
      {items !== null && list.length === 0 && (
        <p className="history-empty" role="status">
          {failed
            ? 'The history could not be read.'
            : query.trim()
              ? 'No earlier prompt matches.'
              : 'No prompts sent yet.'}
        </p>
      )}
      <p className="history-hint" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> use · <kbd>Esc</kbd> close
      </p>
    </div>
  )
}
