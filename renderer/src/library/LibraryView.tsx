import { useEffect, useRef, useState } from 'react'
import { useLibrary } from '../stores/library/store'
import { useUi } from '../stores/ui/store'
import { MOD_LABEL } from '../app/platform'
import { SearchIcon, StarIcon } from '../ui/icons'
import { LibraryGrid } from './LibraryGrid'
import './library.css'

const SEARCH_DEBOUNCE_MS = 250

export function LibraryView({ active }: { active: boolean }) {
  return (
    <div className="library">
      <LibraryToolbar active={active} />
      <LibraryGrid />
    </div>
  )
}

function LibraryToolbar({ active }: { active: boolean }) {
  const search = useLibrary((s) => s.query.search)
  const favoritesOnly = useLibrary((s) => s.query.favoritesOnly)
  const setSearch = useLibrary((s) => s.setSearch)
  const setFavoritesOnly = useLibrary((s) => s.setFavoritesOnly)
  const count = useLibrary((s) => s.items.length)
  const more = useLibrary((s) => s.nextCursor !== null)
  const focusRequest = useUi((s) => s.searchFocusRequest)
  const [text, setText] = useState(search)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const timer = setTimeout(() => void setSearch(text), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, setSearch])

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
        />
      </div>
      <button
        type="button"
        className="btn"
        aria-pressed={favoritesOnly}
        onClick={() => void setFavoritesOnly(!favoritesOnly)}
      >
        <StarIcon filled={favoritesOnly} />
        Favourites
      </button>
      <span className="library-count" aria-live="polite">
        {count === 0 ? '' : `${count}${more ? '+' : ''} image${count === 1 && !more ? '' : 's'}`}
      </span>
    </div>
  )
}
