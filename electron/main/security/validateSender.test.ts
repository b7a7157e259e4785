import { describe, expect, it } from 'vitest'
import { isAppUrl, isTrustedSender } from './validateSender'

const origin = 'app://atelier'

describe('isTrustedSender', () => {
  it('accepts our top-level frame showing our page', () => {
    expect(isTrustedSender({ url: 'app://atelier/index.html', parent: null }, true, origin)).toBe(true)
  })
  it('refuses iframes, other web contents and missing frames', () => {
    expect(isTrustedSender({ url: 'app://atelier/index.html', parent: {} }, true, origin)).toBe(false)
    expect(isTrustedSender({ url: 'app://atelier/index.html', parent: null }, false, origin)).toBe(false)
    expect(isTrustedSender(null, true, origin)).toBe(false)
  })
  it('refuses a page that navigated elsewhere, file:// included', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, true, origin)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/other.html', parent: null }, true, origin)).toBe(false)
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null }, true, origin)).toBe(false)
  })
  it('compares the whole origin: scheme, host and port', () => {
    expect(isAppUrl('http://localhost:5173/#/library', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('app://atelier.evil/x', origin)).toBe(false)
    expect(isAppUrl('not a url', origin)).toBe(false)
  })
})
