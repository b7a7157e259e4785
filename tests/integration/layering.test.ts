/**
 * The architecture's layers are enforced by lint; this proves the rule bites:
 * an Electron import in electron/core (or a Node built-in in the renderer) fails.
 */
import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layering lint rules', () => {
  it('refuses electron in electron/core', async () => {
    expect(await restrictedImports("import { app } from 'electron'\nexport const a = app\n", 'electron/core/example.ts')).toHaveLength(1)
  })
  it('refuses electron and Node built-ins in shared/ and renderer/', async () => {
    expect(await restrictedImports("import { readFile } from 'node:fs'\nexport const r = readFile\n", 'shared/example.ts')).toHaveLength(1)
    expect(await restrictedImports("import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer\n", 'renderer/src/example.ts')).toHaveLength(1)
    expect(await restrictedImports("import path from 'path'\nexport const p = path\n", 'renderer/src/example.ts')).toHaveLength(1)
  })
  it('allows electron in electron/main', async () => {
    expect(await restrictedImports("import { app } from 'electron'\nexport const a = app\n", 'electron/main/example.ts')).toHaveLength(0)
  })
})

describe('one way to the core from the renderer', () => {
  const rawTransportUses = async (code: string, filePath: string) => {
    const eslint = new ESLint({ cwd: root })
    const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) })
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-properties')
  }

  it('refuses window.atelier outside renderer/src/api and the transport', async () => {
    const reach = "export const list = () => window.atelier.request('generation.list', {})\n"
    expect(await rawTransportUses(reach, 'renderer/src/library/TransferDialog.tsx')).toHaveLength(1)
    expect(
      await rawTransportUses(reach.replace('window', 'globalThis'), 'renderer/src/stores/example.ts'),
    ).toHaveLength(1)
    expect(await rawTransportUses(reach, 'renderer/src/api/client.ts')).toHaveLength(0)
    expect(
      await rawTransportUses('window.atelier = {} as never\n', 'renderer/src/transport/browserBridge.ts'),
    ).toHaveLength(0)
  })
})
