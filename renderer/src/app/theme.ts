/**
 * The theme setting lives in the core; the last one applied is cached in
 * localStorage so the first paint after a restart is already right.
 */
import { useEffect } from 'react'
import type { Settings } from '../../../shared/contract'
import { useSettings } from '../stores/settings/store'

type Theme = Settings['theme']
const THEME_CACHE_KEY = 'atelier.theme'

export function applyTheme(theme: Theme): void {
  const root = document.documentElement
  if (theme === 'system') delete root.dataset['theme']
  else root.dataset['theme'] = theme
  try {
    localStorage.setItem(THEME_CACHE_KEY, theme)
  } catch {
    // Storage can be unavailable (private profiles); the theme still applies.
  }
}

export function applyCachedTheme(): void {
  try {
    const cached = localStorage.getItem(THEME_CACHE_KEY)
    if (cached === 'light' || cached === 'dark') document.documentElement.dataset['theme'] = cached
  } catch {
    // Nothing cached: follow the OS until settings arrive.
  }
}

export function useThemeFromSettings(): void {
  const theme = useSettings((s) => s.settings?.theme)
  useEffect(() => {
    if (theme) applyTheme(theme)
  }, [theme])
}
