/**
 * Updates from GitHub releases (electron-updater): looked for at start and from
 * the menu, downloaded in the background, installed only after the user agrees,
 * and never while a result is being downloaded and written (the install waits).
 */
import { dialog, type BrowserWindow } from 'electron'
import type { Logger } from '../core/ports'

/** The part of electron-updater's AppUpdater the shell uses (a recording fake in tests). */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded' | 'error',
    listener: (info: unknown) => void,
  ): unknown
}

export interface UpdateDeps {
  updater: UpdaterLike
  logger: Logger
  window: () => BrowserWindow | null
  /** True while a result is being written; installing waits for it. */
  writing: () => boolean
  currentVersion: string
  /** How often a waiting install looks again whether the write finished. */
  retryMs?: number
}

export interface Updates {
  /** `userAsked`: from the menu, so "no update" and errors are said out loud. */
  check(userAsked: boolean): Promise<void>
}

const WAIT_FOR_WRITES_MS = 2000

export function createUpdates({
  updater,
  logger,
  window,
  writing,
  currentVersion,
  retryMs = WAIT_FOR_WRITES_MS,
}: UpdateDeps): Updates {
  updater.autoDownload = true
  // Installing is the user's choice, made in the dialog below.
  updater.autoInstallOnAppQuit = false
  let userAsked = false

  const box = (options: Electron.MessageBoxOptions) => {
    const parent = window()
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)
  }
  const version = (info: unknown) =>
    typeof info === 'object' && info !== null && 'version' in info
      ? String((info as { version: unknown }).version)
      : 'a new version'

  updater.on('update-not-available', () => {
    if (userAsked)
      void box({
        type: 'info',
        message: 'Atelier is up to date.',
        detail: `Version ${currentVersion} is the newest.`,
        buttons: ['OK'],
      })
    userAsked = false
  })
  updater.on('error', (error) => {
    logger.warn({ err: error }, 'update check failed')
    if (userAsked)
      void box({
        type: 'warning',
        message: 'Could not check for updates.',
        detail: error instanceof Error ? error.message : String(error),
        buttons: ['OK'],
      })
    userAsked = false
  })
  updater.on('update-available', (info) => logger.info({ version: version(info) }, 'update available, downloading'))
  updater.on('update-downloaded', (info) => {
    userAsked = false
    void box({
      type: 'info',
      message: `Atelier ${version(info)} is ready to install.`,
      detail: 'Atelier will restart. Running tasks continue after the restart; nothing is lost.',
      buttons: ['Restart and Install', 'Later'],
      defaultId: 0,
      cancelId: 1,
    }).then(({ response }) => {
      if (response === 0) installWhenIdle()
    })
  })

  function installWhenIdle(): void {
    if (writing()) {
      logger.info({}, 'update waits for a result being written')
      setTimeout(installWhenIdle, retryMs)
      return
    }
    updater.quitAndInstall(false, true)
  }

  return {
    async check(asked) {
      userAsked = asked
      try {
        await updater.checkForUpdates()
      } catch (error) {
        // The 'error' event has reported it.
        logger.debug({ err: error }, 'update check rejected')
      }
    },
  }
}
