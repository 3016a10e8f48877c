// Photo processing in integration tests (ADR 0016): the process-photo job's workers run in the test
// process on the test's own database, as `npm start` runs them in the app, and a pet is read back
// once its photo has left 'processing'.
import { vi } from 'vitest';
import { getPet } from '@/actions/pets';
import type { Pet } from '@/data/pets';
import { processPhotoHandler } from '@/jobs/handlers/process-photo';
import { startWorkers } from '@/jobs/workers';
import { returned, type Browser } from './next-request';

/** Starts this process's process-photo workers, as the app runs them; returns how to stop them again. */
export async function startPhotoWorkers(): Promise<{ stop: () => Promise<void> }> {
  const boss = await startWorkers({ jobs: [processPhotoHandler], pollingIntervalSeconds: 0.5 });
  return { stop: () => boss.offWork(processPhotoHandler.name) };
}

/** The pet as its owner reads it through getPet. */
export async function readPet(user: Browser, id: string): Promise<Pet> {
  const result = returned(await user.call(() => getPet({ id })));
  if (!result.success) throw new Error(result.message);
  return result.pet;
}

/** The pet once its photo is no longer 'processing' (ready, failed, or none); workers must be running. */
export async function settledPet(user: Browser, id: string, timeoutMs = 30_000): Promise<Pet> {
  return vi.waitFor(
    async () => {
      const pet = await readPet(user, id);
      if (pet.photoStatus === 'processing') throw new Error(`pet ${id}: photo still processing`);
      return pet;
    },
    { timeout: timeoutMs, interval: 100 },
  );
}
