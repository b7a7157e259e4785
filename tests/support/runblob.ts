/**
 * For tests of the runblob client and the simulator: one simulator per test over
 * real HTTP, and what a failed request threw.
 */
import { afterEach, expect } from 'vitest'
import { RunblobError } from '../../electron/core/runblob/types'
import { createSimulator } from '../../electron/core/simulator'
import type { Simulator, SimulatorOptions } from '../../electron/core/simulator/types'

/**
 * Call at the top of a test file with the file's timings: registers the afterEach
 * that closes every simulator a test started (closing twice is harmless), and
 * returns what a test calls to start one.
 */
export function simulatorPerTest(defaults: SimulatorOptions): (options?: SimulatorOptions) => Promise<Simulator> {
  const started: Simulator[] = []
  afterEach(async () => {
    for (const simulator of started.splice(0)) await simulator.close()
  })
  return async (options = {}) => {
    const simulator = await createSimulator({ ...defaults, ...options })
    started.push(simulator)
    return simulator
  }
}

/** The RunblobError a request that must fail rejected with. */
export async function failure(promise: Promise<unknown>): Promise<RunblobError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(RunblobError)
    return error as RunblobError
  }
  throw new Error('expected the request to fail')
}
