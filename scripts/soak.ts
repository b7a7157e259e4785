/**
 * `npm run soak -- --kills N [--seed S]`: the crash test's scenario at length.
 * Rounds of the very scenario the crash test runs (tests/integration/crash/
 * scenario.ts: 30 tasks, about two dozen SIGKILLs, then finish, every invariant
 * checked) until N kills have landed. Prints a line per round and, last, the
 * crash test's summary line over all rounds. Stops at the first round that
 * breaks an invariant, keeps its data folder and exits 1. A round that killed
 * too little to prove much is only noted; the phases must be covered over all.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  killCoverageGaps,
  runCrashRound,
  summaryLine,
  totals,
  type CrashRoundResult,
} from '../tests/integration/crash/scenario'

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  if (at === -1) return fallback
  const value = Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) {
    console.error(`soak: --${name} takes a positive whole number (got "${process.argv[at + 1] ?? ''}")`)
    process.exit(2)
  }
  return value
}

const wantedKills = numberArg('kills', 240)
const firstSeed = numberArg('seed', Date.now() % 100_000)
const started = Date.now()
const results: CrashRoundResult[] = []
let killed = 0

for (let round = 0; killed < wantedKills; round++) {
  const seed = firstSeed + round
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-soak-'))
  const result = await runCrashRound({ dataDir, seed })
  results.push(result)
  killed += result.kills.length
  const elapsed = ((Date.now() - started) / 1000).toFixed(0)
  console.log(`round ${round + 1} (${killed}/${wantedKills} kills, ${elapsed} s): ${summaryLine(result, String(seed))}`)
  if (result.violations.length > 0) {
    console.error(
      `soak: round ${round + 1} broke the invariants (data kept in ${dataDir}):\n  ${result.violations.join('\n  ')}`,
    )
    process.exit(1)
  }
  if (result.coverageGaps.length > 0)
    console.log(`  (round ${round + 1} proves less: ${result.coverageGaps.join('; ')})`)
  fs.rmSync(dataDir, { recursive: true, force: true })
}

const seeds = `${firstSeed}..${firstSeed + results.length - 1} (${results.length} rounds, ${((Date.now() - started) / 1000).toFixed(0)} s)`
console.log(summaryLine(totals(results), seeds))
const gaps = killCoverageGaps(results.flatMap((r) => r.kills))
if (gaps.length > 0) {
  console.error(`soak: over all rounds, ${gaps.join('; ')}`)
  process.exit(1)
}
