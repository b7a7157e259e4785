/** Feature: export to a folder and import from one (library.export, library.import). */
export { exportGenerations, type ExportOptions, type ExportSource } from './exportFolder'
export { importGenerations, type ImportOptions, type ImportTarget } from './importFolder'
export { createTransferFeature, type TransferCommand, type TransferDeps } from './handlers'
export { Sidecar, SIDECAR_FORMAT, SIDECAR_VERSION, toSidecar } from './sidecar'
