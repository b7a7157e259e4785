export { createRebuildFeature, type RebuildDeps } from './handlers'
export {
  openLibraryOrRebuild,
  rebuildFromFiles,
  rebuiltNotices,
  restoreFromFiles,
  setDatabaseAside,
  type OpenedLibrary,
} from './rebuildLibrary'
export { scanLibraryFiles, type LibraryScan } from './scanLibraryFiles'
export { liveMember, swappableLibrary, type SwappableLibrary } from './swappableLibrary'
