/** Which generations a drop onto a collection carries: the dragged ones, or the whole selection when one of them is in it. */
import { GENERATION_DRAG_TYPE } from '../dragTypes'

export function draggedGenerationIds(data: Pick<DataTransfer, 'getData'>, selection: ReadonlySet<string>): string[] {
  let ids: string[] = []
  try {
    const parsed: unknown = JSON.parse(data.getData(GENERATION_DRAG_TYPE) || '[]')
    if (Array.isArray(parsed)) ids = parsed.filter((id): id is string => typeof id === 'string' && id !== '')
  } catch {
    return []
  }
  if (ids.some((id) => selection.has(id))) return [...new Set([...selection, ...ids])]
  return [...new Set(ids)]
}

export const carriesGenerations = (types: readonly string[]) => types.includes(GENERATION_DRAG_TYPE)
