import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineState } from '../../../shared/domain'
import { createGate } from './gate'
import { DEFAULT_TUNING, systemTimer } from './types'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => {
  vi.useRealTimers()
})

function makeGate() {
  const states: EngineState[] = []
  let reopened = 0
  const gate = createGate({
    tuning: { ...DEFAULT_TUNING, backoffBaseMs: 100, backoffCapMs: 10_000, offlineAfterFailures: 3 },
    timer: systemTimer,
    now: () => Date.now(),
    random: () => 0.5,
    onChange: (state) => states.push(state),
    onReopen: () => {
      reopened += 1
    },
  })
  return { gate, states, reopened: () => reopened }
}

describe('gate: engine-wide pauses', () => {
  it('starts running and lets every lane start', () => {
    const { gate } = makeGate()
    expect(gate.state()).toEqual({ state: 'running', reason: null, message: null, retryAt: null })
    expect(gate.canStart('submit', 0)).toBe(true)
    expect(gate.canStart('poll', 5)).toBe(true)
    expect(gate.canStart('download', 0)).toBe(true)
  })

  it('on 503 pauses API lanes until Retry-After, then reopens by itself with one probe first', () => {
    const { gate, states, reopened } = makeGate()
    const until = gate.maintenance(2000)
    expect(until).toBe(2000)
    expect(gate.state()).toMatchObject({
      state: 'paused',
      reason: 'maintenance',
      retryAt: new Date(2000).toISOString(),
    })
    expect(gate.state().message).toMatch(/maintenance/)
    expect(gate.canStart('poll', 0)).toBe(false)
    // The result storage is not the API: downloads continue.
    expect(gate.canStart('download', 0)).toBe(true)
    vi.advanceTimersByTime(2000)
    expect(reopened()).toBe(1)
    expect(gate.state().state).toBe('running')
    expect(gate.canStart('poll', 0)).toBe(true)
    expect(gate.canStart('poll', 1)).toBe(false)
    gate.apiAnswered()
    expect(gate.canStart('poll', 1)).toBe(true)
    expect(states.map((s) => s.reason)).toEqual(['maintenance', null])
  })

  it('keeps the latest end when several requests report the same maintenance window', () => {
    const { gate } = makeGate()
    gate.maintenance(3000)
    expect(gate.maintenance(1000)).toBe(3000)
    expect(gate.state().retryAt).toBe(new Date(3000).toISOString())
  })

  it('says offline only after repeated network failures, and clears on the first answer', () => {
    const { gate } = makeGate()
    expect(gate.networkFailed()).toBeNull()
    expect(gate.networkFailed()).toBeNull()
    const until = gate.networkFailed()
    expect(until).not.toBeNull()
    expect(gate.state()).toMatchObject({ state: 'paused', reason: 'offline' })
    expect(gate.canStart('download', 0)).toBe(false)
    gate.apiAnswered()
    expect(gate.state().state).toBe('running')
  })

  it('shows the most important reason first and waits for an explicit clear on 401', () => {
    const { gate } = makeGate()
    gate.maintenance(1000)
    gate.set('unauthorized', null)
    expect(gate.state().reason).toBe('unauthorized')
    vi.advanceTimersByTime(5000)
    expect(gate.state().reason).toBe('unauthorized')
    expect(gate.canStart('submit', 0)).toBe(false)
    expect(gate.canStart('download', 0)).toBe(true)
    gate.clear('unauthorized')
    expect(gate.state().state).toBe('running')
  })

  it('storage trouble blocks every lane; a pause its owner must clear does not end by itself', () => {
    const { gate } = makeGate()
    gate.set('storage', 1000, 'disk full', false)
    expect(gate.canStart('download', 0)).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(gate.state()).toMatchObject({ reason: 'storage', message: 'disk full' })
    gate.clear('storage')
    expect(gate.canStart('download', 0)).toBe(true)
  })

  it('reset forgets every pause', () => {
    const { gate } = makeGate()
    gate.set('no_key', null)
    gate.reset()
    expect(gate.state().state).toBe('running')
  })
})
