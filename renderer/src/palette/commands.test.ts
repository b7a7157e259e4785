import { describe, expect, it } from 'vitest'
import { APP_COMMAND_IDS, APP_COMMANDS } from '../../../shared/appCommands'
import { uiStore } from '../stores/ui/store'
import { rankCommands } from './CommandPalette'
import { extraPaletteCommands, shortcutLabel, tablePaletteCommands } from './commands'

describe('palette sources', () => {
  it('lists every command of the shared table but itself, with its label and shortcut, and runs it', () => {
    const commands = tablePaletteCommands()
    expect(commands.map((c) => c.id)).toEqual(
      APP_COMMAND_IDS.filter((id) => id !== 'open-palette').map((id) => `app:${id}`),
    )
    for (const command of commands) {
      const spec = APP_COMMANDS[command.id.slice('app:'.length) as keyof typeof APP_COMMANDS]
      expect(command.label).toBe(spec.label)
      expect(command.shortcut).toBe(shortcutLabel(spec.accelerator))
    }
    uiStore.setState({ view: 'studio' })
    commands.find((c) => c.id === 'app:show-library')!.run()
    expect(uiStore.getState().view).toBe('library')
  })

  it('ranks by label first, then by keywords', () => {
    const all = [...tablePaletteCommands(), ...extraPaletteCommands()]
    expect(rankCommands('sett', all)[0]?.id).toBe('app:open-settings')
    expect(rankCommands('dark', all)[0]?.id).toBe('theme:dark')
    // "deleted" is only a keyword of the trash.
    expect(rankCommands('deleted', all).map((c) => c.id)).toEqual(['app:show-trash'])
    expect(rankCommands('', all)).toHaveLength(all.length)
  })
})
