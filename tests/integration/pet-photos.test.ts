// Pet photos on the default storage: local disk under the test's data directory.
import { photoSuite } from './pet-photos-suite';

photoSuite('local');
