/** The simulator's mutable state, shared by its route handlers. */
import type { Dice } from './dice'
import type { TaskRecord } from './tasks'
import type { SimulatorFaults, SimulatorTimings } from './types'

export interface SimulatorState {
  baseUrl: string
  apiKeys: ReadonlySet<string>
  price: string
  priceMicros: bigint
  /** Remaining balance in micro-units; null = unlimited. */
  credits: bigint | null
  timings: SimulatorTimings
  timingsFor: ((prompt: string) => SimulatorTimings | null) | null
  moderationTrigger: RegExp | null
  longEdge: number
  extraFields: boolean
  faults: SimulatorFaults
  dice: Dice
  tasks: Map<string, TaskRecord>
  /** Rendered result PNGs, by task uuid (insertion-ordered, so the oldest is evicted first). */
  renders: Map<string, Promise<Buffer>>
}

export const RENDER_CACHE_MAX = 64
