/** Feature: settings, the studio draft and the library's saved view. */
export { createSettingsFeature, type SettingsCommand, type SettingsDeps } from './handlers'
export { createSettingsService, DEFAULT_API_BASE_URL, DEFAULT_SETTINGS, type SettingsService } from './settingsService'
export { asideName, openSettingsFile } from './openSettingsFile'
