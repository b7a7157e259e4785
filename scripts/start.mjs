#!/usr/bin/env node
// `npm start`: build and launch the app. Electron's binary is downloaded by its
// own install step from outside the npm registry; where that cannot happen, say
// so in one line and point to browser mode instead of failing obscurely.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

const electronDir = dirname(require.resolve('electron/package.json'))

/** Where electron/index.js would look, without its own attempt to download. */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

let binary = electronBinary()
if (!binary) {
  // The package is installed but its binary was not fetched (install scripts skipped, or offline): try once.
  const installer = join(electronDir, 'install.js')
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 })
  binary = electronBinary()
}
if (!binary) {
  console.error('Atelier: no Electron binary could be obtained on this machine — run `npm run browser` to use Atelier in your browser instead.')
  process.exit(1)
}

const run = (args) => spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), ...args], { stdio: 'inherit' })
const result = run(['preview'])
process.exit(result.status ?? 1)
