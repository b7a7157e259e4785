/**
 * The styles' commands (style.*). Input is already parsed by the contract
 * (names and texts trimmed and bounded); the store enforces unique names and
 * the cap. Every change sends `styles.changed` with the whole list, so the
 * studio, the palette and the shortcuts read one list.
 */
import type { StyleStore } from '../db'
import type { Feature } from '../ipc/router'
import type { EventSink } from '../ports'

export type StylesCommand = 'style.list' | 'style.create' | 'style.update' | 'style.delete'

export interface StylesDeps {
  styles: StyleStore
  events: EventSink
}

export interface StylesFeature extends Feature<StylesCommand> {
  /** Tell the page the list changed (also after an import merged some). */
  announce(): void
}

export function createStylesFeature({ styles, events }: StylesDeps): StylesFeature {
  const announce = () => events.emit('styles.changed', { styles: styles.list() })
  return {
    announce,
    handlers: {
      'style.list': async () => ({ styles: styles.list() }),
      'style.create': async (input) => {
        const style = styles.create(input)
        announce()
        return style
      },
      'style.update': async ({ id, name, text }) => {
        const style = styles.update(id, { name, text })
        announce()
        return style
      },
      'style.delete': async ({ id }) => {
        styles.delete(id)
        announce()
        return {}
      },
    },
  }
}
