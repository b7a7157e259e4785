/** Shown instead of the app when no transport was installed (opened outside Atelier). */
import { AlertIcon } from '../ui/icons'

export function NotConnected() {
  return (
    <main className="not-connected">
      <div className="not-connected-card card">
        <AlertIcon size={28} />
        <h1>Atelier&apos;s core is not connected</h1>
        <p className="muted">
          This page is Atelier&apos;s interface, but the part that talks to runblob and keeps your library is not
          running behind it. Start Atelier itself (or <code>npm run browser</code> for browser mode) and open the page
          it serves.
        </p>
      </div>
    </main>
  )
}
