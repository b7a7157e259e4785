#!/usr/bin/env node
// `npm start`: build and launch the desktop app. Electron's binary is downloaded
// by its own install step from outside the npm registry; where it cannot be
// obtained, Atelier starts in browser mode instead (the same core and UI, served
// on 127.0.0.1), says so in one line and prints the URL. Exits non-zero only
// when neither can start.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const require = createRequire(import.meta.url)

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

/** Where electron/index.js would look, without its own attempt to download. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) return existsSync(override) ? override : null
  const dir = electronDir()
  const pathFile = dir && join(dir, 'path.txt')
  if (!pathFile || !existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

let binary = electronBinary()
const mayDownload =
  !process.env.ELECTRON_OVERRIDE_DIST_PATH && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && electronDir()
if (!binary && mayDownload) {
  // The package is installed but its binary was not fetched (install scripts skipped, or offline): try once.
  spawnSync(process.execPath, [join(electronDir(), 'install.js')], { stdio: 'ignore', timeout: 120_000 })
  binary = electronBinary()
}

const electronVite = join(root, 'node_modules/electron-vite/bin/electron-vite.js')

if (binary) {
  const result = spawnSync(process.execPath, [electronVite, 'preview'], { stdio: 'inherit', cwd: root })
  process.exit(result.status ?? 1)
}

console.log('Atelier: no Electron binary could be obtained on this machine — starting browser mode instead.')
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
  {
    stdio: 'inherit',
    cwd: root,
  },
)
if (build.status !== 0) {
  console.error('Atelier could not start: neither Electron nor browser mode (the renderer did not build).')
  process.exit(build.status ?? 1)
}
// browser.ts prints "Atelier (browser mode) is running. Open: <url>".
const host = spawn(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'scripts/browser.ts'],
  { stdio: 'inherit', cwd: root },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
