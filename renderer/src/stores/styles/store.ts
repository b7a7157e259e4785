/**
 * The library's styles, as the core lists them (creation order: the first nine
 * answer Alt+1…9). The core announces every change with the whole list
 * (`styles.changed`), so this store only asks once and then follows the events.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import type { Style } from '../../../../shared/styles'
import { atelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'

export type StyleOutcome = { ok: true; style: Style | null } | { ok: false; error: ErrorView }

export interface StylesState {
  styles: Style[]
  loaded: boolean
}

export interface StylesActions {
  load(): Promise<void>
  /** Saves a new style; the outcome carries the core's sentence when it refused (a name taken…). */
  create(name: string, text: string): Promise<StyleOutcome>
  update(id: string, patch: { name?: string; text?: string }): Promise<StyleOutcome>
  remove(id: string): Promise<StyleOutcome>
}

export type StylesStore = StylesState & StylesActions

export function createStylesStore() {
  return createStore<StylesStore>()((set) => {
    const attempt = async (run: () => Promise<Style | null>): Promise<StyleOutcome> => {
      try {
        return { ok: true, style: await run() }
      } catch (error) {
        return { ok: false, error: describeError(error) }
      }
    }
    const upsert = (style: Style) =>
      set((s) => ({
        styles: s.styles.some((x) => x.id === style.id)
          ? s.styles.map((x) => (x.id === style.id ? style : x))
          : [...s.styles, style],
      }))
    return {
      styles: [],
      loaded: false,
      async load() {
        try {
          const { styles } = await atelier.invoke('style.list', {})
          set({ styles, loaded: true })
        } catch {
          // The studio works without styles; the next styles.changed brings them.
        }
      },
      create: (name, text) =>
        attempt(async () => {
          const style = await atelier.invoke('style.create', { name, text })
          upsert(style)
          return style
        }),
      update: (id, patch) =>
        attempt(async () => {
          const style = await atelier.invoke('style.update', { id, ...patch })
          upsert(style)
          return style
        }),
      remove: (id) =>
        attempt(async () => {
          await atelier.invoke('style.delete', { id })
          set((s) => ({ styles: s.styles.filter((x) => x.id !== id) }))
          return null
        }),
    }
  })
}

export const stylesStore = createStylesStore()

export function bindStylesEvents(api: AtelierApi, store = stylesStore): () => void {
  return api.on('styles.changed', ({ styles }) => store.setState({ styles, loaded: true }))
}

export function useStyles<T>(selector: (state: StylesStore) => T): T {
  return useStore(stylesStore, selector)
}
