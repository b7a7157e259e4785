/** Feature: the API key, encrypted at rest, and the key.* commands. */
export { createKeyFeature, type KeyCommand, type KeyDeps } from './handlers'
export { createKeyVault, type KeyVault } from './keyVault'
