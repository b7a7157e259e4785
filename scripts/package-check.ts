/**
 * `npm run package:check`: what the installer will hold, proven without an
 * Electron binary. electron-builder builds the unpacked Linux app (`--dir`) from
 * electron-builder.yml with a stand-in Electron distribution; then this checks
 * the asar (main, preload and renderer bundles; the run-time dependencies and
 * nothing from devDependencies; sharp's native files unpacked), and boots the
 * packaged main bundle, extracted, in Node with the stand-in `electron` module
 * through to "core started, window created, IPC bound", with one request from
 * the stand-in page answered and, on close, the window state saved through the
 * packaged electron-store. Only the fuses step is skipped: it patches the
 * real Electron binary, which the stand-in is not.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as asar from '@electron/asar'
import { build as esbuild } from 'esbuild'
import { Arch, build, Platform, type Configuration } from 'electron-builder'
import { parse } from 'yaml'
import { generateIcons } from './icons'
import { createStandInDist } from './packageCheck/standInDist'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const failures: string[] = []
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

/** Every package the run-time dependencies need, transitively (what may be in the asar). */
function runtimeClosure(): Set<string> {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    const manifest = join(root, 'node_modules', name, 'package.json')
    if (!existsSync(manifest)) return // an optional dependency for another platform
    seen.add(name)
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object; optionalDependencies?: object }
    for (const dep of Object.keys({ ...json.dependencies, ...json.optionalDependencies })) visit(dep)
  }
  Object.keys(pkg.dependencies).forEach(visit)
  return seen
}

const work = await mkdtemp(join(tmpdir(), 'atelier-package-check-'))
try {
  console.log('package:check: building the bundles and icons')
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'ignore',
  })
  await generateIcons()

  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    -readonly [K in keyof Configuration]: Configuration[K]
  }
  check(
    config.electronFuses?.runAsNode === false && config.electronFuses?.onlyLoadAppFromAsar === true,
    'fuses are configured (the fuses step itself is skipped: the stand-in is no Electron binary)',
  )
  delete config.electronFuses
  const output = join(work, 'dist')
  const electronDist = await createStandInDist(join(work, 'electron-dist'), electronVersion)
  // Passed as a file (not merged over electron-builder.yml), so the fuses entry is really gone.
  const checkConfig = join(work, 'electron-builder.check.json')
  writeFileSync(
    checkConfig,
    JSON.stringify({ ...config, electronVersion, electronDist, directories: { ...config.directories, output } }),
  )
  console.log('package:check: electron-builder --linux dir with a stand-in Electron distribution')
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: checkConfig,
  })

  const resources = join(output, 'linux-unpacked', 'resources')
  const archive = join(resources, 'app.asar')
  check(existsSync(archive), 'resources/app.asar exists')
  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/')))
  for (const bundle of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'])
    check(files.has(bundle), `asar holds ${bundle}`)
  check(
    ![...files].some((f) => f.startsWith('/out/renderer/browser-bridge')),
    'asar leaves out the browser-mode bridge',
  )

  const packaged = new Set(
    [...files]
      .map((f) => /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(f)?.[1])
      .filter((n): n is string => Boolean(n)),
  )
  for (const dep of Object.keys(pkg.dependencies)) check(packaged.has(dep), `asar holds run-time dependency ${dep}`)
  const closure = runtimeClosure()
  const devOnly = Object.keys(pkg.devDependencies).filter((name) => !closure.has(name))
  const leaked = devOnly.filter((name) => packaged.has(name))
  check(
    leaked.length === 0,
    `asar holds nothing from devDependencies${leaked.length ? ` (found: ${leaked.join(', ')})` : ''}`,
  )
  const strays = [...packaged].filter((name) => !closure.has(name))
  check(
    strays.length === 0,
    `every packaged module is needed at run time${strays.length ? ` (strays: ${strays.join(', ')})` : ''}`,
  )

  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules')
  const nativeFiles = existsSync(unpacked)
    ? (readdirSync(unpacked, { recursive: true }) as string[]).filter(
        (f) => f.endsWith('.node') || /libvips.*\.so/.test(f),
      )
    : []
  check(
    nativeFiles.some((f) => f.endsWith('.node')),
    `sharp's native binding is unpacked (${nativeFiles.filter((f) => f.endsWith('.node')).join(', ') || 'none'})`,
  )
  const packedNative = [...files].filter(
    (f) => f.endsWith('.node') && !('unpacked' in asar.statFile(archive, f.slice(1))),
  )
  check(
    packedNative.length === 0,
    `no native file is read from inside the asar${packedNative.length ? ` (${packedNative.join(', ')})` : ''}`,
  )
  const asarSize = readFileSync(archive).byteLength
  console.log(`        asar ${(asarSize / 1024 / 1024).toFixed(1)} MB, ${packaged.size} modules`)

  console.log('package:check: booting the packaged main bundle with the stand-in electron module')
  const app = join(work, 'app')
  asar.extractAll(archive, app)
  if (existsSync(join(resources, 'app.asar.unpacked')))
    cpSync(join(resources, 'app.asar.unpacked'), app, { recursive: true })
  mkdirSync(join(app, 'node_modules', 'electron'), { recursive: true })
  await esbuild({
    entryPoints: [join(root, 'tests/shell/standIn/electron.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile: join(app, 'node_modules', 'electron', 'index.js'),
    logLevel: 'error',
  })
  writeFileSync(
    join(app, 'node_modules', 'electron', 'package.json'),
    JSON.stringify({ name: 'electron', main: 'index.js' }),
  )
  cpSync(join(root, 'scripts/packageCheck/boot.mjs'), join(app, 'boot.mjs'))
  const userData = join(work, 'userData')
  const run = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(app, 'boot.mjs'), userData, resources],
    {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_PATH: '' },
    },
  )
  const line = run.stdout.trim().split('\n').pop() ?? ''
  let result: {
    loaded: string[]
    reply: { ok: boolean; data?: { transport?: string; mode?: string } }
    page: { status: number; csp: string | null; hasRoot: boolean }
    logged: boolean
    windowState: unknown
  } | null = null
  try {
    result = JSON.parse(line)
  } catch {
    console.log(run.stdout, run.stderr)
  }
  check(run.status === 0 && result !== null, `the packaged main boots in Node (exit ${run.status})`)
  if (result) {
    check(result.logged, 'it logs "core started, window created, IPC bound"')
    check(
      JSON.stringify(result.loaded) === JSON.stringify(['app://atelier/index.html']),
      `the window loads app://atelier/index.html, ignoring ELECTRON_RENDERER_URL (${result.loaded.join(', ')})`,
    )
    check(
      result.reply.ok && result.reply.data?.transport === 'electron',
      `the page's app.info request is answered (${JSON.stringify(result.reply).slice(0, 120)})`,
    )
    check(result.reply.data?.mode === 'demo', 'ATELIER_API_BASE_URL is ignored by the packaged app (Demo mode)')
    check(
      result.page.status === 200 && Boolean(result.page.csp) && result.page.hasRoot,
      'app:// serves the packaged renderer with its CSP header',
    )
    check(
      JSON.stringify(result.windowState) ===
        JSON.stringify({ x: 320, y: 120, width: 1280, height: 840, maximized: false }),
      `closing the window saves its state with the packaged electron-store (${JSON.stringify(result.windowState)})`,
    )
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

if (failures.length > 0) {
  console.error(`package:check: ${failures.length} check(s) failed`)
  process.exit(1)
}
console.log('package:check: the installer holds what it should, and its main process boots')
