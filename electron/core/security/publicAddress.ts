/**
 * The one rule for where Atelier may connect on a link's behalf: only to public
 * unicast addresses. Loopback, private (RFC 1918), link-local (cloud metadata
 * at 169.254.169.254), carrier-grade NAT, multicast, unspecified, reserved and
 * every IPv6 form that embeds or maps an IPv4 address (::ffff:, NAT64, 6to4,
 * Teredo) are refused. The range table is ipaddr.js's, not ours.
 */
import ipaddr from 'ipaddr.js'

/**
 * Test-only: exact addresses treated as public, so tests can reach the
 * simulator and image servers they start on 127.0.0.1. Passed in code by test
 * factories; never read from the environment or the settings.
 */
export interface TestNetworkAllowance {
  reachableAddresses: readonly string[]
}

export function isPublicAddress(address: string, allowance?: TestNetworkAllowance): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.parse(address)
  if (
    allowance?.reachableAddresses.some(
      (allowed) => ipaddr.isValid(allowed) && ipaddr.parse(allowed).toString() === parsed.toString(),
    )
  ) {
    return true
  }
  // Anything but plain unicast — including IPv4-mapped IPv6, which ipaddr.js reports as 'ipv4Mapped' — is refused.
  return parsed.range() === 'unicast'
}
