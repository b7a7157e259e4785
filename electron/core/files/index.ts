export { createFileCheck, inspectRow, type FileCheck, type FileCheckOptions, type RowVerdict } from './fileCheck'
export { rebuildThumbnail } from './rebuild'
