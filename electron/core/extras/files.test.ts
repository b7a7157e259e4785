/**
 * Reading the library's own copy: a file that is not ours gives nothing and is
 * set aside with a sentence; a good one gives its entries; nothing throws.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir, recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { readKeptExtras } from './files'

afterEach(removeTempDirs)

const NOW = new Date('2026-12-01T10:00:00.000Z')
const style = {
  id: 's1',
  name: 'Film',
  text: 'grain',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
}

describe('readKeptExtras', () => {
  it('gives nothing and says nothing for a library without a copy', async () => {
    const dir = await makeTempDir()
    expect(await readKeptExtras(dir, NOW, recordingLogger())).toEqual({
      kept: { styles: [], collections: [], history: [] },
      problems: [],
    })
  })

  it('refuses a link and another format, leaves out a bad entry, setting each file aside; the good entries still come back', async () => {
    const dir = await makeTempDir()
    const outside = path.join(await makeTempDir(), 'elsewhere.json')
    fs.writeFileSync(outside, JSON.stringify({ format: 'atelier.library-history', version: 1, entries: [] }))
    fs.symlinkSync(outside, path.join(dir, 'library.history.json'))
    fs.writeFileSync(
      path.join(dir, 'library.collections.json'),
      JSON.stringify({ format: 'atelier.collections', version: 1, collections: [] }),
    )
    fs.writeFileSync(
      path.join(dir, 'library.styles.json'),
      JSON.stringify({ format: 'atelier.library-styles', version: 1, entries: [style, { ...style, name: ' ' }] }),
    )
    const logger = recordingLogger()
    const reading = await readKeptExtras(dir, NOW, logger)
    expect(reading.kept).toEqual({ styles: [style], collections: [], history: [] })
    expect(reading.problems.map((p) => [p.kind, p.problem])).toEqual([
      ['styles', 'library.styles.json: 1 of 2 styles broke the rules and were left out.'],
      ['collections', 'library.collections.json: format Invalid input: expected "atelier.library-collections".'],
      ['history', 'library.history.json: a link to another file, not a file (links are not followed).'],
    ])
    // Each set aside under a dated name (the link itself, never what it points at); nothing deleted.
    expect(fs.readdirSync(dir).sort()).toEqual([
      'library.collections.damaged-2026-12-01T10-00-00-000Z.json',
      'library.history.damaged-2026-12-01T10-00-00-000Z.json',
      'library.styles.damaged-2026-12-01T10-00-00-000Z.json',
    ])
    expect(fs.lstatSync(path.join(dir, 'library.history.damaged-2026-12-01T10-00-00-000Z.json')).isSymbolicLink()).toBe(
      true,
    )
    expect(fs.existsSync(outside)).toBe(true)
    expect(reading.problems[0]!.message).toBe(
      'library.styles.json: 1 of 2 styles broke the rules and were left out. It was kept as library.styles.damaged-2026-12-01T10-00-00-000Z.json.',
    )
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(3)
  })
})
