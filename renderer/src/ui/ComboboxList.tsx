/**
 * An ARIA combobox over a listbox (WAI-ARIA APG "list autocomplete"): the
 * search box keeps the focus, the active option is named by
 * aria-activedescendant and scrolled into view, ↑/↓/Home/End move, Enter
 * chooses, a click chooses without taking the focus from the box. Used by the
 * prompt history picker and the command palette; what an option shows, and
 * which list it is, stay with them.
 */
import {
  useEffect,
  useId,
  type Dispatch,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type SetStateAction,
} from 'react'

export function ComboboxList<T>({
  name,
  label,
  listLabel,
  placeholder,
  query,
  onQuery,
  items,
  itemKey,
  renderItem,
  active,
  setActive,
  onChoose,
  wrap = false,
  onOtherKey,
  inputRef,
  autoFocus,
}: {
  /** The class prefix: `${name}-search`, `${name}-list`, `${name}-option`. */
  name: string
  /** The search box's accessible name. */
  label: string
  listLabel: string
  placeholder: string
  query: string
  onQuery(query: string): void
  items: readonly T[]
  itemKey(item: T): string
  renderItem(item: T): ReactNode
  /** The index of the active option; the owner decides when it goes back to the first. */
  active: number
  setActive: Dispatch<SetStateAction<number>>
  onChoose(item: T): void
  /** ↓ on the last option goes to the first and ↑ on the first to the last (otherwise they stop there). */
  wrap?: boolean
  /** Keys the list does not handle itself (Esc, Tab). */
  onOtherKey?(event: KeyboardEvent<HTMLInputElement>): void
  inputRef?: Ref<HTMLInputElement>
  autoFocus?: boolean
}) {
  const id = useId()
  const optionId = (index: number) => `${id}-option-${index}`

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  })

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = items.length - 1
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        setActive((i) => (wrap ? (i >= last ? 0 : i + 1) : Math.min(last, i + 1)))
        return
      case 'ArrowUp':
        event.preventDefault()
        setActive((i) => (wrap ? (i <= 0 ? Math.max(0, last) : i - 1) : Math.max(0, i - 1)))
        return
      case 'Home':
        event.preventDefault()
        setActive(0)
        return
      case 'End':
        event.preventDefault()
        setActive(Math.max(0, last))
        return
      case 'Enter': {
        event.preventDefault()
        const item = items[active]
        if (item !== undefined) onChoose(item)
        return
      }
      default:
        onOtherKey?.(event)
    }
  }

  return (
    <>
      <input
        ref={inputRef}
        className={`input ${name}-search`}
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={items[active] !== undefined ? optionId(active) : undefined}
        placeholder={placeholder}
        autoFocus={autoFocus}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={listLabel} className={`${name}-list`}>
        {items.map((item, index) => (
          <li
            key={itemKey(item)}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={`${name}-option`}
            onMouseDown={(event) => {
              // Keep the focus in the search box until the choice is done.
              event.preventDefault()
              onChoose(item)
            }}
            onMouseMove={() => setActive(index)}
          >
            {renderItem(item)}
          </li>
        ))}
      </ul>
    </>
  )
}
