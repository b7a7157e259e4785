import { describe, expect, it } from 'vitest'
import { isAppUrl, isTrustedSender } from './validateSender'

const appUrl = 'file:///opt/Atelier/resources/app/out/renderer/index.html'

describe('isTrustedSender', () => {
  it('accepts our top-level frame showing our page', () => {
    expect(isTrustedSender({ url: appUrl, parent: null }, true, appUrl)).toBe(true)
  })
  it('refuses iframes, other web contents and missing frames', () => {
    expect(isTrustedSender({ url: appUrl, parent: {} }, true, appUrl)).toBe(false)
    expect(isTrustedSender({ url: appUrl, parent: null }, false, appUrl)).toBe(false)
    expect(isTrustedSender(null, true, appUrl)).toBe(false)
  })
  it('refuses a page that navigated elsewhere', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, true, appUrl)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/other.html', parent: null }, true, appUrl)).toBe(false)
  })
  it('matches a dev server by origin only', () => {
    expect(isAppUrl('http://localhost:5173/#/library', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('not a url', 'http://localhost:5173/')).toBe(false)
  })
})
