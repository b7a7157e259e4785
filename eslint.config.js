// Flat config. The import restrictions are the architecture's layers, enforced:
// electron/core and shared/ never import Electron; shared/ and renderer/ never
// import Node built-ins.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const noElectron = {
  paths: [{ name: 'electron', message: 'electron/core and shared/ must stay Electron-free: take a port instead (electron/core/ports.ts).' }],
  patterns: [{ group: ['electron/*'], message: 'electron/core and shared/ must stay Electron-free.' }],
}
const noNode = nodeBuiltins.map((name) => ({ name, message: 'Browser code cannot use Node built-ins; ask the core over the contract.' }))

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
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // The preload is a generic forwarder: it may use Electron's renderer modules and shared/, nothing of main or the core.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../main/*', '../core/*', '../host/*', '**/electron/main/*', '**/electron/core/*'], message: 'The preload imports only from shared/ or its own folder.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode], patterns: noElectron.patterns }] },
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
)
