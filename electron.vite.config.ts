/**
 * Builds the three Electron targets from this repository's folders:
 * electron/main (ESM), electron/preload (CommonJS: sandboxed preloads cannot be
 * ESM) and renderer/ (shared with browser mode via renderer/vite.config.ts).
 */
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { rendererConfig } from './renderer/vite.config'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The core's worker thread is its own file next to index.js (electron/core/worker, docs/threads.md).
      rolldownOptions: {
        input: { index: resolve('electron/main/index.ts'), coreWorker: resolve('electron/core/worker/entry.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      // Sandboxed preloads can require only a few Electron modules: bundle everything else.
      externalizeDeps: false,
    },
  },
  renderer: {
    ...rendererConfig,
    // Paths from the project root: this file is bundled before it runs, so the imported config's own dirname is unreliable here.
    root: resolve('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve('out/renderer'),
      // The Electron build has no use for the browser-mode bridge.
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
