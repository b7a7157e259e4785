import { CollectionsNav } from '../collections/CollectionsNav'
import '../collections/collections.css'
import { useTasks } from '../stores/tasks/store'
import { selectActiveCount } from '../stores/tasks/selectors'
import { useUi, type View } from '../stores/ui/store'
import { GearIcon, GridIcon, SparkIcon } from '../ui/icons'
import { MOD_LABEL } from './platform'

const NAV: Array<{ view: View; label: string; key: string; Icon: typeof SparkIcon }> = [
  { view: 'studio', label: 'Studio', key: '1', Icon: SparkIcon },
  { view: 'library', label: 'Library', key: '2', Icon: GridIcon },
]

export function Sidebar() {
  const view = useUi((s) => s.view)
  const showView = useUi((s) => s.showView)
  const openSettings = useUi((s) => s.setSettingsOpen)
  const active = useTasks(selectActiveCount)

  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">
          <SparkIcon size={16} />
        </span>
        <span className="brand-name">Atelier</span>
      </div>
      <nav aria-label="Main" className="sidebar-nav">
        {NAV.map(({ view: target, label, key, Icon }) => (
          <button
            key={target}
            type="button"
            className="nav-item"
            aria-current={view === target ? 'page' : undefined}
            onClick={() => showView(target)}
            title={`${label} (${MOD_LABEL}+${key})`}
          >
            <Icon size={18} />
            <span className="nav-label">{label}</span>
            {target === 'studio' && active > 0 && (
              <span className="nav-badge" aria-label={`${active} running`}>
                {active}
              </span>
            )}
          </button>
        ))}
      </nav>
      <CollectionsNav />
      <div className="sidebar-footer">
        <button
          type="button"
          className="nav-item"
          onClick={() => openSettings(true)}
          title={`Settings (${MOD_LABEL}+,)`}
        >
          <GearIcon size={18} />
          <span className="nav-label">Settings</span>
        </button>
      </div>
    </aside>
  )
}
