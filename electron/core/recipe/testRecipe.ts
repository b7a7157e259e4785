/** A recipe with every field filled, for the recipe tests. */
import type { Recipe } from './schema'

export function sampleRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return {
    format: 'atelier.recipe',
    version: 1,
    generationId: 'gen-0001',
    // Quotes, markup, an ampersand, non-Latin text, an emoji and a control character.
    prompt: 'A "cat" & <dog> at dusk — 猫と犬 🎨\u0007 end',
    aspectRatio: '4:3',
    references: [
      {
        hash: 'a'.repeat(64),
        kind: 'file',
        mime: 'image/jpeg',
        width: 800,
        height: 600,
        sourceGenerationId: 'gen-0000',
      },
      { hash: 'b'.repeat(64), kind: 'url', mime: null, width: null, height: null, sourceGenerationId: null },
    ],
    price: '0.0400',
    taskUuid: '5d0f3c1e-8a8b-4c57-9d0e-2f1b6c9a7e31',
    createdAt: '2026-11-30T10:00:00.000Z',
    submittedAt: '2026-11-30T10:00:01.000Z',
    finishedAt: '2026-11-30T10:02:03.000Z',
    parents: ['gen-0000'],
    app: { name: 'Atelier', version: '0.1.0' },
    ...overrides,
  }
}
