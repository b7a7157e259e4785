/**
 * The crash test: one round of the crash scenario (scenario.ts) — the engine in
 * a child process, SIGKILLed about two dozen times at every phase, then allowed
 * to finish — and every invariant must hold. `npm run soak -- --kills N` runs
 * the same scenario at length.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeTempDirs } from '../engine-harness'
import { runCrashRound, summaryLine } from './scenario'

afterAll(async () => {
  await removeTempDirs()
})

describe('crash test: SIGKILL at every phase, then finish', () => {
  it('never loses a paid task, never sends one twice, and leaves only whole files', { timeout: 180_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000)
    const dataDir = await makeTempDir('atelier-crash-')

    const result = await runCrashRound({ dataDir, seed })

    console.log(`${summaryLine(result, String(seed))}\n  kills at: ${result.kills.join(', ')}`)
    expect(result.violations).toEqual([])
    expect(result.coverageGaps).toEqual([])
  })
})
