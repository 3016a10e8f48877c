// A deleted account's files on the default storage: local disk under the test's data directory.
import { accountFilesSuite } from './account-files-suite';

accountFilesSuite('local');
