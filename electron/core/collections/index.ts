export { createCollectionsFeature, type CollectionCommand, type CollectionDeps } from './handlers'
