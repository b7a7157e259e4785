/** What a generation rebuilt from its image's recipe could not get back, in words (viewer details, the rebuild report). */
import type { RecoveredGap } from '../../../shared/domain'

export function describeGap(gap: RecoveredGap): string {
  switch (gap.field) {
    case 'taskUuid':
      return 'the provider task id'
    case 'price':
      return 'the price'
    case 'submittedAt':
      return 'when it was sent'
    case 'finishedAt':
      return 'when it finished'
    case 'referenceFile':
      return 'a reference image (its file is gone)'
    case 'referenceUrl':
      return 'a reference link (links are never kept in a recipe)'
  }
}

export function describeGaps(gaps: readonly RecoveredGap[]): string {
  return gaps.map(describeGap).join('; ')
}
