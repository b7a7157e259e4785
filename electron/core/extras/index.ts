/** The library's own copy of its styles, collections and prompt history (docs/recipe.md, "What survives"). */
export { EXTRAS_KINDS, extrasFile, readKeptExtras, type ExtrasProblem, type KeptExtras } from './files'
export { createExtrasKeeper, EXTRAS_DELAY_MS, EXTRAS_MAX_DELAY_MS, type ExtrasKeeper } from './keeper'
export { nothingRestored, restoreKeptExtras, type ExtrasRestore } from './restore'
