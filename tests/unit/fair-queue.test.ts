// The photo slots' queue: one owner's flood delays another owner's job by one job at most.
import { describe, expect, it } from 'vitest';
import { fairQueue } from '@/lib/fair-queue';

/** A job that runs until released, recording when it starts. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('fairQueue', () => {
  it("runs another owner's job next, not after everything one owner queued", async () => {
    const run = fairQueue(1);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const job = (owner: string, name: string) => {
      const g = gate();
      gates.set(name, g);
      return run(owner, async () => {
        started.push(name);
        await g.done;
      });
    };
    const jobs = Array.from({ length: 12 }, (_, index) => job('attacker', `a${index}`));
    jobs.push(job('victim', 'v'));
    // Let the jobs finish one by one, in whatever order they started.
    for (let index = 0; index < 13; index++) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.get(started[index]!)!.release();
    }
    await Promise.all(jobs);
    expect(started).toHaveLength(13);
    expect(started.indexOf('v')).toBeLessThanOrEqual(2);
    // Each owner's jobs keep their own order.
    expect(started.filter((name) => name !== 'v')).toEqual(Array.from({ length: 12 }, (_, index) => `a${index}`));
  });

  it('never runs more than its slots at once, and passes results and errors through', async () => {
    const run = fairQueue(2);
    let running = 0;
    let most = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        run(`owner${index % 3}`, async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          if (index === 3) throw new Error('boom');
          return index;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(results[3]).toMatchObject({ status: 'rejected' });
    expect(results[5]).toEqual({ status: 'fulfilled', value: 5 });
  });
});
