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

    create: ({ name, text }) =>
      access.write(() => {
        if (nameOwner(name) !== undefined) throw nameTaken(name)
        if (room() <= 0)
          throw new LibraryError('STYLES_FULL', `The library holds at most ${STYLES_MAX} styles. Delete one first.`)
        const now = access.now()
        const row: StyleRow = { id: randomUUID(), name, text, created_at: now, updated_at: now }
        insert.run(row.id, row.name, row.text, row.created_at, row.updated_at)
        return toStyle(row)
      }),

    update: (id, patch) =>
      access.write(() => {
        const row = byId(id)
        if (!row) throw notFound()
        const name = patch.name ?? row.name
        const owner = nameOwner(name)
        if (owner !== undefined && owner !== id) throw nameTaken(name)
        const next: StyleRow = { ...row, name, text: patch.text ?? row.text, updated_at: access.now() }
        update.run(next.name, next.text, next.updated_at, id)
        return toStyle(next)
      }),

    delete: (id) =>
      access.write(() => {
        if (Number(remove.run(id).changes) === 0) throw notFound()
      }),

    merge: (styles) =>
      access.write(() => {
        const added: Style[] = []
        let left = room()
        for (const style of styles) {
          if (left <= 0) break
          if (nameOwner(style.name) !== undefined) continue
          const now = access.now()
          const row: StyleRow = {
            id: randomUUID(),
            name: style.name,
            text: style.text,
            created_at: now,
            updated_at: now,
          }
          insert.run(row.id, row.name, row.text, row.created_at, row.updated_at)
          added.push(toStyle(row))
          left -= 1
        }
        return added
      }),
  }
}
