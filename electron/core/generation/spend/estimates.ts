/**
 * How long generations take, learned from the user's own finished tasks:
 * medians (robust to the odd stalled task) by aspect ratio and reference count,
 * by aspect ratio alone, and overall. Pure; the UI picks the most specific one.
 */
import type { DurationEstimates } from '../../../../shared/contract'
import type { AspectRatio } from '../../../../shared/domain'

export interface DurationSample {
  aspectRatio: AspectRatio
  references: number
  ms: number
}

/** The median of the values, rounded to whole ms; null for none. */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const middle = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return Math.round(value)
}

function groupBy<K>(samples: readonly DurationSample[], key: (s: DurationSample) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>()
  for (const sample of samples) {
    const k = key(sample)
    const list = groups.get(k)
    if (list) list.push(sample.ms)
    else groups.set(k, [sample.ms])
  }
  return groups
}

export function computeEstimates(samples: readonly DurationSample[]): DurationEstimates {
  const usable = samples.filter((s) => Number.isFinite(s.ms) && s.ms >= 0)
  const groups = [...groupBy(usable, (s) => `${s.aspectRatio}|${s.references}`).entries()].map(([key, values]) => {
    const [aspectRatio, references] = key.split('|') as [AspectRatio, string]
    return { aspectRatio, references: Number(references), medianMs: median(values)!, samples: values.length }
  })
  const byAspectRatio = [...groupBy(usable, (s) => s.aspectRatio).entries()].map(([aspectRatio, values]) => ({
    aspectRatio,
    medianMs: median(values)!,
    samples: values.length,
  }))
  const all = median(usable.map((s) => s.ms))
  return { groups, byAspectRatio, overall: all === null ? null : { medianMs: all, samples: usable.length } }
}
