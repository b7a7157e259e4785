/** Feature: browsing, favourites, the trash and lineage (library.* commands). */
export {
  createLibraryFeature,
  SELECT_ALL_CAP,
  type LibraryCommand,
  type LibraryDeps,
  type LibraryReadModel,
} from './handlers'
