// Data export on the local disk adapter (the embedded default), on PGlite or PostgreSQL.
import { describe } from 'vitest';
import { dataExportSuite } from './data-export-suite';

describe('data export on local disk', () => {
  dataExportSuite('local');
});
