// Pet photos on the S3 adapter against a real S3 server (radosgw): the same suite as on local disk.
import { describeOnS3 } from '../support/s3-suite';
import { photoSuite } from './pet-photos-suite';

await describeOnS3('pet photos on S3 (radosgw)', () => photoSuite('s3'));
