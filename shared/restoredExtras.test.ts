import { describe, expect, it } from 'vitest'
import { describeRestoredExtras } from './restoredExtras'

const none = { styles: 0, collections: 0, collectionItems: 0, prompts: 0, problems: [] }

describe('describeRestoredExtras', () => {
  it('names what came back, in one sentence part, and nothing when nothing did', () => {
    expect(describeRestoredExtras(none)).toBeNull()
    expect(describeRestoredExtras({ ...none, styles: 1 })).toBe('1 style')
    expect(describeRestoredExtras({ ...none, styles: 3, collections: 2, collectionItems: 57, prompts: 1400 })).toBe(
      '3 styles, 2 collections (57 images) and 1,400 prompts',
    )
    // Members added to boards that were already there (a merge): the images are still counted.
    expect(describeRestoredExtras({ ...none, collectionItems: 1, prompts: 2 })).toBe(
      'collections (1 image) and 2 prompts',
    )
    expect(describeRestoredExtras({ ...none, collections: 1 })).toBe('1 collection')
  })
})
