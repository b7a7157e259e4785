/** Feature: the task engine and the generation.* / engine.* / spend.* commands. See docs/task-engine.md. */
export { createTaskEngine } from './TaskEngine'
export {
  createGenerationFeature,
  type GenerationCommand,
  type GenerationDeps,
  type GenerationFeature,
} from './handlers'
export { createCoalescer, type Coalescer, type CoalescerOptions } from './coalesce'
export { computeBackoff } from './backoff'
export {
  DEFAULT_TUNING,
  systemTimer,
  type CreateTasksInput,
  type EnginePhase,
  type EngineTuning,
  type LedgerStore,
  type TaskEngine,
  type TaskEngineOptions,
  type Timer,
} from './types'
