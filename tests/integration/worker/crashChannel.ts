/** The channel on which a test tells crashingEntry.ts how its worker should die. */
export const CRASH_CHANNEL = 'atelier-test-core-crash'
