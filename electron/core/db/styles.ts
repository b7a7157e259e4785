/**
 * Styles: named prompt snippets (shared/styles.ts says how they apply). Names
 * are unique ignoring case (the column is COLLATE NOCASE), listed in the order
 * they were added, at most STYLES_MAX.
 */
import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { STYLES_MAX, type Style } from '../../../shared/styles'
import type { StoreAccess } from './access'
import { LibraryError } from './errors'

export interface StyleStore {
  list(): Style[]
  /** The styles among these ids, in the order of `ids`; throws STYLE_NOT_FOUND for one that is gone. */
  getMany(ids: readonly string[]): Style[]
  create(input: { name: string; text: string }): Style
  update(id: string, patch: { name?: string | undefined; text?: string | undefined }): Style
  delete(id: string): void
  /**
   * Adds the styles whose name the library does not hold yet (an import), after the
   * existing ones (so Alt+1…9 keep pointing where they did); returns those added.
   */
  merge(styles: ReadonlyArray<{ name: string; text: string }>): Style[]
  /**
   * Puts back styles from the library's own copy (a rebuild), as merge does, keeping
   * each one's id (where it is free, so a draft that applied it still finds it) and times.
   */
  restore(styles: readonly Style[]): Style[]
}

interface StyleRow {
  id: string
  name: string
  text: string
  created_at: string
  updated_at: string
}

const toStyle = (row: StyleRow): Style => ({
  id: row.id,
  name: row.name,
  text: row.text,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const nameTaken = (name: string) =>
  new LibraryError('STYLE_NAME_TAKEN', `There is already a style named “${name}”. Choose another name.`)
const notFound = () => new LibraryError('STYLE_NOT_FOUND', 'That style no longer exists.')

export function createStyleStore(db: DatabaseSync, access: StoreAccess): StyleStore {
  const selectAll = db.prepare('SELECT id, name, text, created_at, updated_at FROM styles ORDER BY seq')
  const selectById = db.prepare('SELECT id, name, text, created_at, updated_at FROM styles WHERE id = ?')
  const selectByName = db.prepare('SELECT id FROM styles WHERE name = ?')
  const count = db.prepare('SELECT COUNT(*) AS n FROM styles')
  const insert = db.prepare('INSERT INTO styles (id, name, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
  const update = db.prepare('UPDATE styles SET name = ?, text = ?, updated_at = ? WHERE id = ?')
  const remove = db.prepare('DELETE FROM styles WHERE id = ?')

  const byId = (id: string) => selectById.get(id) as StyleRow | undefined
  const nameOwner = (name: string) => (selectByName.get(name) as { id: string } | undefined)?.id
  const room = () => STYLES_MAX - (count.get() as { n: number }).n
  const idTaken = (id: string) => byId(id) !== undefined

  /** Adds, in order, the rows whose name is free, while there is room; returns those added. */
  const add = (rows: readonly StyleRow[]): Style[] => {
    const added = access.write(() => {
      const done: Style[] = []
      let left = room()
      for (const row of rows) {
        if (left <= 0) break
        if (nameOwner(row.name) !== undefined) continue
        const kept = idTaken(row.id) ? { ...row, id: randomUUID() } : row
        insert.run(kept.id, kept.name, kept.text, kept.created_at, kept.updated_at)
        done.push(toStyle(kept))
        left -= 1
      }
      return done
    })
    if (added.length > 0) access.changed('styles')
    return added
  }

  return {
    list: () => access.read(() => (selectAll.all() as unknown as StyleRow[]).map(toStyle)),

    getMany: (ids) =>
      access.read(() =>
        ids.map((id) => {
          const row = byId(id)
          if (!row) throw notFound()
          return toStyle(row)
        }),
      ),

    create: ({ name, text }) => {
      const style = access.write(() => {
        if (nameOwner(name) !== undefined) throw nameTaken(name)
        if (room() <= 0)
          throw new LibraryError('STYLES_FULL', `The library holds at most ${STYLES_MAX} styles. Delete one first.`)
        const now = access.now()
        const row: StyleRow = { id: randomUUID(), name, text, created_at: now, updated_at: now }
        insert.run(row.id, row.name, row.text, row.created_at, row.updated_at)
        return toStyle(row)
      })
      access.changed('styles')
      return style
    },

    update: (id, patch) => {
      const style = access.write(() => {
        const row = byId(id)
        if (!row) throw notFound()
        const name = patch.name ?? row.name
        const owner = nameOwner(name)
        if (owner !== undefined && owner !== id) throw nameTaken(name)
        const next: StyleRow = { ...row, name, text: patch.text ?? row.text, updated_at: access.now() }
        update.run(next.name, next.text, next.updated_at, id)
        return toStyle(next)
      })
      access.changed('styles')
      return style
    },

    delete: (id) => {
      access.write(() => {
        if (Number(remove.run(id).changes) === 0) throw notFound()
      })
      access.changed('styles')
    },

    merge: (styles) => {
      const now = access.now()
      return add(
        styles.map((s) => ({ id: randomUUID(), name: s.name, text: s.text, created_at: now, updated_at: now })),
      )
    },

    restore: (styles) =>
      add(
        styles.map((s) => ({ id: s.id, name: s.name, text: s.text, created_at: s.createdAt, updated_at: s.updatedAt })),
      ),
  }
}
