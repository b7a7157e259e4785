/**
 * The renderer's entry. `window.atelier` (installed by the preload or the
 * browser-mode bridge) is wrapped once; without it, the page says so plainly
 * instead of crashing.
 */
// Tokens and base styles first: component styles build on them.
import './styles/tokens.css'
import './styles/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { atelier, isCoreConnected } from './api/client'
import { App } from './app/App'
import { NotConnected } from './app/NotConnected'
import { applyCachedTheme } from './app/theme'
import { startStores } from './stores/startup'

applyCachedTheme()
const root = createRoot(document.getElementById('root')!)

if (isCoreConnected()) {
  startStores(atelier)
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
} else {
  root.render(<NotConnected />)
}
