#!/usr/bin/env node
// Installs sharp's native packages for another architecture of this OS (the
// release builds macOS x64 on an arm64 runner, Windows arm64 on an x64 one), so
// the installer for that architecture carries the right binding. Versions come
// from sharp's own optionalDependencies.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const [platform, arch] = process.argv.slice(2)
if (!platform || !arch) {
  console.error('usage: node scripts/sharp-for-arch.mjs <darwin|win32|linux> <x64|arm64>')
  process.exit(2)
}
const root = resolve(import.meta.dirname, '..')
const sharp = JSON.parse(readFileSync(join(root, 'node_modules/sharp/package.json'), 'utf8'))
const wanted = Object.entries(sharp.optionalDependencies ?? {})
  .filter(([name]) => name.endsWith(`-${platform}-${arch}`))
  .map(([name, version]) => `${name}@${version}`)
if (wanted.length === 0) {
  console.error(`sharp ${sharp.version} has no native package for ${platform}-${arch}`)
  process.exit(1)
}
console.log(`sharp-for-arch: ${wanted.join(' ')}`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
execFileSync(npm, ['install', '--no-save', '--force', `--os=${platform}`, `--cpu=${arch}`, ...wanted], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
