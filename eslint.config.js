// Flat config. The import restrictions are the architecture's layers, enforced:
// electron/core and shared/ never import Electron; shared/ and renderer/ never
// import Node built-ins. Inside electron/core: a feature folder is entered only
// through its index; the data layer (db/) imports no feature; production code
// never imports test fixtures (tests/).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'electron/core and shared/ must stay Electron-free: take a port instead (electron/core/ports.ts).',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'electron/core and shared/ must stay Electron-free.' }],
}
/** The core's feature folders (docs/ipc.md lists which commands each owns). */
const FEATURES = ['connection', 'files', 'generation', 'key', 'library', 'references', 'settings', 'transfer']
const features = FEATURES.join('|')
const throughIndex = {
  regex: `^(\\.\\./)+(${features})/.`,
  message: 'Import a feature through its index (e.g. ../generation), not its files: the index is its public face.',
}
const dbImportsNoFeature = {
  regex: `^(\\.\\./)+(${features})(/|$)`,
  message:
    'db/ is the data layer: it may not import a feature folder. Move the rule into db/ or domain/, or the caller into the feature.',
}
const noTestFixtures = {
  regex: '(^|/)tests/',
  message: 'Production code cannot import test fixtures (tests/); keep them test-only.',
}
const coreImports = (...extra) => ['error', { paths: noElectron.paths, patterns: [...noElectron.patterns, ...extra] }]
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'Browser code cannot use Node built-ins; ask the core over the contract.',
}))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': coreImports(throughIndex, noTestFixtures) },
  },
  {
    files: ['electron/core/db/**/*.ts'],
    rules: { 'no-restricted-imports': coreImports(throughIndex, dbImportsNoFeature, noTestFixtures) },
  },
  {
    // Tests may use the fixtures under tests/.
    files: ['electron/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': coreImports(throughIndex) },
  },
  {
    files: ['electron/core/db/**/*.test.ts'],
    rules: { 'no-restricted-imports': coreImports(throughIndex, dbImportsNoFeature) },
  },
  {
    // The preload is a generic forwarder: it may use Electron's renderer modules and shared/, nothing of main or the core.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../main/*', '../core/*', '../host/*', '**/electron/main/*', '**/electron/core/*'],
              message: 'The preload imports only from shared/ or its own folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode], patterns: noElectron.patterns }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode], patterns: noElectron.patterns }],
    },
  },
  {
    // One way to the core from the renderer: the typed client in renderer/src/api/client.ts.
    // The raw transport on window is read there and installed by renderer/src/transport/ only.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**', 'renderer/src/transport/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({
          object,
          property: 'atelier',
          message:
            'Reach the core through `atelier` from renderer/src/api/client.ts (typed, validated, fakeable in tests).',
        })),
      ],
    },
  },
)
