import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Logger } from '../ports'
import { openLibrary } from './index'
import { insertChunks, MAX_INSERT_CHUNK, prepareStatements } from './statements'

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger }

describe('insertChunks', () => {
  it('covers any count with few, power-of-two shapes', () => {
    for (const count of [0, 1, 3, 4, 255, 256, 257, 1000, 100_000]) {
      const chunks = insertChunks(count)
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(count)
      for (const size of chunks) expect(Number.isInteger(Math.log2(size)) && size <= MAX_INSERT_CHUNK).toBe(true)
    }
    expect(insertChunks(1000)).toEqual([256, 256, 256, 128, 64, 32, 8])
  })
})

describe('query plans that must not drift', () => {
  it('reads the recent durations (time estimates) from their partial index, with no sort', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-plans-'))
    try {
      openLibrary({ dataDir, logger: silentLogger }).close()
      const db = new DatabaseSync(join(dataDir, 'library.db'))
      try {
        const sql = prepareStatements(db).recentDurations.sourceSQL
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(200) as Array<{ detail: string }>).map(
          (r) => r.detail,
        )
        expect(plan.join(' | ')).toContain('generations_durations')
        expect(plan.join(' | ')).not.toContain('TEMP B-TREE')
      } finally {
        db.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
