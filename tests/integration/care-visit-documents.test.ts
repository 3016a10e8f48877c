// Vet visit documents on the local disk adapter (the embedded default), on PGlite or PostgreSQL.
import { describe } from 'vitest';
import { visitDocumentsSuite } from './care-visit-documents-suite';

describe('vet visit documents on local disk', () => {
  visitDocumentsSuite('local');
});
