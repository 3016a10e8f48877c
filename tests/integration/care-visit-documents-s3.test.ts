// Vet visit documents on the S3 adapter against a real S3 server (radosgw): the same suite as on local disk.
import { describeOnS3 } from '../support/s3-suite';
import { visitDocumentsSuite } from './care-visit-documents-suite';

await describeOnS3('vet visit documents on S3 (radosgw)', () => visitDocumentsSuite('s3'));
