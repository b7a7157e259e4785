export { createSimulator, DEMO_API_KEY } from './server'
export type {
  RecordedRequest,
  SimulatedTask,
  Simulator,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorTimings,
} from './types'
