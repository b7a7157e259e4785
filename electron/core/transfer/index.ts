export { exportGenerations, type ExportOptions } from './exportFolder'
export { importGenerations, type ImportOptions } from './importFolder'
export { Sidecar, SIDECAR_FORMAT, SIDECAR_VERSION, toSidecar } from './sidecar'
