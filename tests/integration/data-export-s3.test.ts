// Data export on the S3 adapter against a real S3 server (radosgw): the same suite as on local disk.
import { describeOnS3 } from '../support/s3-suite';
import { dataExportSuite } from './data-export-suite';

await describeOnS3('data export on S3 (radosgw)', () => dataExportSuite('s3'));
