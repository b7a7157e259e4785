/** Drag payload types Atelier's own views exchange (never seen by other apps). */

/** The dragged generations' ids, as a JSON array: library grid → studio's reference tray. */
export const GENERATION_DRAG_TYPE = 'application/x-atelier-generation'
