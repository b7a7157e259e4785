/**
 * One library object the features keep for the life of the core, while the
 * database under it can be replaced (library.rebuild opens a fresh one). Every
 * call goes to the current library; the swap itself is synchronous, so no call
 * ever sees a closed one.
 */
import type { SqliteLibraryApi } from '../db'

export interface SwappableLibrary {
  /** Forwards to whichever library is current. */
  readonly library: SqliteLibraryApi
  current(): SqliteLibraryApi
  replace(next: SqliteLibraryApi): void
}

export function swappableLibrary(initial: SqliteLibraryApi): SwappableLibrary {
  let current = initial
  const library = new Proxy({} as SqliteLibraryApi, {
    get(_target, property) {
      const value: unknown = Reflect.get(current, property, current)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value
    },
  })
  return {
    library,
    current: () => current,
    replace(next) {
      current = next
    },
  }
}

/**
 * A part of the library (its styles, its prompt history) that follows it through a
 * rebuild: every call goes to the part of the library open at that moment.
 */
export function liveMember<K extends 'styles' | 'history'>(holder: SwappableLibrary, key: K): SqliteLibraryApi[K] {
  return new Proxy({} as SqliteLibraryApi[K], {
    get(_target, property) {
      const part = holder.current()[key]
      const value: unknown = Reflect.get(part, property, part)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(part) : value
    },
  })
}
