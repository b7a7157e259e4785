/**
 * System notifications: only while the window is not in front (the page shows
 * the same news itself), and a click brings the window back and opens the image
 * the notice was about.
 */
import { Notification } from 'electron'
import type { Notifier } from '../core/ports'

export interface NotificationTarget {
  isFocused(): boolean
  /** Restore and focus the window, then show this generation. */
  show(generationId: string | undefined): void
}

export function createDesktopNotifier(target: NotificationTarget): Notifier {
  return {
    notify(title, body, options) {
      if (!Notification.isSupported() || target.isFocused()) return
      const notice = new Notification({ title, body, silent: false })
      notice.on('click', () => target.show(options?.generationId))
      notice.show()
    },
  }
}
