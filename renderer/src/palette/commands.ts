/**
 * What the command palette lists. Each source gives `PaletteCommand`s; the
 * palette joins them and filters with the fuzzy scorer. The app's own commands
 * (navigate, generate, settings, search…) come from the one command table
 * (shared/appCommands.ts + renderer/src/commands/appCommands.ts) that the native
 * menu and the keyboard shortcuts read too; the palette adds what has no menu
 * item (queue, trash, theme, prompt history). Dynamic sources (styles, the
 * prompt history, later collections) are read when the palette opens.
 */
import type { HistoryEntry } from '../../../shared/contract'
import type { Style } from '../../../shared/styles'
import { MOD_LABEL } from '../app/platform'
import { appCommands, type AppCommand } from '../commands/appCommands'
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

/** `CmdOrCtrl+K` → `Ctrl+K` / `⌘+K`. */
/** The accelerator as the platform writes it; undefined for a command without one. */
export const shortcutLabel = (accelerator: string | undefined): string | undefined =>
  accelerator?.replace('CmdOrCtrl', MOD_LABEL)

/** Words a person may type for a table command besides its label. */
const TABLE_KEYWORDS: Partial<Record<AppCommand['id'], { group: string; keywords: string }>> = {
  'show-studio': { group: 'Navigate', keywords: 'go to studio prompt compose' },
  'show-library': { group: 'Navigate', keywords: 'go to library images browse grid' },
  'open-settings': { group: 'Navigate', keywords: 'open preferences key limits' },
  'focus-search': { group: 'Navigate', keywords: 'find prompts library' },
  generate: { group: 'Studio', keywords: 'create send run' },
  'add-reference': { group: 'Studio', keywords: 'photo image picture file' },
}

/** The shared command table, as palette entries (the palette does not list itself). */
export function tablePaletteCommands(table: readonly AppCommand[] = appCommands): PaletteCommand[] {
  return table
    .filter((command) => command.id !== 'open-palette')
    .map((command) => ({
      id: `app:${command.id}`,
      label: command.label,
      keywords: TABLE_KEYWORDS[command.id]?.keywords ?? '',
      shortcut: shortcutLabel(command.accelerator),
      group: TABLE_KEYWORDS[command.id]?.group ?? 'App',
      run: () => command.run(),
    }))
}

/** What has no menu item: the queue, the trash, the prompt history, the theme. */
export function extraPaletteCommands(): PaletteCommand[] {
  const theme = (value: 'light' | 'dark' | 'system', label: string): PaletteCommand => ({
    id: `theme:${value}`,
    label: `Theme: ${label}`,
    keywords: 'appearance colour color mode switch',
    group: 'Appearance',
    run: () => void settingsStore.getState().update({ theme: value }),
  })
  return [
    {
      id: 'app:show-queue',
      label: 'Queue',
      keywords: 'go to tasks running progress',
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
      label: 'Trash',
      keywords: 'go to deleted restore bin',
      group: 'Navigate',
      run: () => {
        showView('library')
        void libraryStore.getState().setView({ trash: true })
      },
    },
    {
      id: 'app:history',
      label: 'Search prompt history…',
      keywords: 'earlier recall previous',
      group: 'Studio',
      run: () => uiStore.getState().openHistory(),
    },
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
