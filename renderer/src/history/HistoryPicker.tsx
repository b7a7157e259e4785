/**
 * The prompt history as a keyboard-first picker (ARIA combobox + listbox):
 * opened from the prompt box, type to filter, ↑/↓ to move, Enter to recall
 * the prompt with its ratio, Esc to close. The search runs in the core
 * (history.list), so a long history never has to be held by the page.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { HistoryEntry } from '../../../shared/contract'
import { atelier } from '../api/client'
import { formatDateTime } from '../format/time'
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
  const id = useId()

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
  const optionId = (index: number) => `${id}-option-${index}`

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        setActive((i) => Math.min(list.length - 1, i + 1))
        return
      case 'ArrowUp':
        event.preventDefault()
        setActive((i) => Math.max(0, i - 1))
        return
      case 'Home':
        event.preventDefault()
        setActive(0)
        return
      case 'End':
        event.preventDefault()
        setActive(Math.max(0, list.length - 1))
        return
      case 'Enter': {
        event.preventDefault()
        const entry = list[active]
        if (entry) onPick(entry)
        return
      }
      case 'Escape':
        event.preventDefault()
        event.stopPropagation()
        onClose(true)
        return
      case 'Tab':
        onClose(false)
        return
    }
  }

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  })

  return (
    <div
      className="history-picker"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false)
      }}
    >
      <input
        ref={input}
        className="input history-search"
        role="combobox"
        aria-label="Search prompt history"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={list[active] ? optionId(active) : undefined}
        placeholder="Search earlier prompts…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Prompt history" className="history-list">
        {list.map((entry, index) => (
          <li
            key={`${entry.lastUsedAt}-${entry.prompt}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="history-option"
            onMouseDown={(event) => {
              // Keep the focus in the search box until the pick is done.
              event.preventDefault()
              onPick(entry)
            }}
            onMouseMove={() => setActive(index)}
          >
            <span className="history-prompt">{entry.prompt}</span>
            <span className="history-meta">
              {entry.aspectRatio === 'auto' ? 'Auto' : entry.aspectRatio} · {formatDateTime(entry.lastUsedAt)}
              {entry.uses > 1 ? ` · ${entry.uses}×` : ''}
            </span>
          </li>
        ))}
      </ul>
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
