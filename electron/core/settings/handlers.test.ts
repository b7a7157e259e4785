/** The library's saved view and the studio draft, kept beside the settings. */
import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../../../tests/integration/library-fixtures'
import { memoryStore } from '../../../tests/support/coreFixtures'
import { createSettingsFeature } from './handlers'

describe('settings commands', () => {
  it('keeps the view it is given', async () => {
    const commands = createSettingsFeature({
      store: memoryStore(),
      logger: recordingLogger(),
      events: { emit: () => {} },
    }).handlers
    expect(await commands['library.view']({})).toEqual({ view: null })
    await commands['library.saveView']({ view: 'q=fox&sort=price' })
    expect(await commands['library.view']({})).toEqual({ view: 'q=fox&sort=price' })
  })
})
