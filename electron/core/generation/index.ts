export { createTaskEngine } from './TaskEngine'
export { createCoalescer, type Coalescer, type CoalescerOptions } from './coalesce'
export { computeBackoff } from './backoff'
export {
  DEFAULT_TUNING,
  systemTimer,
  type CreateTasksInput,
  type EnginePhase,
  type EngineTuning,
  type TaskEngine,
  type TaskEngineOptions,
  type Timer,
} from './types'
