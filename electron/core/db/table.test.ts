/** The one table definition agrees with the schema the migrations build. */
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { newGeneration, removeTempDirs, tempLibrary } from '../../../tests/integration/library-fixtures'
import { GENERATION_COLUMNS, IMPORT_COLUMNS, INITIAL_VALUES, INSERT_COLUMNS, UPDATABLE_COLUMNS } from './table'

afterEach(removeTempDirs)

describe('the generations table definition', () => {
  it('names every column of the migrated schema, and a new row holds its initial values', async () => {
    const library = await tempLibrary()
    library.insertGenerations([newGeneration({ id: 'fresh' })])
    const db = new DatabaseSync(library.paths.database, { readOnly: true })
    const schema = (db.prepare('PRAGMA table_info(generations)').all() as Array<{ name: string }>).map((c) => c.name)
    expect([...GENERATION_COLUMNS].sort()).toEqual([...schema].sort())
    const row = db.prepare('SELECT * FROM generations WHERE id = ?').get('fresh') as Record<string, unknown>
    for (const [column, value] of Object.entries(INITIAL_VALUES)) {
      if (column !== 'seq') expect(row[column], column).toBe(value)
    }
    db.close()
    library.close()
  })

  it('derives the write lists from the roles', () => {
    expect(INSERT_COLUMNS).toEqual([
      'id',
      'status',
      'prompt',
      'aspect_ratio',
      'callback_url',
      'created_at',
      'updated_at',
      'reference_count',
      'batch_id',
    ])
    expect(UPDATABLE_COLUMNS).not.toContain('id')
    expect(UPDATABLE_COLUMNS).not.toContain('prompt')
    expect(IMPORT_COLUMNS).not.toContain('attempts')
    expect(IMPORT_COLUMNS).toContain('imported_at')
  })
})
