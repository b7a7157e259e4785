/**
 * `npm run bench`: every benchmark, each measured against a baseline run in the
 * same process (bare SQL, raw sharp, the simulator alone) and printed as ratios
 * with the targets met or missed. Pick some with `npm run bench -- library engine`.
 */
import { runEngineBench } from './engine'
import { runLibraryBench } from './library'
import { runLibraryUiBench } from './libraryUi'
import { runReferencesBench } from './references'

const suites: Record<string, () => Promise<string[]>> = {
  library: () => runLibraryBench({ sizes: [10_000, 100_000] }),
  references: () => runReferencesBench(),
  engine: () => runEngineBench(),
  'library-ui': () => runLibraryUiBench({ sizes: [10_000, 100_000, 1_000_000] }),
}

const chosen = process.argv.slice(2).filter((name) => name in suites)
for (const name of chosen.length > 0 ? chosen : Object.keys(suites)) {
  console.log(`\n== ${name} ==`)
  const started = Date.now()
  for (const line of await suites[name]!()) console.log(line)
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
