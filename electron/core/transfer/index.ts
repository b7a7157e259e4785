/** Feature: export to a folder and import from one (library.export, library.import). */
export { exportGenerations, type ExportOptions, type ExportSource } from './exportFolder'
export { importGenerations, type ImportOptions, type ImportTarget } from './importFolder'
export { createTransferFeature, type TransferCommand, type TransferDeps } from './handlers'
export { Sidecar, SIDECAR_FORMAT, SIDECAR_VERSION, toSidecar } from './sidecar'
// The entry rules the library's own copy of its extras shares with an export (core/extras).
export { COLLECTIONS_MAX, CollectionEntry } from './collectionsFile'
export { PromptText, SafeId } from './sidecar'
export { StyleEntry } from './stylesFile'
