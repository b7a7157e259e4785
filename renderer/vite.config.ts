/**
 * The renderer's own Vite config, used for browser mode and the browser e2e
 * suite (electron.vite.config.ts reuses it for the Electron build). Two entries:
 * the app, and the browser-mode bridge that the host injects before the app.
 */
import { defineConfig, type UserConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname)

export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        'browser-bridge': resolve(root, 'src/transport/browserBridge.ts'),
      },
      output: {
        // The host injects the bridge by a stable name.
        entryFileNames: (chunk) => (chunk.name === 'browser-bridge' ? 'browser-bridge.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
}

export default defineConfig(rendererConfig)
