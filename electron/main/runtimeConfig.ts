/**
 * What the environment and the command line may change, decided once at start.
 * The development variables (a dev-server URL, a data folder, an API server and
 * key) are honoured only when the app is not packaged: in an installed app an
 * inherited ELECTRON_RENDERER_URL would load any origin into a window that may
 * talk to the core. Users who want another library folder pass `--data-dir=`.
 */
import { isAbsolute, resolve } from 'node:path'

export interface RuntimeConfig {
  /** The electron-vite dev server (development only); null serves the built renderer from app://. */
  rendererDevUrl: string | null
  /** Replaces the user-data folder (library, settings, window state). */
  userDataDir: string | null
  api: { baseUrl: string | undefined; key: string | undefined }
}

export interface RuntimeInput {
  isPackaged: boolean
  env: NodeJS.ProcessEnv
  argv: readonly string[]
}

export const DATA_DIR_SWITCH = '--data-dir='

export function readRuntimeConfig({ isPackaged, env, argv }: RuntimeInput): RuntimeConfig {
  const fromSwitch = argv
    .find((arg) => arg.startsWith(DATA_DIR_SWITCH))
    ?.slice(DATA_DIR_SWITCH.length)
    .trim()
  const switchDir = fromSwitch ? (isAbsolute(fromSwitch) ? fromSwitch : resolve(fromSwitch)) : null
  if (isPackaged) return { rendererDevUrl: null, userDataDir: switchDir, api: { baseUrl: undefined, key: undefined } }
  return {
    rendererDevUrl: devUrl(env['ELECTRON_RENDERER_URL']),
    userDataDir: switchDir ?? (env['ATELIER_DATA_DIR'] ? resolve(env['ATELIER_DATA_DIR']) : null),
    api: { baseUrl: env['ATELIER_API_BASE_URL'], key: env['ATELIER_API_KEY'] },
  }
}

/** Only a loopback http dev server; anything else is ignored rather than loaded. */
function devUrl(value: string | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    return url.protocol === 'http:' && loopback ? url.toString() : null
  } catch {
    return null
  }
}
