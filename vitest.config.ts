import { defineConfig } from 'vitest/config'
import { resolve } from 'node:path'

const shared = {
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
}

export default defineConfig({
  test: {
    // The crash and fault tests spawn processes and servers; two cores only.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'core',
          include: [
            'electron/**/*.test.ts',
            'shared/**/*.test.ts',
            'renderer/src/**/*.test.{ts,tsx}',
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
          ],
        },
      },
      {
        // electron/main and the preload against the recording stand-in; only here is `electron` replaced.
        resolve: { alias: { electron: resolve(import.meta.dirname, 'tests/shell/standIn/electron.ts') } },
        test: {
          ...shared,
          name: 'shell',
          include: ['tests/shell/**/*.test.ts'],
          // electron-store imports `electron` itself: inline it so the alias reaches it too.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
    ],
  },
})
