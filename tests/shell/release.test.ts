/**
 * The release workflow and the packaging config cannot run here; this reads
 * them and checks what they promise: all three OSes, tests (Electron e2e
 * included, under xvfb on Linux) before packaging, publishing only on version
 * tags, signing from secrets, and the installers the README describes.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { APP_ID } from '../../electron/main/shell'

const root = resolve(import.meta.dirname, '../..')
const read = (path: string) => parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>

interface Step {
  name?: string
  run?: string
  uses?: string
  if?: string
  env?: Record<string, string>
}
interface Job {
  'runs-on': string
  strategy: { matrix: { include: Array<{ os: string; package: string }> } }
  steps: Step[]
}

describe('the release workflow', () => {
  const workflow = read('.github/workflows/release.yml') as {
    on: { push: { tags: string[] } }
    jobs: Record<string, Job>
    permissions: Record<string, string>
  }
  const job = workflow.jobs['release']!
  const steps = job.steps
  const index = (match: (s: Step) => boolean) => steps.findIndex(match)

  it('runs on version tags, on macOS, Windows and Linux', () => {
    expect(workflow.on.push.tags).toEqual(['v*'])
    expect(workflow.permissions['contents']).toBe('write')
    const oses = job.strategy.matrix.include.map((m) => m.os)
    expect(oses.some((os) => os.startsWith('macos'))).toBe(true)
    expect(oses.some((os) => os.startsWith('windows'))).toBe(true)
    expect(oses.some((os) => os.startsWith('ubuntu'))).toBe(true)
    expect(job['runs-on']).toBe('${{ matrix.os }}')
  })

  it('builds every architecture the installers promise', () => {
    const packages = Object.fromEntries(job.strategy.matrix.include.map((m) => [m.os.split('-')[0], m.package]))
    expect(packages['macos']).toBe('--mac --x64 --arm64')
    expect(packages['windows']).toBe('--win --x64 --arm64')
    expect(packages['ubuntu']).toContain('--linux')
  })

  it('installs with npm ci, tests (Electron e2e included; xvfb on Linux), then packages', () => {
    const install = index((s) => s.run === 'npm ci')
    const linuxTest = index((s) => s.if === "runner.os == 'Linux'" && /xvfb-run -a npm test/.test(s.run ?? ''))
    const otherTest = index((s) => s.if === "runner.os != 'Linux'" && s.run === 'npm test')
    const pack = index((s) => (s.run ?? '').startsWith('npm run package'))
    expect(install).toBeGreaterThanOrEqual(0)
    expect(linuxTest).toBeGreaterThan(install)
    expect(otherTest).toBeGreaterThan(install)
    expect(pack).toBeGreaterThan(Math.max(linuxTest, otherTest))
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts['test']).toContain('npm run test:electron')
    expect(pkg.scripts['test']).toContain('npm run package:check')
    expect(pkg.scripts['package']).toContain('electron-builder')
    // Electron's binary must be downloaded on the runners: nothing skips it.
    expect(JSON.stringify(workflow)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD')
  })

  it('publishes only from a version tag, with signing from secrets', () => {
    const pack = steps.find((s) => (s.run ?? '').startsWith('npm run package'))!
    expect(pack.run).toContain('--publish ${{ env.PUBLISH }}')
    const env = (workflow.jobs['release'] as unknown as { env: Record<string, string> }).env
    expect(env['PUBLISH']).toBe("${{ startsWith(github.ref, 'refs/tags/v') && 'always' || 'never' }}")
    expect(pack.env?.['GH_TOKEN']).toBe('${{ secrets.GITHUB_TOKEN }}')
    for (const name of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
    ]) {
      expect(pack.env?.[name], name).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/)
    }
  })
})

describe('the packaging config', () => {
  const config = read('electron-builder.yml') as Record<string, unknown>
  type Targets = Array<{ target: string; arch?: string[] } | string>
  const targets = (platform: string) =>
    (config[platform] as { target: Targets }).target.map((t) =>
      typeof t === 'string' ? { target: t, arch: ['x64'] } : t,
    )

  it('makes dmg and zip for macOS x64 and arm64 with the hardened runtime, NSIS for Windows x64 and arm64, AppImage and deb for Linux', () => {
    expect(targets('mac')).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ])
    expect((config['mac'] as { hardenedRuntime: boolean }).hardenedRuntime).toBe(true)
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(targets('linux').map((t) => t.target)).toEqual(['AppImage', 'deb'])
    expect((config['deb'] as { depends: string[] }).depends).toContain('libsecret-1-0')
  })

  it('sets the fuses, unpacks sharp, and publishes to GitHub releases', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config['asarUnpack']).toEqual(expect.arrayContaining(['node_modules/sharp/**', 'node_modules/@img/**']))
    expect(config['publish']).toMatchObject({ provider: 'github' })
    // Windows groups the taskbar and notifications by this id: the shell sets the same one.
    expect(config['appId']).toBe(APP_ID)
  })
})
