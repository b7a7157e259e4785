/**
 * What went wrong at start and was repaired (app.info's notices: a damaged
 * settings file set aside, a library rebuilt from its files, styles and
 * collections restored from the library's copy), shown once as a
 * banner in the engine banner's style, each with the path of the file kept,
 * until dismissed.
 */
import { useState } from 'react'
import type { StartupNotice } from '../../../shared/contract'
import { useSettings } from '../stores/settings/store'
import { CloseIcon, InfoIcon } from '../ui/icons'

const TITLES: Partial<Record<string, string>> = {
  SETTINGS_RESET: 'Settings were reset to their defaults.',
  LIBRARY_REBUILT: 'The library was rebuilt from its image files.',
  LIBRARY_RESTORED: 'Your styles, collections and prompt history were restored.',
  EXTRAS_DAMAGED: 'A saved copy of your styles, collections or prompt history could not be read.',
}

const noticeKey = (notice: StartupNotice): string => `${notice.code}:${notice.path ?? ''}`

export function StartupNotices() {
  const notices = useSettings((s) => s.app?.notices) ?? []
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set())
  const shown = notices.filter((notice) => !dismissed.has(noticeKey(notice)))
  if (shown.length === 0) return null
  return (
    <>
      {shown.map((notice) => (
        <div key={noticeKey(notice)} className="engine-banner warning" role="status" data-notice={notice.code}>
          <InfoIcon />
          <div className="engine-banner-text">
            <strong>{TITLES[notice.code] ?? notice.message}</strong>
            {TITLES[notice.code] && <span>{notice.message}</span>}
            {notice.path && (
              <span>
                Kept at <code className="notice-path">{notice.path}</code>
              </span>
            )}
          </div>
          <button
            type="button"
            className="btn ghost small icon"
            aria-label="Dismiss this notice"
            onClick={() => setDismissed((keys) => new Set([...keys, noticeKey(notice)]))}
          >
            <CloseIcon size={14} />
          </button>
        </div>
      ))}
    </>
  )
}
