/**
 * The page's side of the native menus: each menu command, each context-menu
 * action, a notification click and picked reference files do what the page's
 * own buttons and shortcuts do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_COMMAND_IDS, GENERATION_MENU_ACTIONS, type GenerationMenuAction } from '../../../shared/appCommands'
import type { Generation } from '../../../shared/domain'
import { setAtelierForTests } from '../api/client'
import { collectionsStore } from '../stores/collections/store'
import { settingsStore } from '../stores/settings/store'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { createFakeCore, until, type FakeCore } from '../testing/fakeTransport'
import { demoAppInfo, makeGeneration, makeReference } from '../testing/fixtures'
import { setReferencePicker } from './appCommands'
import { bindShellEvents } from './shellEvents'

const image = {
  path: 'images/a.png',
  thumbPath: 'thumbs/a.webp',
  width: 8,
  height: 8,
  bytes: 10,
  sha256: 'x',
  mime: 'image/png',
}
let g: Generation
let core: FakeCore
let unbind: () => void
const copied: string[] = []

beforeEach(() => {
  g = makeGeneration({ status: 'completed', image, prompt: 'a lighthouse at dusk', aspectRatio: '4:3' })
  core = createFakeCore({
    'generation.get': () => g,
    'file.copyImage': () => ({}),
    'file.saveAs': () => ({ path: '/home/me/a.png' }),
    'file.reveal': () => ({}),
    'generation.setFavorite': ({ favorite }) => ({ ...g, favorite, version: g.version + 1 }),
    'library.delete': ({ ids }) => ({ deleted: ids, kept: [] }),
    'reference.prepare': () => makeReference({ name: null }),
  })
  setAtelierForTests(core.api)
  settingsStore.setState({
    app: {
      ...demoAppInfo,
      transport: 'electron',
      capabilities: { copyImage: true, saveAs: true, reveal: true, nativeDrag: true, chooseFolder: true },
    },
  })
  // The browser's clipboard, which Node lacks.
  vi.stubGlobal('navigator', { clipboard: { writeText: async (text: string) => void copied.push(text) } })
  uiStore.setState({ view: 'library', settingsOpen: false, viewer: null })
  unbind = bindShellEvents(core.api)
})
afterEach(() => {
  unbind()
  setAtelierForTests(null)
  vi.unstubAllGlobals()
  copied.length = 0
})

describe('menu commands', () => {
  it('each command changes what the page shows', () => {
    const seen: Record<string, unknown> = {}
    for (const command of APP_COMMAND_IDS.filter((c) => c !== 'generate' && c !== 'add-reference')) {
      uiStore.setState({ view: 'studio', settingsOpen: false, searchFocusRequest: 0, paletteOpen: false })
      core.emit('app.menuCommand', { command })
      const { view, settingsOpen, searchFocusRequest, paletteOpen } = uiStore.getState()
      seen[command] = { view, settingsOpen, searchFocusRequest, paletteOpen }
    }
    expect(seen).toEqual({
      'open-settings': { view: 'studio', settingsOpen: true, searchFocusRequest: 0, paletteOpen: false },
      'show-studio': { view: 'studio', settingsOpen: false, searchFocusRequest: 0, paletteOpen: false },
      'show-library': { view: 'library', settingsOpen: false, searchFocusRequest: 0, paletteOpen: false },
      'focus-search': { view: 'library', settingsOpen: false, searchFocusRequest: 1, paletteOpen: false },
      'open-palette': { view: 'studio', settingsOpen: false, searchFocusRequest: 0, paletteOpen: true },
      // Opens Settings on its Library section, where the rebuild is confirmed.
      'rebuild-library': { view: 'studio', settingsOpen: true, searchFocusRequest: 0, paletteOpen: false },
    })
  })

  it('generate brings the studio forward, then generates from it', () => {
    const generate = vi.spyOn(studioStore.getState(), 'generate').mockResolvedValue(undefined as never)
    studioStore.setState({ generate })
    core.emit('app.menuCommand', { command: 'generate' })
    expect(uiStore.getState().view).toBe('studio')
    expect(generate).not.toHaveBeenCalled()
    core.emit('app.menuCommand', { command: 'generate' })
    expect(generate).toHaveBeenCalledTimes(1)
  })

  it('add-reference shows the studio and opens the tray’s picker', () => {
    let opened = 0
    setReferencePicker(() => opened++)
    core.emit('app.menuCommand', { command: 'add-reference' })
    setReferencePicker(null)
    expect(uiStore.getState().view).toBe('studio')
    expect(opened).toBe(1)
  })

  it('images picked in the native dialog become references', async () => {
    core.emit('app.referenceFiles', { files: [{ name: 'photo.png', bytes: new Uint8Array([137, 80, 78, 71]) }] })
    await until(() => core.callsOf('reference.prepare').length === 1, 'reference.prepare')
    expect(core.callsOf('reference.prepare')[0]).toMatchObject({ source: { kind: 'bytes', name: 'photo.png' } })
    expect(uiStore.getState().view).toBe('studio')
  })

  it('a notification click opens that image in the viewer', () => {
    uiStore.setState({ settingsOpen: true })
    core.emit('app.openGeneration', { id: g.id })
    expect(uiStore.getState()).toMatchObject({ settingsOpen: false, viewer: { source: 'library', id: g.id } })
  })
})

describe('context-menu actions', () => {
  const run = async (action: GenerationMenuAction, done: () => boolean) => {
    core.emit('app.generationAction', { id: g.id, action })
    await until(done, action)
  }

  it('each action does what its button does', async () => {
    const effects: Record<GenerationMenuAction, () => boolean> = {
      open: () => uiStore.getState().viewer?.id === g.id,
      remix: () =>
        studioStore.getState().draft.prompt === 'a lighthouse at dusk' && uiStore.getState().view === 'studio',
      'use-as-reference': () =>
        core.calls.some((c) => c.name === 'reference.prepare' && JSON.stringify(c.input).includes(g.id)),
      'copy-image': () => core.callsOf('file.copyImage').length === 1,
      'copy-prompt': () => copied.includes('a lighthouse at dusk'),
      'save-as': () => core.callsOf('file.saveAs').length === 1,
      reveal: () => core.callsOf('file.reveal').length === 1,
      favorite: () =>
        JSON.stringify(core.callsOf('generation.setFavorite')) === JSON.stringify([{ id: g.id, favorite: true }]),
      'add-to-collection': () => JSON.stringify(collectionsStore.getState().picking) === JSON.stringify([g.id]),
      trash: () => JSON.stringify(core.callsOf('library.delete')) === JSON.stringify([{ ids: [g.id] }]),
    }
    for (const action of GENERATION_MENU_ACTIONS) {
      uiStore.setState({ view: 'library', viewer: null })
      await run(action, effects[action])
    }
    expect(core.callsOf('generation.get')).toHaveLength(GENERATION_MENU_ACTIONS.length)
  })
})
