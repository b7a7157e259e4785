/** Feature: the prompt history (history.* commands); see docs/library.md. */
export { createHistoryFeature, type HistoryCommand, type HistoryDeps, type HistoryFeature } from './handlers'
