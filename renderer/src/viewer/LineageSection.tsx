/**
 * Where an image came from (the earlier results among its references) and what
 * was made from it since (remixes that used it as a reference). Each is a
 * thumbnail that opens that generation, so the family tree can be walked.
 */
import { useEffect, useState } from 'react'
import type { Lineage } from '../../../shared/contract'
import type { Generation } from '../../../shared/domain'
import { smallThumbPath } from '../../../shared/thumbnails'
import { atelier } from '../api/client'
import { uiStore } from '../stores/ui/store'
import { TreeIcon } from '../library/libraryIcons'

export function LineageSection({ generation }: { generation: Generation }) {
  const [lineage, setLineage] = useState<{ id: string; version: number; value: Lineage } | null>(null)

  useEffect(() => {
    let cancelled = false
    atelier
      .invoke('library.lineage', { id: generation.id })
      .then((value) => !cancelled && setLineage({ id: generation.id, version: generation.version, value }))
      .catch(
        () =>
          !cancelled &&
          setLineage({ id: generation.id, version: generation.version, value: { parents: [], children: [] } }),
      )
    return () => {
      cancelled = true
    }
  }, [generation.id, generation.version])

  const current = lineage?.id === generation.id ? lineage.value : null
  if (!current || (current.parents.length === 0 && current.children.length === 0)) return null

  return (
    <section className="viewer-lineage" aria-label="Lineage">
      <h3>
        <TreeIcon size={14} /> Lineage
      </h3>
      {current.parents.length > 0 && <Family title="Came from" items={current.parents} />}
      {current.children.length > 0 && <Family title="Made from it" items={current.children} />}
    </section>
  )
}

function Family({ title, items }: { title: string; items: Generation[] }) {
  return (
    <div className="viewer-family">
      <h4>{title}</h4>
      <ul aria-label={title}>
        {items.map((g) => (
          <li key={g.id}>
            <button
              type="button"
              className="viewer-family-item"
              title={g.prompt}
              aria-label={`Open: ${g.prompt}`}
              onClick={() => uiStore.getState().openViewer({ source: 'library', id: g.id })}
            >
              {g.image && !g.image.missing ? (
                <img src={atelier.mediaUrl(smallThumbPath(g.image.thumbPath))} alt="" decoding="async" />
              ) : (
                <span className="viewer-family-text">{g.prompt.slice(0, 40)}</span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
