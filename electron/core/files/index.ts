/** Feature: a result's file on disk — desktop actions, the background file check, thumbnail rebuilds. */
export {
  createFileCheck,
  inspectRow,
  type FileCheck,
  type FileCheckOptions,
  type FileStore,
  type RowVerdict,
} from './fileCheck'
export { createFilesFeature, type FilesCommand, type FilesDeps } from './handlers'
export { rebuildThumbnail } from './rebuild'
