// A deleted account's files on the S3 adapter against a real S3 server (radosgw): the same suite as
// on local disk.
import { describeOnS3 } from '../support/s3-suite';
import { accountFilesSuite } from './account-files-suite';

await describeOnS3('account files on S3 (radosgw)', () => accountFilesSuite('s3'));
