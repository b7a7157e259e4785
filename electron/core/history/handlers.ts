/**
 * The prompt history's commands. Entries are written by generation.create
 * (through `record`), read by the studio's picker and the command palette,
 * and cleared from Settings; no generation or image is touched by any of it.
 */
import type { PromptHistory } from '../db'
import type { Feature } from '../ipc/router'
import type { Logger } from '../ports'

export type HistoryCommand = 'history.list' | 'history.clear'

export interface HistoryDeps {
  history: PromptHistory
  logger: Logger
}

export interface HistoryFeature extends Feature<HistoryCommand> {
  /** Remembers a prompt that was just sent (the final one, after styles). */
  record: PromptHistory['record']
}

export function createHistoryFeature({ history, logger }: HistoryDeps): HistoryFeature {
  return {
    record: (prompt, aspectRatio) => history.record(prompt, aspectRatio),
    handlers: {
      'history.list': async (query) => history.list(query),
      'history.clear': async () => {
        const removed = history.clear()
        logger.info({ removed }, 'prompt history cleared')
        return { removed }
      },
    },
  }
}
