/**
 * The architecture's layers are enforced by lint; this proves each rule bites:
 * an Electron import in electron/core (or a Node built-in in the renderer), a
 * feature folder entered other than through its index, db/ importing a feature,
 * production code importing test fixtures.
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
    expect(
      await restrictedImports("import { app } from 'electron'\nexport const a = app\n", 'electron/core/example.ts'),
    ).toHaveLength(1)
  })
  it('refuses electron and Node built-ins in shared/ and renderer/', async () => {
    expect(
      await restrictedImports("import { readFile } from 'node:fs'\nexport const r = readFile\n", 'shared/example.ts'),
    ).toHaveLength(1)
    expect(
      await restrictedImports(
        "import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer\n",
        'renderer/src/example.ts',
      ),
    ).toHaveLength(1)
    expect(
      await restrictedImports("import path from 'path'\nexport const p = path\n", 'renderer/src/example.ts'),
    ).toHaveLength(1)
  })
  it('allows electron in electron/main', async () => {
    expect(
      await restrictedImports("import { app } from 'electron'\nexport const a = app\n", 'electron/main/example.ts'),
    ).toHaveLength(0)
  })
  it('enters a feature folder only through its index', async () => {
    const deep = "import { createTaskEngine } from '../generation/TaskEngine'\nexport const c = createTaskEngine\n"
    expect(await restrictedImports(deep, 'electron/core/library/example.ts')).toEqual([
      expect.stringMatching(/through its index/),
    ])
    expect(await restrictedImports(deep, 'electron/core/transfer/deep.ts')).toHaveLength(1)
    expect(
      await restrictedImports(
        "import { x } from '../../generation/spend/quote'\nexport const y = x\n",
        'electron/core/files/sub/example.ts',
      ),
    ).toHaveLength(1)
    const viaIndex = "import { createTaskEngine } from '../generation'\nexport const c = createTaskEngine\n"
    expect(await restrictedImports(viaIndex, 'electron/core/library/example.ts')).toHaveLength(0)
    // Inside its own folder a feature uses its files directly.
    expect(
      await restrictedImports(
        "import { x } from './spend/quote'\nexport const y = x\n",
        'electron/core/generation/example.ts',
      ),
    ).toHaveLength(0)
  })
  it('keeps db/ free of feature folders', async () => {
    const feature = "import { createLibraryFeature } from '../library'\nexport const c = createLibraryFeature\n"
    expect(await restrictedImports(feature, 'electron/core/db/example.ts')).toEqual([
      expect.stringMatching(/data layer/),
    ])
    expect(await restrictedImports(feature, 'electron/core/db/example.test.ts')).toHaveLength(1)
    expect(await restrictedImports(feature, 'electron/core/createCore.ts')).toHaveLength(0)
    const domain = "import { durationMs } from '../domain/generationFacts'\nexport const d = durationMs\n"
    expect(await restrictedImports(domain, 'electron/core/db/example.ts')).toHaveLength(0)
  })
  it('keeps test fixtures out of production code', async () => {
    const fixture = "import { solid } from '../../../tests/support/testImages'\nexport const s = solid\n"
    expect(await restrictedImports(fixture, 'electron/core/references/example.ts')).toEqual([
      expect.stringMatching(/test fixtures/),
    ])
    expect(await restrictedImports(fixture, 'electron/core/references/example.test.ts')).toHaveLength(0)
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
