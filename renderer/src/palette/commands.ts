/**
 * What the command palette lists. Each source gives `PaletteCommand`s; the
 * palette joins them and filters with the fuzzy scorer. The app's own commands
 * (navigate, generate, settings…) will come from the shared command table
 * (renderer/src/commands, on the shell branch) once it is on main: that table
 * already has `{ id, label, accelerator, run }`, so it becomes one more source.
 * Dynamic sources (styles, the prompt history, later collections) are read when
 * the palette opens.
 */
import type { HistoryEntry } from '../../../shared/contract'
import type { Style } from '../../../shared/styles'
import { MOD_LABEL } from '../app/platform'
import { libraryStore } from '../stores/library/store'
import { settingsStore } from '../stores/settings/store'
import { studioStore } from '../stores/studio/store'
import { stylesStore } from '../stores/styles/store'
import { uiStore } from '../stores/ui/store'

export interface PaletteCommand {
  /** Unique across sources (`source:thing`). */
  id: string
  label: string
  /** Extra words the fuzzy search also looks at. */
  keywords?: string
  /** Shown, not bound: the binding lives with whoever owns the shortcut. */
  shortcut?: string
  /** A group heading (Navigate, Styles, History…). */
  group: string
  run(): void
}

const showView = (view: 'studio' | 'library') => uiStore.getState().showView(view)

/** Navigation, generate, settings, theme: the app's fixed commands. */
export function appPaletteCommands(): PaletteCommand[] {
  const theme = (value: 'light' | 'dark' | 'system', label: string): PaletteCommand => ({
    id: `theme:${value}`,
    label: `Theme: ${label}`,
    keywords: 'appearance colour color mode switch',
    group: 'Appearance',
    run: () => void settingsStore.getState().update({ theme: value }),
  })
  return [
    { id: 'app:show-studio', label: 'Go to Studio', keywords: 'prompt compose', shortcut: `${MOD_LABEL}+1`, group: 'Navigate', run: () => showView('studio') },
    {
      id: 'app:show-library',
      label: 'Go to Library',
      keywords: 'images browse grid',
      shortcut: `${MOD_LABEL}+2`,
      group: 'Navigate',
      run: () => {
        showView('library')
        if (libraryStore.getState().view.trash) void libraryStore.getState().setView({ trash: false })
      },
    },
    {
      id: 'app:show-queue',
      label: 'Go to Queue',
      keywords: 'tasks running progress',
      group: 'Navigate',
      run: () => {
        showView('studio')
        // The queue is the studio's side panel: bring it into view and put the focus there.
        requestAnimationFrame(() => {
          const queue = document.querySelector<HTMLElement>('[aria-label="Queue"]')
          queue?.scrollIntoView({ block: 'nearest' })
          queue?.setAttribute('tabindex', '-1')
          queue?.focus()
        })
      },
    },
    {
      id: 'app:show-trash',
      label: 'Open Trash',
      keywords: 'deleted restore bin',
      group: 'Navigate',
      run: () => {
        showView('library')
        void libraryStore.getState().setView({ trash: true })
      },
    },
    { id: 'app:open-settings', label: 'Open Settings', keywords: 'preferences key limits', shortcut: `${MOD_LABEL}+,`, group: 'Navigate', run: () => uiStore.getState().setSettingsOpen(true) },
    {
      id: 'app:generate',
      label: 'Generate',
      keywords: 'create send run',
      shortcut: `${MOD_LABEL}+Enter`,
      group: 'Studio',
      run: () => {
        showView('studio')
        void studioStore.getState().generate()
      },
    },
    { id: 'app:history', label: 'Search prompt history…', keywords: 'earlier recall previous', group: 'Studio', run: () => uiStore.getState().openHistory() },
    theme('light', 'Light'),
    theme('dark', 'Dark'),
    theme('system', 'System'),
  ]
}

/** Apply (or remove) each style; the first nine show their Alt shortcut. */
export function stylePaletteCommands(styles: readonly Style[] = stylesStore.getState().styles): PaletteCommand[] {
  const applied = studioStore.getState().draft.styleIds
  return styles.map((style, index) => ({
    id: `style:${style.id}`,
    label: `${applied.includes(style.id) ? 'Remove style' : 'Apply style'}: ${style.name}`,
    keywords: style.text,
    ...(index < 9 ? { shortcut: `Alt+${index + 1}` } : {}),
    group: 'Styles',
    run: () => {
      showView('studio')
      studioStore.getState().toggleStyle(style.id)
    },
  }))
}

/** Recall a recent prompt with its ratio. */
export function historyPaletteCommands(entries: readonly HistoryEntry[]): PaletteCommand[] {
  return entries.map((entry) => ({
    id: `history:${entry.lastUsedAt}:${entry.prompt.slice(0, 40)}`,
    label: `Recall: ${entry.prompt.length > 90 ? `${entry.prompt.slice(0, 89)}…` : entry.prompt}`,
    keywords: entry.prompt,
    group: 'History',
    run: () => {
      showView('studio')
      studioStore.getState().recallPrompt(entry)
    },
  }))
}
