import { useEffect } from 'react'
import { CollectionPicker } from '../collections/CollectionPicker'
import { CompareDialog } from '../compare/CompareDialog'
import { LibraryView } from '../library/LibraryView'
import { CommandPalette } from '../palette/CommandPalette'
import { UndoToast } from '../library/UndoToast'
import { SettingsDialog } from '../settings/SettingsDialog'
import { WelcomeDialog } from '../settings/WelcomeDialog'
import { RetrySpendLimitDialog } from '../studio/SpendLimitDialog'
import { StudioView } from '../studio/StudioView'
import { selectActiveCount } from '../stores/tasks/selectors'
import { useTasks } from '../stores/tasks/store'
import { useUi } from '../stores/ui/store'
import { ViewerDialog } from '../viewer/ViewerDialog'
import { EngineBanner } from './EngineBanner'
import { Sidebar } from './Sidebar'
import { StartupNotices } from './StartupNotices'
import { TitleBar } from './TitleBar'
import { useThemeFromSettings } from './theme'
import { usePreventFileNavigation } from './usePreventFileNavigation'
import { useGlobalShortcuts } from './useShortcuts'
import './app.css'

export function App() {
  useThemeFromSettings()
  useGlobalShortcuts()
  usePreventFileNavigation()
  const view = useUi((s) => s.view)
  const running = useTasks(selectActiveCount)

  // The window title says what is running, for the taskbar and the tab.
  useEffect(() => {
    document.title = running > 0 ? `Atelier — ${running} running` : 'Atelier'
  }, [running])

  return (
    <div className="app">
      <Sidebar />
      <div className="app-main">
        <TitleBar />
        <EngineBanner />
        <StartupNotices />
        {/* Both views stay mounted so the draft's focus and the library's scroll survive switching. */}
        <main className="app-content">
          <div className="view" hidden={view !== 'studio'}>
            <StudioView active={view === 'studio'} />
          </div>
          <div className="view" hidden={view !== 'library'}>
            <LibraryView active={view === 'library'} />
          </div>
        </main>
      </div>
      <SettingsDialog />
      <WelcomeDialog />
      <ViewerDialog />
      <RetrySpendLimitDialog />
      <CollectionPicker />
      <CommandPalette />
      <CompareDialog />
      {/* App-wide: a delete from the viewer or compare can happen while the studio is shown. */}
      <UndoToast />
    </div>
  )
}
