/**
 * Boots the real shell (electron/main/shell.ts) against the stand-in: a real
 * core in a temporary folder (SQLite, sharp, the demo simulator), a temporary
 * renderer folder, and the stand-in playing the OS.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startShell, type Shell, type ShellOptions } from '../../../electron/main/shell'
import type { Generation } from '../../../shared/domain'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../../shared/ipcChannels'
import { app, ipcMain, resetStandIn, StandInBrowserWindow, type StandInWebContents } from '../standIn/electron'

export interface BootedShell {
  shell: Shell
  root: string
  userData: string
  window: StandInBrowserWindow
  /** A request from the page (our window's top frame unless told otherwise). */
  request(
    name: string,
    input?: unknown,
    from?: { sender?: StandInWebContents; frame?: { url: string; parent: unknown } },
  ): Promise<unknown>
  /** Events the shell sent to the page, by name. */
  events(name?: string): Array<{ name: string; payload: unknown }>
  /** Resolves with the first generation.updated item that satisfies `check`. */
  generation(check: (g: Generation) => boolean): Promise<Generation>
  stop(): Promise<void>
}

export interface BootOptions {
  packaged?: boolean
  env?: NodeJS.ProcessEnv
  argv?: string[]
  loadUpdater?: ShellOptions['loadUpdater']
  engineTuning?: ShellOptions['engineTuning']
  /** Runs after the stand-in is reset and before the shell starts (e.g. a saved window state). */
  before?: (paths: { root: string; userData: string }) => Promise<void> | void
  /** Runs when the shell has stopped and its folders are gone (e.g. closing a simulator). */
  after?: () => Promise<void>
}

/** Shells booted and not stopped yet. */
const running = new Set<BootedShell>()

/**
 * Stops every shell booted and not stopped yet, removing its folders: a test file's
 * `afterEach(stopBootedShells)`, so no shell or temp folder outlives its test.
 */
export async function stopBootedShells(): Promise<void> {
  for (const booted of [...running]) await booted.stop()
}

export async function bootShell(options: BootOptions = {}): Promise<BootedShell> {
  const root = await mkdtemp(join(tmpdir(), 'atelier-shell-'))
  const userData = join(root, 'userData')
  resetStandIn({ userData, isPackaged: options.packaged ?? false })
  const mainDir = join(root, 'out', 'main')
  await mkdir(join(root, 'out', 'renderer', 'assets'), { recursive: true })
  await mkdir(mainDir, { recursive: true })
  await writeFile(
    join(root, 'out', 'renderer', 'index.html'),
    '<!doctype html><title>Atelier</title><script type="module" src="./assets/app.js"></script>',
  )
  await writeFile(join(root, 'out', 'renderer', 'assets', 'app.js'), 'console.log("atelier")')
  await writeFile(join(root, 'secret.txt'), 'not for the page')
  await options.before?.({ root, userData })

  const shell = startShell({
    argv: options.argv ?? ['electron', '.'],
    env: options.env ?? {},
    mainDir,
    // The bundle has no coreWorker.js here: the core's thread runs its source entry (through tsx).
    coreWorkerEntry: fileURLToPath(new URL('../../../electron/core/worker/entry.ts', import.meta.url)),
    loadUpdater: options.loadUpdater ?? (async () => null),
    ...(options.engineTuning ? { engineTuning: options.engineTuning } : {}),
  })
  app.markReady()
  await shell.ready
  const window = shell.window() as unknown as StandInBrowserWindow
  if (!window) throw new Error('the shell created no window')

  const booted: BootedShell = {
    shell,
    root,
    userData,
    window,
    request: (name, input = {}, from = {}) =>
      ipcMain.invoke(
        IPC_REQUEST_CHANNEL,
        { sender: from.sender ?? window.webContents, ...(from.frame ? { frame: from.frame } : {}) },
        name,
        input,
      ),
    events: (name) =>
      window.webContents.sent
        .filter((m) => m.channel === IPC_EVENT_CHANNEL)
        .map((m) => ({ name: m.args[0] as string, payload: m.args[1] }))
        .filter((e) => !name || e.name === name),
    async generation(this: BootedShell, check: (g: Generation) => boolean) {
      for (let i = 0; i < 400; i++) {
        for (const event of this.events('generation.updated')) {
          const found = (event.payload as { items: Generation[] }).items.find(check)
          if (found) return found
        }
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error('no such generation.updated within 10 s')
    },
    async stop() {
      running.delete(booted)
      await shell.stop()
      await rm(root, { recursive: true, force: true })
      await options.after?.()
    },
  }
  running.add(booted)
  return booted
}

export { StandInBrowserWindow }
