// The storage quota of the integration tests' process: set for what follows (the env is read again).
import { resetEnvForTests } from '@/lib/env';

/** STORAGE_QUOTA_BYTES for what follows; null restores the default. */
export function withQuota(bytes: number | null): void {
  if (bytes === null) delete process.env.STORAGE_QUOTA_BYTES;
  else process.env.STORAGE_QUOTA_BYTES = String(bytes);
  resetEnvForTests();
}
