// @vitest-environment happy-dom
/**
 * The queue and the viewer offer exactly what shared/generationActions.ts allows,
 * for every status and error code; and a retry that would pass a spending limit
 * asks the studio's question before it is sent again, confirmed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GenerationStatus, type Generation } from '../../../shared/domain'
import { generationActions, RETRY_LABELS } from '../../../shared/generationActions'
import { AtelierError } from '../../../shared/result'
import { setAtelierForTests } from '../api/client'
import { QueueItem } from '../queue/QueueItem'
import { initialTasksState, tasksStore } from '../stores/tasks/store'
import { RetrySpendLimitDialog } from '../studio/SpendLimitDialog'
import { createFakeCore, type FakeHandlers } from '../testing/fakeTransport'
import { makeGeneration } from '../testing/fixtures'
import { render, settle, type Rendered } from '../testing/render'
import { ViewerDetails } from '../viewer/ViewerDetails'

const IMAGE = {
  path: 'images/a.png',
  thumbPath: 'thumbs/a.webp',
  width: 1024,
  height: 1024,
  bytes: 2048,
  sha256: 'ab',
  mime: 'image/png',
}
const CODES = [
  null,
  'DOWNLOAD_FAILED',
  'RESULT_EXPIRED',
  'TASK_NOT_FOUND',
  'MODERATION_FAILED',
  'OPENAI_DECLINED',
  'INSUFFICIENT_CREDITS',
  'NETWORK',
]

/** Every status × error code, with and without a task and a result address, in and out of the trash. */
function cases(): Array<{ name: string; generation: Generation }> {
  const all: Array<{ name: string; generation: Generation }> = []
  for (const status of GenerationStatus.options) {
    for (const code of CODES) {
      for (const known of [true, false]) {
        for (const trashed of [false, true]) {
          const generation = makeGeneration({
            status,
            error: code ? { code, message: `It went wrong (${code}).`, detail: null } : null,
            taskUuid: known ? 'task-1' : null,
            remoteUrl: known ? 'https://cdn.example/result.png' : null,
            image: status === 'completed' ? IMAGE : null,
            deletedAt: trashed ? '2026-01-02T00:00:00.000Z' : null,
          })
          all.push({
            name: `${status} ${code ?? 'no error'}${known ? ' with task' : ''}${trashed ? ' in trash' : ''}`,
            generation,
          })
        }
      }
    }
  }
  // A completed image whose file went missing.
  all.push({
    name: 'completed, file missing',
    generation: makeGeneration({ status: 'completed', image: { ...IMAGE, missing: true } }),
  })
  return all
}

/** The words of the buttons each action is offered as (the viewer's file actions in browser mode: no reveal). */
function expectedQueueButtons(g: Generation): string[] {
  const can = generationActions(g)
  return [
    ...(can.retry ? [RETRY_LABELS[can.retry]] : []),
    ...(can.useAsReference ? ['Use as reference'] : []),
    ...(can.remix ? ['Remix'] : []),
  ]
}

function expectedViewerButtons(g: Generation): string[] {
  const can = generationActions(g)
  return [
    ...(can.copyPrompt ? ['Copy prompt'] : []),
    ...(can.favorite ? ['Favourite'] : []),
    ...(can.remix ? ['Remix'] : []),
    ...(can.useAsReference ? ['Use as reference'] : []),
    ...(can.fileActions ? ['Copy image', 'Save as…'] : []),
    ...(can.retry ? [RETRY_LABELS[can.retry]] : []),
    ...(can.restore ? ['Restore'] : []),
    ...(can.trash ? ['Delete'] : []),
  ]
}

function installFakeCore(handlers: FakeHandlers = {}) {
  const core = createFakeCore({ 'library.lineage': () => ({ parents: [], children: [] }), ...handlers })
  setAtelierForTests(core.api)
  return core
}

let mounted: Rendered[] = []
const show = async (node: Parameters<typeof render>[0]) => {
  const rendered = await render(node)
  mounted.push(rendered)
  return rendered
}

beforeEach(() => tasksStore.setState(initialTasksState()))
afterEach(() => {
  mounted.forEach((rendered) => rendered.unmount())
  mounted = []
  setAtelierForTests(null)
})

describe('the queue, the viewer and generationActions agree', () => {
  // Nearly 300 cases, each rendered for real: generous time on a busy machine.
  it('for every status and error code, including TASK_NOT_FOUND', { timeout: 120_000 }, async () => {
    installFakeCore()
    const seen = new Set<string>()
    for (const { name, generation } of cases()) {
      const both = await show(
        <>
          <ul>
            <QueueItem generation={generation} />
          </ul>
          <ViewerDetails generation={generation} onDeleted={() => undefined} />
        </>,
      )
      expect(both.buttons('.queue-actions'), `queue: ${name}`).toEqual(expectedQueueButtons(generation))
      expect(both.buttons('.viewer-actions'), `viewer: ${name}`).toEqual(expectedViewerButtons(generation))
      const kind = generationActions(generation).retry
      if (kind) seen.add(kind)
      both.unmount()
      mounted = []
    }
    // The cases reach every kind of retry (a matrix that offered none would prove nothing).
    expect([...seen].sort()).toEqual(['again', 'download', 'poll', 'resubmit'])
  })

  it('offers "Check again" for a task the provider lost, in both', async () => {
    installFakeCore()
    const lost = makeGeneration({
      status: 'failed',
      taskUuid: 'task-1',
      error: { code: 'TASK_NOT_FOUND', message: 'runblob does not know this task.', detail: null },
    })
    expect((await show(<QueueItem generation={lost} />)).buttons('.queue-actions')).toContain('Check again')
    expect(
      (await show(<ViewerDetails generation={lost} onDeleted={() => undefined} />)).buttons('.viewer-actions'),
    ).toContain('Check again')
  })
})

describe('a retry over a spending limit', () => {
  const overLimit = new AtelierError({
    code: 'SPEND_LIMIT',
    message: "Today's spending is $0.08; this would take it to $0.12, over your daily limit of $0.10.",
    data: { limit: 'daily', limitAmount: '0.10', spent: '0.08', after: '0.12', total: '0.04', variations: 1 },
  })
  const declined = () =>
    makeGeneration({
      status: 'failed',
      taskUuid: 'task-1',
      prompt: 'a lighthouse in fog',
      error: { code: 'OPENAI_DECLINED', message: 'The provider declined.', detail: null },
    })

  function limitedCore(g: Generation) {
    return installFakeCore({
      'generation.retry': ({ id, confirmOverLimit }) => {
        if (!confirmOverLimit) throw overLimit
        return makeGeneration({ status: 'queued', prompt: g.prompt, version: 1, id: `${id}-again` })
      },
    })
  }

  for (const from of ['viewer', 'queue'] as const) {
    it(`from the ${from}: asks the studio's question before the second call, and sends it confirmed on yes`, async () => {
      const g = declined()
      const core = limitedCore(g)
      await show(<RetrySpendLimitDialog />)
      const where = await show(
        from === 'viewer' ? <ViewerDetails generation={g} onDeleted={() => undefined} /> : <QueueItem generation={g} />,
      )
      await where.click(RETRY_LABELS.again)
      await settle()
      expect(core.callsOf('generation.retry')).toEqual([{ id: g.id, confirmOverLimit: false }])
      expect(document.body.textContent).toContain(
        "This would take today's spending to $0.12, over your daily limit of $0.10. Generate anyway?",
      )
      // No generation.create behind the question's back: the retry is the only way.
      expect(core.callsOf('generation.create')).toEqual([])

      await where.click('Generate anyway')
      await settle()
      expect(core.callsOf('generation.retry')).toEqual([
        { id: g.id, confirmOverLimit: false },
        { id: g.id, confirmOverLimit: true },
      ])
      expect(tasksStore.getState().retryLimit).toBeNull()
      expect(tasksStore.getState().byId[`${g.id}-again`]?.status).toBe('queued')
      expect(document.body.textContent).not.toContain('Generate anyway?')
    })
  }

  it('cancel sends nothing more', async () => {
    const g = declined()
    const core = limitedCore(g)
    await show(<RetrySpendLimitDialog />)
    const viewer = await show(<ViewerDetails generation={g} onDeleted={() => undefined} />)
    await viewer.click(RETRY_LABELS.again)
    await settle()
    await viewer.click('Cancel')
    await settle()
    expect(core.callsOf('generation.retry')).toHaveLength(1)
    expect(tasksStore.getState().retryLimit).toBeNull()
    expect(document.body.textContent).not.toContain('Generate anyway?')
  })
})
