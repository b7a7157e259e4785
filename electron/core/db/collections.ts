/**
 * Collections (boards): named sets of generations. Names are unique whatever
 * their case; an image may be in several; deleting a board deletes its items,
 * never the images (a cascade), and purging a row from the trash takes it out
 * of its boards (the other cascade). Counts leave the trash out.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { Collection } from '../../../shared/contract'
import { LibraryError } from './errors'

/** Ids travel as one JSON array parameter: one statement whatever the selection's size. */
const IDS = 'SELECT value FROM json_each(?)'

export interface CollectionStatements {
  list: StatementSync
  byId: StatementSync
  byName: StatementSync
  insert: StatementSync
  rename: StatementSync
  remove: StatementSync
  addItems: StatementSync
  removeItems: StatementSync
  itemCount: StatementSync
  members: StatementSync
  allMembers: StatementSync
  idTaken: StatementSync
}

export function prepareCollectionStatements(db: DatabaseSync): CollectionStatements {
  const withCount = `SELECT c.id, c.name, c.created_at,
      (SELECT COUNT(*) FROM collection_items ci JOIN generations g ON g.id = ci.generation_id
       WHERE ci.collection_id = c.id AND g.deleted_at IS NULL) AS count
    FROM collections c`
  return {
    list: db.prepare(`${withCount} ORDER BY c.name COLLATE NOCASE, c.id`),
    byId: db.prepare(`${withCount} WHERE c.id = ?`),
    byName: db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE'),
    insert: db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)'),
    rename: db.prepare('UPDATE collections SET name = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM collections WHERE id = ? RETURNING id'),
    // Unknown generation ids are skipped; ones already in the board are left as they are.
    addItems: db.prepare(`
      INSERT OR IGNORE INTO collection_items (collection_id, generation_id, added_at)
      SELECT ?, g.id, ? FROM generations g WHERE g.id IN (${IDS})
      RETURNING generation_id`),
    removeItems: db.prepare(
      `DELETE FROM collection_items WHERE collection_id = ? AND generation_id IN (${IDS}) RETURNING generation_id`,
    ),
    itemCount: db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM collection_items WHERE collection_id = ? LIMIT ?)'),
    // Outside the trash, oldest addition first: what an export carries.
    members: db.prepare(`
      SELECT ci.generation_id AS id FROM collection_items ci JOIN generations g ON g.id = ci.generation_id
      WHERE ci.collection_id = ? AND g.deleted_at IS NULL ORDER BY ci.added_at, ci.generation_id`),
    // Every board with all its members, the trash too: what the library's own copy keeps (a row restored
    // from the trash is still in its boards). The ids come as one JSON array per board, made by SQLite:
    // a board of 100 000 is one string, not 100 000 row objects.
    allMembers: db.prepare(`
      SELECT c.id, c.name, c.created_at,
        (SELECT json_group_array(generation_id) FROM (
          SELECT generation_id FROM collection_items WHERE collection_id = c.id ORDER BY added_at, generation_id)
        ) AS ids
      FROM collections c ORDER BY c.name COLLATE NOCASE, c.id`),
    idTaken: db.prepare('SELECT 1 FROM collections WHERE id = ?'),
  }
}

interface CollectionRow {
  id: string
  name: string
  created_at: string
  count: number
}

function toCollection(row: CollectionRow): Collection {
  return { id: row.id, name: row.name, createdAt: row.created_at, count: row.count }
}

function nameTaken(name: string): LibraryError {
  return new LibraryError('COLLECTION_EXISTS', `There is already a collection called “${name}”.`)
}

function notFound(): LibraryError {
  return new LibraryError('COLLECTION_NOT_FOUND', 'That collection no longer exists.')
}

export function listCollections(s: CollectionStatements): Collection[] {
  return (s.list.all() as unknown as CollectionRow[]).map(toCollection)
}

export function getCollection(s: CollectionStatements, id: string): Collection | null {
  const row = s.byId.get(id) as CollectionRow | undefined
  return row ? toCollection(row) : null
}

export function createCollection(
  s: CollectionStatements,
  collection: { id: string; name: string; createdAt: string },
): Collection {
  if (s.byName.get(collection.name)) throw nameTaken(collection.name)
  s.insert.run(collection.id, collection.name, collection.createdAt)
  return { ...collection, count: 0 }
}

export function renameCollection(s: CollectionStatements, id: string, name: string): Collection {
  const existing = getCollection(s, id)
  if (!existing) throw notFound()
  const holder = s.byName.get(name) as { id: string } | undefined
  if (holder && holder.id !== id) throw nameTaken(name)
  s.rename.run(name, id)
  return { ...existing, name }
}

export function deleteCollection(s: CollectionStatements, id: string): void {
  if (!s.remove.get(id)) throw notFound()
}

export function addToCollection(
  s: CollectionStatements,
  id: string,
  generationIds: readonly string[],
  now: string,
): string[] {
  if (!getCollection(s, id)) throw notFound()
  return (s.addItems.all(id, now, JSON.stringify(generationIds)) as Array<{ generation_id: string }>).map(
    (row) => row.generation_id,
  )
}

export function removeFromCollection(s: CollectionStatements, id: string, generationIds: readonly string[]): string[] {
  if (!getCollection(s, id)) throw notFound()
  return (s.removeItems.all(id, JSON.stringify(generationIds)) as Array<{ generation_id: string }>).map(
    (row) => row.generation_id,
  )
}

/** How many items the collection holds, counted up to `cap` (enough to choose a plan). */
export function collectionSize(s: CollectionStatements, id: string, cap: number): number {
  return (s.itemCount.get(id, cap) as { n: number }).n
}

/**
 * A collection as an export carries it (its name and its members outside the trash),
 * or as the library's own copy keeps it (with its id, and its members in the trash too).
 */
export interface CollectionRecord {
  /** Kept where it is free on merge, so a saved view of the board still finds it. */
  id?: string
  name: string
  createdAt: string
  generationIds: string[]
}

export function collectionRecords(s: CollectionStatements, withTrash: boolean): CollectionRecord[] {
  if (withTrash) {
    return (s.allMembers.all() as Array<{ id: string; name: string; created_at: string; ids: string }>).map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      generationIds: JSON.parse(row.ids) as string[],
    }))
  }
  return listCollections(s).map((collection) => ({
    name: collection.name,
    createdAt: collection.createdAt,
    generationIds: (s.members.all(collection.id) as Array<{ id: string }>).map((row) => row.id),
  }))
}

/**
 * Merges exported collections by name (case-insensitive): a board that exists
 * gains the members, one that does not is created (under the record's id when it
 * has one that is free). Members not in the library are skipped. Returns how many boards were created and items added.
 */
export function mergeCollections(
  s: CollectionStatements,
  records: readonly CollectionRecord[],
  now: string,
  newId: () => string,
): { created: number; added: number } {
  let created = 0
  let added = 0
  for (const record of records) {
    let id = (s.byName.get(record.name) as { id: string } | undefined)?.id
    if (id === undefined) {
      id = record.id !== undefined && !s.idTaken.get(record.id) ? record.id : newId()
      s.insert.run(id, record.name, record.createdAt)
      created += 1
    }
    added += addToCollection(s, id, record.generationIds, now).length
  }
  return { created, added }
}
