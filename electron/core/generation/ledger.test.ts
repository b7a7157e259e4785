import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Generation } from '../../../shared/domain'
import type { GenerationPatch, Library } from '../db/types'
import type { Logger } from '../ports'
import { createGate } from './gate'
import { createLedger } from './ledger'
import { DEFAULT_TUNING, systemTimer } from './types'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => {
  vi.useRealTimers()
})

const baseRow: Generation = {
  id: 'g1',
  taskUuid: null,
  status: 'submitting',
  prompt: 'p',
  aspectRatio: '1:1',
  references: [],
  callbackUrl: null,
  price: null,
  createdAt: new Date(0).toISOString(),
  submittedAt: new Date(0).toISOString(),
  finishedAt: null,
  updatedAt: new Date(0).toISOString(),
  error: null,
  image: null,
  remoteUrl: null,
  stalled: false,
  retry: null,
  favorite: false,
  version: 1,
}

/** Only what the ledger touches; writes fail while `full` is true, like a full disk. */
function fakeLibrary() {
  const state = { full: false, row: { ...baseRow }, writes: [] as GenerationPatch[] }
  const library = {
    updateGeneration(id: string, patch: GenerationPatch): Generation {
      if (state.full) throw Object.assign(new Error('database or disk is full'), { errcode: 13 })
      state.writes.push(patch)
      const { nextCheckAt: _n, attempts: _a, ...visible } = patch
      state.row = { ...state.row, ...visible, id, version: state.row.version + 1 }
      return state.row
    },
    getGeneration: (id: string) => (id === state.row.id ? state.row : null),
  } as unknown as Library
  return { library, state }
}

function setup() {
  const { library, state } = fakeLibrary()
  const errors: Array<{ obj: object; msg?: string }> = []
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (obj, msg) => errors.push({ obj, msg }),
    child: () => logger,
  }
  const tuning = { ...DEFAULT_TUNING, backoffBaseMs: 100, backoffCapMs: 1000 }
  const gate = createGate({
    tuning,
    timer: systemTimer,
    now: Date.now,
    random: () => 0.5,
    onChange: () => {},
    onReopen: () => {},
  })
  const emitted: Generation[] = []
  const ledger = createLedger({
    library,
    gate,
    logger,
    tuning,
    timer: systemTimer,
    now: Date.now,
    random: () => 0.5,
    emit: (row) => emitted.push(row),
  })
  return { ledger, gate, state, errors, emitted }
}

describe('ledger: writes that must not be lost', () => {
  it('writes and emits when the disk works', () => {
    const { ledger, emitted } = setup()
    const result = ledger.record(baseRow, { status: 'pending', taskUuid: 'uuid-1' })
    expect(result.durable).toBe(true)
    expect(result.row.taskUuid).toBe('uuid-1')
    expect(emitted).toHaveLength(1)
  })

  it('keeps a refused uuid in memory, logs it loudly, pauses, and writes it (merged with later changes) once the disk works', () => {
    const { ledger, gate, state, errors, emitted } = setup()
    state.full = true
    const result = ledger.record(baseRow, { status: 'pending', taskUuid: 'uuid-1', price: '0.04' })
    expect(result.durable).toBe(false)
    expect(result.row).toMatchObject({ status: 'pending', taskUuid: 'uuid-1' })
    expect(ledger.holds('g1')).toBe(true)
    expect(ledger.current('g1')?.taskUuid).toBe('uuid-1')
    expect(errors[0]?.msg).toMatch(/LIBRARY WRITE FAILED/)
    expect(errors[0]?.obj).toMatchObject({ taskUuid: 'uuid-1', price: '0.04' })
    expect(gate.state()).toMatchObject({ state: 'paused', reason: 'storage' })
    expect(gate.state().message).toMatch(/database or disk is full/)

    // A later change while the disk is still full is merged, not lost.
    ledger.record(result.row, { status: 'processing' })
    vi.advanceTimersByTime(10_000)
    expect(gate.state().reason).toBe('storage')

    state.full = false
    vi.advanceTimersByTime(10_000)
    expect(ledger.holds('g1')).toBe(false)
    expect(state.row).toMatchObject({ status: 'processing', taskUuid: 'uuid-1', price: '0.04' })
    expect(emitted.at(-1)?.taskUuid).toBe('uuid-1')
    expect(gate.state().state).toBe('running')
  })

  it('attempt() keeps nothing: a refused intent means "do not go ahead"', () => {
    const { ledger, gate, state } = setup()
    state.full = true
    expect(ledger.attempt(baseRow, { status: 'submitting' })).toBeNull()
    expect(ledger.holds('g1')).toBe(false)
    expect(gate.state().reason).toBe('storage')
    // No kept change: the pause ends by itself and the next attempt tests the disk.
    vi.advanceTimersByTime(10_000)
    expect(gate.state().state).toBe('running')
    state.full = false
    expect(ledger.attempt(baseRow, { status: 'submitting' })?.status).toBe('submitting')
  })

  it('flushAll at shutdown writes what it can and logs what it cannot', () => {
    const { ledger, state, errors } = setup()
    state.full = true
    ledger.record(baseRow, { taskUuid: 'uuid-2' })
    ledger.flushAll()
    expect(errors.some((e) => e.msg?.includes('NOT WRITTEN at shutdown'))).toBe(true)
    state.full = false
    ledger.flushAll()
    expect(state.row.taskUuid).toBe('uuid-2')
    ledger.dispose()
  })
})
