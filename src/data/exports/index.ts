// Data exports (ADR 0015): a ZIP of every pet (pets.json, docs/data-export-format.md) and each pet's
// stored display image, built by the export-user-data job into the user's own storage folder, one per
// account, counted in its storage quota, offered for 7 days through /account/exports/<id>.
export {
  EXPORT_DOWNLOAD_URL_SECONDS,
  EXPORT_FAILED_MESSAGE,
  EXPORT_RETENTION_DAYS,
  exportKey,
  markDataExportFailed,
  sendDataExportJob,
  type DataExport,
  type DataExportStatus,
} from './records';
export {
  createDataExportDownload,
  ExportTooSoonError,
  getDataExport,
  listDataExports,
  startDataExport,
} from './requests';
export { buildDataExport, type ExportBuildResult } from './build';
export { expireDataExports, type ExportCleanupReport } from './expire';
